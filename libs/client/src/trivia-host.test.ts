import { describe, expect, it } from 'bun:test'
import type { CluePhase, ClueView, Snapshot } from '@gamenight/contracts'
import type { Shown } from './trivia-board.ts'
import {
  checkWager,
  type HostCommand,
  type HostView,
  hostStep,
  keyIntent,
  type LoggedAnswer,
  planHost,
} from './trivia-host.ts'
import { mergeTriviaSnapshot, type TriviaGame } from './trivia-state.ts'

// The host's game flow as plain data: a game state, the clue on screen, the answer log → a step
// and, for each move, the api calls and screen messages it makes.
const A = 'ada',
  B = 'bo',
  C = 'cy'
const Q = 'q-200',
  DD = 'q-dd',
  FINAL = 'q-final'
const snap = (over: Partial<Snapshot> = {}): Snapshot => ({
  id: 'g',
  name: 'Quiz',
  seq: 1,
  status: 'playing',
  result: null,
  role: 'host',
  clue: null,
  buzzer: { armed: false, winnerId: null, version: 1 },
  players: [
    { id: A, name: 'Ada', score: 1000, version: 1 },
    { id: B, name: 'Bo', score: -200, version: 1 },
    { id: C, name: 'Cy', score: 0, version: 1 },
  ],
  categories: [
    {
      name: 'Planets',
      round: 1,
      questions: [
        { id: Q, value: 200, answered: false, version: 0, prompt: 'Red planet', answer: 'Mars' },
        { id: DD, value: 400, answered: false, version: 0, prompt: 'Ringed', answer: 'Saturn', dailyDouble: true },
      ],
    },
  ],
  final: { questionId: FINAL, category: 'Capitals', answered: false, version: 0, prompt: 'Canada?', answer: 'Ottawa' },
  wagers: [],
  ...over,
})
const gameOf = (over: Partial<Snapshot> = {}, buzzes: TriviaGame['buzzes'] = []): TriviaGame => ({
  ...mergeTriviaSnapshot(null, snap(over)),
  buzzes,
})
const clue: Shown = { question: Q, category: 'Planets', value: 200, prompt: 'Red planet', at: 1 }
/** The server's clue (rule 2) on Q in `phase`. */
const clueOf = (phase: CluePhase, over: Partial<ClueView> = {}): ClueView => ({
  questionId: Q,
  phase,
  readTimeMs: 5000,
  opensAt: null,
  opensInMs: null,
  openedAt: null,
  lockedOut: [],
  tried: [],
  dailyDouble: false,
  prompt: null,
  answer: null,
  verdict: null,
  version: 3,
  ...over,
})
const won = (id: string) => ({ buzzer: { armed: false, winnerId: id, version: 2 } })
const view = (game: TriviaGame, shown: Shown | null, log: LoggedAnswer[] = []): HostView => ({ game, shown, log })
const commands = (v: HostView, intent: Parameters<typeof planHost>[1]): HostCommand[] => {
  const p = planHost(v, intent)
  if (!p.ok) throw new Error(`refused: ${p.error}`)
  return p.commands
}
const shape = (cs: HostCommand[]) => cs.map((c) => (c.do === 'show' ? `show:${c.msg.type}` : c.do))

