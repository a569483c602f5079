import { describe, expect, it } from 'bun:test'
import type { ClueView, GameEvent, Snapshot } from '@gamenight/contracts'
import { shuffle } from './test-shuffle.ts'
import { applyTriviaEvent, mergeTriviaSnapshot, type TriviaGame } from './trivia-state.ts'

// The clue lifecycle in the client state: the current clue by its version, the buzzer closing
// while a clue is read, and the Final's judgements revealed to the room.
const FINAL = 'q-final'
const snap: Snapshot = {
  id: 'g',
  name: 'Quiz',
  seq: 1,
  status: 'playing',
  result: null,
  role: 'spectator',
  buzzer: { armed: true, winnerId: null, version: 3 },
  clue: null,
  players: [
    { id: 'a', name: 'Ada', score: 500, version: 1 },
    { id: 'b', name: 'Bo', score: 300, version: 1 },
  ],
  categories: [{ name: 'C', round: 1, questions: [{ id: 'q1', value: 100, answered: false, version: 0 }] }],
  final: { questionId: FINAL, category: 'Capitals', answered: false, version: 0 },
  wagers: [
    { playerId: 'a', questionId: FINAL, amount: null, version: 1 },
    { playerId: 'b', questionId: FINAL, amount: null, version: 2 },
  ],
}
const clue = (version: number, over: Partial<ClueView> = {}): ClueView => ({
  questionId: 'q1',
  phase: 'reading',
  readTimeMs: 5000,
  opensAt: '2026-12-01T02:00:05.000Z',
  opensInMs: 5000,
  openedAt: null,
  lockedOut: [],
  tried: [],
  dailyDouble: false,
  prompt: null,
  answer: null,
  verdict: null,
  version,
  ...over,
})
const ev = (seq: number, c: ClueView): GameEvent => ({ type: 'clue_updated', gameId: 'g', seq, ...c })
const apply = (g: TriviaGame, evs: GameEvent[]) => evs.reduce((x, e) => applyTriviaEvent(x, e).game, g)

describe('the clue in the client state', () => {
  const start = mergeTriviaSnapshot(null, snap)
  const history: GameEvent[] = [
    { type: 'buzzer_reset', gameId: 'g', seq: 2, armed: false, version: 4 },
    ev(3, clue(1)),
    ev(4, clue(2, { lockedOut: [{ playerId: 'a', until: '2026-12-01T02:00:01.500Z' }] })),
    { type: 'buzzer_reset', gameId: 'g', seq: 5, armed: true, version: 5 },
    ev(6, clue(3, { phase: 'open', opensAt: null, opensInMs: null, openedAt: '2026-12-01T02:00:05.000Z' })),
  ]

  it('follows the phases and lockouts by version, whatever the order, with duplicates', () => {
    const inOrder = apply(start, history)
    expect(inOrder.clue).toMatchObject({ phase: 'open', version: 3, openedAt: '2026-12-01T02:00:05.000Z' })
    expect(inOrder.buzzer).toEqual({ armed: true, winnerId: null, version: 5 })
    for (let seed = 1; seed <= 20; seed++) {
      const got = apply(start, shuffle([...history, ...history], seed))
      expect(got.clue).toEqual(inOrder.clue)
      expect(got.buzzer).toEqual(inOrder.buzzer)
    }
  })

  it('closes the buzzer while a clue is read (buzzer_reset armed: false) and drops the old presses', () => {
    const pressed = applyTriviaEvent(start, {
      type: 'buzzer_pressed',
      gameId: 'g',
      seq: 2,
      buzzerId: 'a',
      won: true,
      winnerId: 'a',
      reactionMs: 300,
      version: 4,
    }).game
    const closed = applyTriviaEvent(pressed, { type: 'buzzer_reset', gameId: 'g', seq: 3, armed: false, version: 5 })
    expect(closed.game.buzzer).toEqual({ armed: false, winnerId: null, version: 5 })
    expect(closed.game.buzzes).toEqual([])
  })

  it('keeps a newer held clue over an older snapshot, and takes a newer snapshot clue', () => {
    const held = apply(start, history)
    expect(mergeTriviaSnapshot(held, { ...snap, clue: clue(2) }).clue?.version).toBe(3)
    expect(mergeTriviaSnapshot(held, { ...snap, clue: clue(4, { phase: 'judged', tried: ['b'] }) }).clue).toMatchObject(
      {
        phase: 'judged',
        tried: ['b'],
      },
    )
    expect(mergeTriviaSnapshot(held, snap).clue?.version).toBe(3)
  })

  it('shows each Final wager and judgement to the room as the host judges that player (wager_revealed)', () => {
    const r = applyTriviaEvent(start, {
      type: 'wager_revealed',
      gameId: 'g',
      seq: 2,
      playerId: 'b',
      questionId: FINAL,
      amount: 300,
      isCorrect: true,
      delta: 300,
      version: 2,
    })
    expect(r.resync).toBe(false)
    expect(r.game.wagers.find((w) => w.playerId === 'b')?.amount).toBe(300)
    expect(r.game.wagers.find((w) => w.playerId === 'a')?.amount).toBeNull()
    expect(r.game.finalJudgements).toEqual([{ playerId: 'b', amount: 300, isCorrect: true, delta: 300 }])
    // A player judged without a wager: the judgement is shown, no wager is invented.
    const none = applyTriviaEvent(start, {
      type: 'wager_revealed',
      gameId: 'g',
      seq: 3,
      playerId: 'c',
      questionId: FINAL,
      amount: null,
      isCorrect: false,
      delta: 0,
      version: 0,
    }).game
    expect(none.wagers).toHaveLength(2)
    expect(none.finalJudgements).toEqual([{ playerId: 'c', amount: null, isCorrect: false, delta: 0 }])
  })

  it("keeps the snapshot's Final judgements and the held ones it predates", () => {
    const held = applyTriviaEvent(start, {
      type: 'wager_revealed',
      gameId: 'g',
      seq: 2,
      playerId: 'b',
      questionId: FINAL,
      amount: 300,
      isCorrect: true,
      delta: 300,
      version: 2,
    }).game
    const a = { playerId: 'a', amount: 500, isCorrect: false, delta: -500 }
    const merged = mergeTriviaSnapshot(held, { ...snap, finalJudgements: [a] })
    expect(merged.finalJudgements).toEqual([a, { playerId: 'b', amount: 300, isCorrect: true, delta: 300 }])
  })
})
