// The host's game flow, without a browser: which step a shown clue is at (buzzers, Daily Double,
// Final), and what each of the host's moves does, as a plan of api calls and screen messages.
// Planning is pure ((view, intent) → commands), so every rule of the flow is a plain unit test;
// trivia-host-run.ts carries a plan out. Scores still change on screen only when the broadcast
// arrives.
import type { SelectQuestionMessage, TriviaCoordinationMessage } from '@gamenight/contracts'
import { findQuestion, maxDailyDouble, roundTop, type Shown, wagerOf } from './trivia-board.ts'
import type { TriviaGame } from './trivia-state.ts'

/** One answer the host recorded, kept so it can be listed and undone. `points` are unsigned. */
export type LoggedAnswer = {
  answerId: string
  player: string
  label: string
  isCorrect: boolean
  points: number
  /** Absent in logs written before they were kept. */
  playerId?: string
  questionId?: string
  final?: boolean
  undone?: boolean
}

/** What the host sees and decides from: the game, the clue on screen (if any), the answer log (newest first). */
export type HostView = { game: TriviaGame; shown: Shown | null; log: LoggedAnswer[] }

/** Where the shown clue is in its flow; drives which controls the console offers. */
export type HostStep =
  | { kind: 'none' }
  | {
      kind: 'clue'
      /** open: waiting for the first press; won: someone pressed first; locked: closed, nobody pressed. */
      buzzers: 'open' | 'won' | 'locked'
      answering: string | null
      /** Players who answered wrong on this clue: locked out of it. */
      tried: string[]
    }
  | {
      kind: 'daily-double'
      playerId: string | null
      wager: number | null
      maxWager: number
      stage: 'wager' | 'reveal' | 'judge'
    }
  | { kind: 'final'; stage: 'wagers' | 'judge'; withoutWager: string[]; judged: string[] }

export type HostIntent =
  | { type: 'select'; questionId: string }
  | { type: 'start-final' }
  | { type: 'right'; playerId: string | null }
  | { type: 'wrong'; playerId: string | null }
  | { type: 'rearm' }
  | { type: 'nobody' }
  | { type: 'back' }
  | { type: 'choose-dd-player'; playerId: string }
  | { type: 'reveal' }
  | { type: 'wager'; playerId: string; amount: number }
  | { type: 'judge-final'; playerId: string; isCorrect: boolean }
  | { type: 'finish' }
  | { type: 'undo'; answerId: string }

export type HostCommand =
  | {
      do: 'answer'
      playerId: string
      questionId: string
      isCorrect: boolean
      /** The log entry to keep once recorded (points from the score change, else `points`). */
      entry: Omit<LoggedAnswer, 'answerId'>
      scoreBefore: number
    }
  | { do: 'mark'; questionId: string; answered: boolean }
  | { do: 'rearm' }
  | { do: 'show'; msg: TriviaCoordinationMessage }
  | { do: 'wager'; playerId: string; questionId: string; amount: number }
  | { do: 'undo'; answerId: string; entry?: LoggedAnswer }
  | { do: 'end' }

export type HostPlan = { ok: true; commands: HostCommand[] } | { ok: false; error: string }

const plan = (...commands: HostCommand[]): HostPlan => ({ ok: true, commands })
const refuse = (error: string): HostPlan => ({ ok: false, error })
const nameOf = (game: TriviaGame, id: string | null | undefined) =>
  game.players.find((p) => p.id === id)?.name ?? 'someone'

/** The clue's heading: `Science for 400` or `Final: Capitals`. */
export const clueLabel = (shown: Shown) =>
  shown.final ? `Final: ${shown.category}` : `${shown.category} for ${shown.value}`

/** Where the shown clue is in its flow (see HostStep). */
export function hostStep({ game, shown, log }: HostView): HostStep {
  if (!shown) return { kind: 'none' }
  if (shown.final) {
    const finalId = game.final?.questionId ?? shown.question
    const judged = log.filter((a) => !a.undone && a.final && a.questionId === finalId).map((a) => a.playerId ?? '')
    const withoutWager = game.players.filter((p) => wagerOf(game, p.id, finalId) === null).map((p) => p.id)
    return { kind: 'final', stage: shown.prompt ? 'judge' : 'wagers', withoutWager, judged }
  }
  if (shown.dailyDouble) {
    const playerId = shown.playerId ?? game.players[0]?.id ?? null
    const player = game.players.find((p) => p.id === playerId)
    const wager = player ? wagerOf(game, player.id, shown.question) : null
    const maxWager = maxDailyDouble(player?.score ?? 0, roundTop(game, shown.question))
    const stage = shown.prompt ? 'judge' : wager === null ? 'wager' : 'reveal'
    return { kind: 'daily-double', playerId, wager, maxWager, stage }
  }
  const winner = game.buzzer.winnerId
  return {
    kind: 'clue',
    buzzers: game.buzzer.armed ? 'open' : winner ? 'won' : 'locked',
    answering: game.buzzer.armed ? null : winner,
    tried: shown.excluded ?? [],
  }
}