describe('host flow: a board clue', () => {
  it('selecting a fresh clue has the server read it (buzzers closed) and shows the prompt on every screen', () => {
    const cs = commands(view(gameOf(), null), { type: 'select', questionId: Q })
    expect(shape(cs)).toEqual(['clue', 'show:select_question'])
    expect(cs[0]).toEqual({ do: 'clue', action: 'select', questionId: Q })
    expect(cs[1]).toMatchObject({ msg: { question: Q, category: 'Planets', value: 200, prompt: 'Red planet' } })
  })

  it('selecting an answered clue reopens it without asking (undo is one click away)', () => {
    const game = gameOf({
      buzzer: { armed: true, winnerId: null, version: 2 },
      categories: [
        { ...snap().categories[0]!, questions: [{ ...snap().categories[0]!.questions[0]!, answered: true }] },
      ],
    })
    const cs = commands(view(game, null), { type: 'select', questionId: Q })
    expect(shape(cs)).toEqual(['mark', 'clue', 'show:select_question'])
    expect(cs[0]).toEqual({ do: 'mark', questionId: Q, answered: false })
  })

  it('steps from open buzzers to the first presser', () => {
    expect(hostStep(view(gameOf({ buzzer: { armed: true, winnerId: null, version: 2 } }), clue))).toEqual({
      kind: 'clue',
      buzzers: 'open',
      answering: null,
      tried: [],
      tooEarly: [],
    })
    expect(hostStep(view(gameOf(won(B)), clue))).toMatchObject({ buzzers: 'won', answering: B })
    expect(hostStep(view(gameOf(), clue))).toMatchObject({ buzzers: 'closed', answering: null })
  })

  it('while the server reads the clue, shows who pressed too early, and "A" opens the buzzers now', () => {
    const reading = gameOf({ clue: clueOf('reading', { lockedOut: [{ playerId: C, until: '2026-01-01T00:00:01Z' }] }) })
    const step = hostStep(view(reading, clue))
    expect(step).toEqual({ kind: 'clue', buzzers: 'reading', answering: null, tried: [], tooEarly: [C] })
    expect(commands(view(reading, clue), keyIntent('a', step)!)).toEqual([{ do: 'clue', action: 'open' }])
    // Once open, "A" re-arms the buzzer for the others after a press.
    const open = gameOf({ ...won(A), clue: clueOf('open') })
    expect(commands(view(open, clue), { type: 'rearm' })).toEqual([{ do: 'rearm' }])
  })

  it('"Right" records the answer, marks the clue answered and closes it on the server and the screens', () => {
    expect(
      shape(commands(view(gameOf({ ...won(A), clue: clueOf('open') }), clue), { type: 'right', playerId: A })),
    ).toEqual(['answer', 'mark', 'clue', 'show:clear_question'])
    const cs = commands(view(gameOf(won(A)), clue), { type: 'right', playerId: A })
    expect(shape(cs)).toEqual(['answer', 'mark', 'show:clear_question'])
    expect(cs[0]).toMatchObject({
      playerId: A,
      questionId: Q,
      isCorrect: true,
      scoreBefore: 1000,
      entry: { player: 'Ada', label: 'Planets for 200', points: 200 },
    })
  })

  it('"Wrong" locks the player out of this clue and re-opens the buzzers for the others', () => {
    const cs = commands(view(gameOf(won(A)), clue), { type: 'wrong', playerId: A })
    expect(shape(cs)).toEqual(['answer', 'show:select_question', 'rearm'])
    expect(cs[1]).toMatchObject({ msg: { question: Q, excluded: [A] } })
    const again = { ...clue, excluded: [A] }
    expect(hostStep(view(gameOf(won(B)), again))).toMatchObject({ answering: B, tried: [A] })
    // Judged again (after an undo), the player is listed once.
    expect(commands(view(gameOf(won(A)), again), { type: 'wrong', playerId: A })[1]).toMatchObject({
      msg: { excluded: [A] },
    })
  })

  it('refuses to judge when nobody has buzzed, and after the game is over', () => {
    expect(planHost(view(gameOf(), clue), { type: 'right', playerId: null })).toEqual({
      ok: false,
      error: 'Nobody has buzzed yet.',
    })
    expect(planHost(view(gameOf({ status: 'finished' }), clue), { type: 'nobody' }).ok).toBe(false)
  })

  it('"Nobody" closes the clue as answered; "Back" closes it without marking it', () => {
    const reading = gameOf({ clue: clueOf('reading') })
    expect(shape(commands(view(reading, clue), { type: 'nobody' }))).toEqual(['mark', 'clue', 'show:clear_question'])
    expect(commands(view(reading, clue), { type: 'back' })).toEqual([
      { do: 'clue', action: 'close' },
      { do: 'show', msg: { type: 'clear_question' } },
    ])
    expect(shape(commands(view(gameOf(), clue), { type: 'back' }))).toEqual(['show:clear_question'])
  })

  it('maps the keyboard to moves of the current step only', () => {
    const step = hostStep(view(gameOf(won(C)), clue))
    expect(keyIntent('r', step)).toEqual({ type: 'right', playerId: C })
    expect(keyIntent('W', step)).toEqual({ type: 'wrong', playerId: C })
    expect(keyIntent('a', step)).toEqual({ type: 'rearm' })
    expect(keyIntent('Escape', step)).toEqual({ type: 'back' })
    expect(keyIntent('r', hostStep(view(gameOf(), clue)))).toBeNull()
    expect(keyIntent('q', step)).toBeNull()
  })
})

