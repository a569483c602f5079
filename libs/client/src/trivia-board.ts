// Reading a trivia game for a screen: the clue the host is showing (the relayed coordination
// messages, read with their contract schemas), the server's clue lifecycle on it (buzzers being
// read / open / won, too-early lockouts), and board arithmetic (where a question is, wagers held,
// Daily Double limits). Pure functions over the client's versioned state.
import type { ClueView, RelayedMessage, SelectQuestionMessage } from '@gamenight/contracts'
import { hostClearQuestion, hostSelectQuestion } from './coordination.ts'
import type { TriviaGame } from './trivia-state.ts'

/** What the host puts on every screen: a `select_question` (contracts relay.ts) with what the screens show filled in. */
export type Shown = Omit<SelectQuestionMessage, 'type' | 'at' | 'category' | 'value'> & {
  /** When the host sent it (ms since epoch, the host's clock). */
  at: number
  category: string
  value: number
  /** The correct answer, once the server shows it (the clue judged). */
  answer?: string
}

/**
 * The question on screen now: the server's current clue (`clue` in the snapshot, `clue_updated`),
 * so a clue selected by any host console or by the api shows on every screen, and a closed one on
 * none. The host's latest `select_question` for the same question only adds what the server does
 * not hold: the Daily Double's chosen player before the wager. Without a server clue (an api that
 * predates it) the host's messages alone decide, as before.
 */
export function shownQuestion(last: Record<string, RelayedMessage>, game: TriviaGame | null): Shown | null {
  if (!game?.clue) return relayedQuestion(last, game)
  const c = game.clue
  if (c.phase === 'closed') return null
  const final = game.final?.questionId === c.questionId
  const q = findQuestion(game, c.questionId)
  if (final ? game.final?.answered : q?.question.answered) return null
  const sel = hostSelectQuestion(last)
  const mine = sel?.question === c.questionId ? sel : null
  const wagerer = game.wagers.find((w) => w.questionId === c.questionId)?.playerId
  const playerId = c.dailyDouble ? (mine?.playerId ?? wagerer) : undefined
  return {
    question: c.questionId,
    at: mine?.at ?? 0,
    category: q?.category ?? (final ? (game.final?.category ?? '') : ''),
    value: q?.question.value ?? 0,
    ...(c.prompt !== null ? { prompt: c.prompt } : {}),
    ...(c.dailyDouble ? { dailyDouble: true } : {}),
    ...(playerId ? { playerId } : {}),
    ...(c.tried.length > 0 && !final ? { excluded: c.tried } : {}),
    ...(final ? { final: true } : {}),
    ...(c.answer !== null ? { answer: c.answer } : {}),
  }
}

/** The question the host's relayed messages show: the latest `select_question`, unless cleared since or answered. */
function relayedQuestion(last: Record<string, RelayedMessage>, game: TriviaGame | null): Shown | null {
  const sel = hostSelectQuestion(last)
  if (!sel) return null
  const clear = hostClearQuestion(last)
  if (clear && (clear.at ?? 0) >= (sel.at ?? 0)) return null
  const q = findQuestion(game, sel.question)
  if (q?.question.answered) return null
  if (sel.final && game?.final?.questionId === sel.question && game.final.answered) return null
  const { type: _type, from: _from, ...shown } = sel
  return {
    ...shown,
    at: sel.at ?? 0,
    category: sel.category ?? q?.category ?? game?.final?.category ?? '',
    value: sel.value ?? q?.question.value ?? 0,
  }
}

/** A board question by id with its category's name, index and round; null when not on the board (the Final is not). */
export function findQuestion(game: TriviaGame | null, id: string) {
  if (!game) return null
  for (let c = 0; c < game.categories.length; c++) {
    const cat = game.categories[c]!
    const question = cat.questions.find((q) => q.id === id)
    if (question) return { category: cat.name, categoryIndex: c, round: cat.round, question }
  }
  return null
}

/** A player's wager on a question as the client holds it (null: none yet, or a Final amount still secret). */
export function wagerOf(game: TriviaGame, playerId: string, questionId: string): number | null {
  return game.wagers.find((w) => w.playerId === playerId && w.questionId === questionId)?.amount ?? null
}

/** Highest Daily Double wager allowed (api rule), in points: the player's score or the round's top value, whichever is more. */
export function maxDailyDouble(score: number, roundTop: number) {
  return Math.max(score, roundTop)
}

/** The top value (points) of the round a question is in: a Daily Double may be wagered up to it. */
export function roundTop(game: TriviaGame, questionId: string): number {
  const found = findQuestion(game, questionId)
  if (!found) return 0
  return Math.max(
    0,
    ...game.categories.filter((c) => c.round === found.round).flatMap((c) => c.questions.map((q) => q.value)),
  )
}

/** The server's current clue (rule 2: `clue` in the snapshot, `clue_updated`) when it is this question and not closed. */
export function currentClue(game: TriviaGame, questionId: string): ClueView | null {
  const c = game.clue
  return c && c.questionId === questionId && c.phase !== 'closed' ? c : null
}

/**
 * The buzzers on a shown clue, as every screen tells it: `reading` (the clue is being read, a press
 * is too early), `open` (waiting for the first press), `won` (someone pressed first), `closed`.
 */
export type BuzzersState = 'reading' | 'open' | 'won' | 'closed'

export function buzzersOf(game: TriviaGame, questionId: string): BuzzersState {
  if (game.buzzer.armed) return 'open'
  if (game.buzzer.winnerId) return 'won'
  const phase = currentClue(game, questionId)?.phase
  return phase === 'reading' || phase === 'wagering' ? 'reading' : 'closed'
}

/** Players locked out of this clue for pressing too early (the server's `lockedOut`, lockouts not yet over when sent). */
export function tooEarlyOf(game: TriviaGame, questionId: string): string[] {
  return currentClue(game, questionId)?.lockedOut.map((l) => l.playerId) ?? []
}