/** A whole-number wager from 0 to `max` points, or the reason it is not one. */
export function checkWager(raw: string, max: number): { ok: true; amount: number } | { ok: false; error: string } {
  const n = Number(raw)
  if (raw.trim() === '' || !Number.isInteger(n) || n < 0)
    return { ok: false, error: 'A wager is a whole number of points, 0 or more.' }
  if (n > max) return { ok: false, error: `The most that can be wagered here is ${max.toLocaleString()}.` }
  return { ok: true, amount: n }
}

/** The console's keyboard shortcuts for a step (R right, W wrong, A re-arm, N nobody, Esc back); null: not a shortcut. */
export function keyIntent(key: string, step: HostStep): HostIntent | null {
  if (step.kind !== 'clue' && step.kind !== 'daily-double') return null
  const answering = step.kind === 'clue' ? step.answering : step.stage === 'judge' ? step.playerId : null
  const k = key.toLowerCase()
  if (k === 'r' && answering) return { type: 'right', playerId: answering }
  if (k === 'w' && answering) return { type: 'wrong', playerId: answering }
  if (k === 'a' && step.kind === 'clue') return { type: 'rearm' }
  if (k === 'n') return { type: 'nobody' }
  if (key === 'Escape') return { type: 'back' }
  return null
}

/** What a host's move does, as commands to run in order; refused (with the reason) when it cannot apply now. */
export function planHost(view: HostView, intent: HostIntent): HostPlan {
  const { game, shown } = view
  if (game.status === 'finished' && intent.type !== 'undo') return refuse('The game is over.')
  switch (intent.type) {
    case 'select':
      return planSelect(game, intent.questionId)
    case 'start-final': {
      const f = game.final
      if (!f || f.answered) return refuse('This game has no Final left to play.')
      return plan(show({ question: f.questionId, final: true, category: f.category, value: 0 }))
    }
    case 'undo':
      return planUndo(view, intent.answerId)
    case 'back':
      return plan({ do: 'show', msg: { type: 'clear_question' } })
  }
  if (!shown) return refuse('No clue is open.')
  const step = hostStep(view)
  const questionId = shown.question
  const answer = (playerId: string, isCorrect: boolean): HostCommand => {
    const player = game.players.find((p) => p.id === playerId)
    const held = wagerOf(game, playerId, questionId)
    return {
      do: 'answer',
      playerId,
      questionId,
      isCorrect,
      scoreBefore: player?.score ?? 0,
      entry: {
        player: nameOf(game, playerId),
        playerId,
        questionId,
        label: clueLabel(shown),
        isCorrect,
        points: held ?? shown.value,
        ...(shown.final ? { final: true } : {}),
      },
    }
  }
  const close: HostCommand[] = [
    ...(!shown.final && !findQuestion(game, questionId)?.question.answered
      ? [{ do: 'mark', questionId, answered: true } as const]
      : []),
    { do: 'show', msg: { type: 'clear_question' } },
  ]
  switch (intent.type) {
    case 'right':
    case 'wrong': {
      if (step.kind === 'final') return refuse('Judge the Final player by player.')
      if (!intent.playerId) return refuse('Nobody has buzzed yet.')
      if (step.kind === 'clue' && step.tried.includes(intent.playerId))
        return refuse(`${nameOf(game, intent.playerId)} already answered this clue.`)
      if (step.kind === 'daily-double' && step.stage !== 'judge') return refuse('Reveal the clue first.')
      if (intent.type === 'right' || step.kind === 'daily-double')
        return plan(answer(intent.playerId, intent.type === 'right'), ...close)
      // Open the buzzers for everyone else; the one who missed stays locked out of this clue.
      return plan(
        answer(intent.playerId, false),
        show({ ...detailsOf(shown), excluded: [...(shown.excluded ?? []), intent.playerId] }),
        { do: 'rearm' },
      )
    }
    case 'rearm':
      return step.kind === 'clue' ? plan({ do: 'rearm' }) : refuse('There are no buzzers on this clue.')
    case 'nobody':
      return plan(...close)
    case 'choose-dd-player': {
      if (step.kind !== 'daily-double' || step.stage === 'judge')
        return refuse('The Daily Double clue is already shown.')
      return plan(show({ ...detailsOf(shown), playerId: intent.playerId }))
    }
    case 'reveal': {
      if (step.kind === 'daily-double') {
        if (step.stage === 'wager') return refuse('Place the wager before revealing the clue.')
        const prompt = findQuestion(game, questionId)?.question.prompt
        return plan(show({ ...detailsOf(shown), playerId: step.playerId ?? undefined, prompt }))
      }
      if (step.kind === 'final') return plan(show({ ...detailsOf(shown), prompt: game.final?.prompt }))
      return refuse('This clue is already shown.')
    }
    case 'wager': {
      const wagerQuestion = step.kind === 'final' ? (game.final?.questionId ?? questionId) : questionId
      return plan({ do: 'wager', playerId: intent.playerId, questionId: wagerQuestion, amount: intent.amount })
    }
    case 'judge-final': {
      if (step.kind !== 'final' || step.stage !== 'judge') return refuse('Reveal the Final clue first.')
      if (step.judged.includes(intent.playerId)) return refuse(`${nameOf(game, intent.playerId)} is already judged.`)
      return plan(answer(intent.playerId, intent.isCorrect))
    }
    case 'finish': {
      if (step.kind !== 'final' || step.stage !== 'judge') return refuse('Reveal the Final clue first.')
      // Marking the Final answered reveals every wager to everyone; ending the game fixes the standings.
      return plan(
        { do: 'mark', questionId: game.final?.questionId ?? questionId, answered: true },
        { do: 'show', msg: { type: 'clear_question' } },
        { do: 'end' },
      )
    }
  }
}