describe('host flow: undo of a mistaken "Right"', () => {
  const answered = gameOf({
    ...won(B),
    categories: [{ ...snap().categories[0]!, questions: [{ ...snap().categories[0]!.questions[0]!, answered: true }] }],
  })
  const log: LoggedAnswer[] = [
    {
      answerId: 'r2',
      player: 'Bo',
      playerId: B,
      questionId: Q,
      label: 'Planets for 200',
      isCorrect: true,
      points: 200,
    },
    {
      answerId: 'w1',
      player: 'Ada',
      playerId: A,
      questionId: Q,
      label: 'Planets for 200',
      isCorrect: false,
      points: 200,
    },
  ]

  it('restores the score and shows the current clue again, which the api reopens itself, with who already tried', () => {
    const current = { ...answered, clue: clueOf('judged', { tried: [A, B] }) }
    const cs = commands(view(current, null, log), { type: 'undo', answerId: 'r2' })
    expect(shape(cs)).toEqual(['undo', 'show:select_question'])
    expect(cs[1]).toMatchObject({ msg: { question: Q, prompt: 'Red planet', excluded: [A] } })
    // The buzzer is left as it was: the host can now mark Bo wrong and let the others buzz.
    expect(shape(cs)).not.toContain('rearm')
  })

  it('reopens an earlier clue by selecting it again', () => {
    const cs = commands(view(answered, null, log), { type: 'undo', answerId: 'r2' })
    expect(shape(cs)).toEqual(['undo', 'mark', 'clue', 'show:select_question'])
    expect(cs[1]).toEqual({ do: 'mark', questionId: Q, answered: false })
    expect(cs[2]).toEqual({ do: 'clue', action: 'select', questionId: Q })
  })

  it('undoes a wrong answer without reopening anything', () => {
    expect(shape(commands(view(answered, null, log), { type: 'undo', answerId: 'w1' }))).toEqual(['undo'])
  })
})

describe('host flow: a Daily Double', () => {
  const dd: Shown = { question: DD, category: 'Planets', value: 400, dailyDouble: true, playerId: B, at: 1 }
  const withWager = (amount: number) =>
    gameOf({
      wagers: [{ playerId: B, questionId: DD, amount, version: 1 }],
      clue: clueOf('wagering', { questionId: DD }),
    })

  it('asks for the wager first, up to the round top for a player under it', () => {
    expect(hostStep(view(gameOf(), dd))).toEqual({
      kind: 'daily-double',
      playerId: B,
      wager: null,
      maxWager: 400,
      stage: 'wager',
    })
    expect(planHost(view(gameOf(), dd), { type: 'reveal' }).ok).toBe(false)
    expect(commands(view(gameOf(), dd), { type: 'wager', playerId: B, amount: 300 })).toEqual([
      { do: 'wager', playerId: B, questionId: DD, amount: 300 },
    ])
  })

  it('reveals the clue once wagered (the server locks the wager), then judges only that player and closes either way', () => {
    const cs = commands(view(withWager(300), dd), { type: 'reveal' })
    expect(cs).toEqual([
      { do: 'clue', action: 'reveal' },
      {
        do: 'show',
        msg: {
          type: 'select_question',
          question: DD,
          category: 'Planets',
          value: 400,
          dailyDouble: true,
          playerId: B,
          prompt: 'Ringed',
        },
      },
    ])
    // A clue the server does not hold as current is selected before it is revealed.
    const lost = { ...withWager(300), clue: null }
    expect(shape(commands(view(lost, dd), { type: 'reveal' }))).toEqual(['clue', 'clue', 'show:select_question'])
    const shownDd = { ...dd, prompt: 'Ringed' }
    expect(hostStep(view(withWager(300), shownDd))).toMatchObject({ stage: 'judge', wager: 300 })
    const wrong = commands(view(withWager(300), shownDd), { type: 'wrong', playerId: B })
    expect(shape(wrong)).toEqual(['answer', 'mark', 'clue', 'show:clear_question'])
    expect(wrong[0]).toMatchObject({ entry: { points: 300 } })
    expect(keyIntent('r', hostStep(view(withWager(300), shownDd)))).toEqual({ type: 'right', playerId: B })
  })

  it('changes who found it only before the clue is shown', () => {
    expect(commands(view(gameOf(), dd), { type: 'choose-dd-player', playerId: C })[0]).toMatchObject({
      msg: { playerId: C, dailyDouble: true },
    })
    expect(
      planHost(view(withWager(1), { ...dd, prompt: 'Ringed' }), { type: 'choose-dd-player', playerId: C }).ok,
    ).toBe(false)
  })
})

describe('host flow: the Final', () => {
  const fin: Shown = { question: FINAL, category: 'Capitals', value: 0, final: true, at: 1 }
  const wagers = [{ playerId: A, questionId: FINAL, amount: 500, version: 1 }]

  it('starts with the wagers and counts who has none', () => {
    const start = commands(view(gameOf(), null), { type: 'start-final' })
    expect(start[0]).toEqual({ do: 'clue', action: 'select', questionId: FINAL })
    expect(start[1]).toMatchObject({ msg: { question: FINAL, final: true, category: 'Capitals' } })
    expect(hostStep(view(gameOf({ wagers }), fin))).toEqual({
      kind: 'final',
      stage: 'wagers',
      withoutWager: [B, C],
      judged: [],
    })
    expect(commands(view(gameOf(), fin), { type: 'wager', playerId: C, amount: 0 })).toEqual([
      { do: 'wager', playerId: C, questionId: FINAL, amount: 0 },
    ])
  })

  it('reveals the clue, judges each player once, then finishes: Final answered, screens cleared, game ended', () => {
    const reveal = commands(view(gameOf({ wagers, clue: clueOf('wagering', { questionId: FINAL }) }), fin), {
      type: 'reveal',
    })
    expect(reveal[0]).toEqual({ do: 'clue', action: 'reveal' })
    expect(reveal[1]).toMatchObject({ msg: { prompt: 'Canada?' } })
    const open = { ...fin, prompt: 'Canada?' }
    expect(planHost(view(gameOf(), fin), { type: 'judge-final', playerId: A, isCorrect: true }).ok).toBe(false)
    const judge = commands(view(gameOf({ wagers }), open), { type: 'judge-final', playerId: A, isCorrect: true })
    expect(judge).toMatchObject([{ do: 'answer', entry: { final: true, points: 500, label: 'Final: Capitals' } }])
    const log: LoggedAnswer[] = [
      {
        answerId: 'f1',
        player: 'Ada',
        playerId: A,
        questionId: FINAL,
        label: 'Final: Capitals',
        isCorrect: true,
        points: 500,
        final: true,
      },
    ]
    expect(hostStep(view(gameOf({ wagers }), open, log))).toMatchObject({ stage: 'judge', judged: [A] })
    expect(
      planHost(view(gameOf({ wagers }), open, log), { type: 'judge-final', playerId: A, isCorrect: false }).ok,
    ).toBe(false)
    expect(commands(view(gameOf({ wagers }), open, log), { type: 'finish' })).toEqual([
      { do: 'mark', questionId: FINAL, answered: true },
      { do: 'show', msg: { type: 'clear_question' } },
      { do: 'end' },
    ])
  })

  it('undoing a Final answer does not reopen anything', () => {
    const log: LoggedAnswer[] = [
      {
        answerId: 'f1',
        player: 'Ada',
        playerId: A,
        questionId: FINAL,
        label: 'Final: Capitals',
        isCorrect: true,
        points: 500,
        final: true,
      },
    ]
    expect(shape(commands(view(gameOf(), null, log), { type: 'undo', answerId: 'f1' }))).toEqual(['undo'])
  })
})

describe('wager input', () => {
  it('takes whole points from 0 to the maximum', () => {
    expect(checkWager('300', 400)).toEqual({ ok: true, amount: 300 })
    expect(checkWager('0', 0)).toEqual({ ok: true, amount: 0 })
    expect(checkWager('', 400).ok).toBe(false)
    expect(checkWager('2.5', 400).ok).toBe(false)
    expect(checkWager('-1', 400).ok).toBe(false)
    expect(checkWager('401', 400)).toEqual({ ok: false, error: 'The most that can be wagered here is 400.' })
  })
})