/** A board click: show the clue (reopening it when answered: no confirm, an undo is one click away). */
function planSelect(game: TriviaGame, questionId: string): HostPlan {
  const found = findQuestion(game, questionId)
  if (!found) return refuse('That question is not on this board.')
  const q = found.question
  const commands: HostCommand[] = q.answered ? [{ do: 'mark', questionId, answered: false }] : []
  const base = { question: q.id, category: found.category, value: q.value }
  if (q.dailyDouble) {
    // Who found it: by default the last player to win the buzzer (the host can change it).
    const who = game.buzzer.winnerId ?? game.players[0]?.id
    return plan(...commands, show({ ...base, dailyDouble: true, ...(who ? { playerId: who } : {}) }))
  }
  // A fresh clue opens the buzzers.
  if (!game.buzzer.armed) commands.push({ do: 'rearm' })
  return plan(...commands, show({ ...base, prompt: q.prompt ?? '' }))
}

/**
 * Undo: the score goes back. A mistaken "Right" on a board clue also reopens the clue with the list
 * of who already tried and the buzzer as it was, so the host can judge again (mark the player wrong
 * and let the others buzz, or give the points to someone else).
 */
function planUndo({ game, log }: HostView, answerId: string): HostPlan {
  const entry = log.find((a) => a.answerId === answerId)
  const commands: HostCommand[] = [{ do: 'undo', answerId, ...(entry ? { entry } : {}) }]
  if (!entry || entry.undone || !entry.isCorrect || entry.final || !entry.questionId) return plan(...commands)
  const found = findQuestion(game, entry.questionId)
  if (!found || game.status === 'finished') return plan(...commands)
  const q = found.question
  const tried = log
    .filter((a) => a.questionId === q.id && !a.undone && !a.isCorrect && a.playerId)
    .map((a) => a.playerId!)
    .reverse()
  const base = { question: q.id, category: found.category, value: q.value }
  const msg = q.dailyDouble
    ? { ...base, dailyDouble: true, ...(entry.playerId ? { playerId: entry.playerId } : {}), prompt: q.prompt ?? '' }
    : { ...base, prompt: q.prompt ?? '', ...(tried.length ? { excluded: tried } : {}) }
  return plan(
    ...commands,
    ...(q.answered ? [{ do: 'mark', questionId: q.id, answered: false } as const] : []),
    show(msg),
  )
}

/** The shown clue as a message to show it again (with changes spread over it). */
function detailsOf(shown: Shown): Omit<SelectQuestionMessage, 'type'> {
  const { at: _at, ...rest } = shown
  return rest
}

function show(msg: Omit<SelectQuestionMessage, 'type'>): HostCommand {
  return { do: 'show', msg: { type: 'select_question', ...msg } }
}
