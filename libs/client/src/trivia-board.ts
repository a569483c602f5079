// Reading a trivia game for a screen: the clue the host is showing (the relayed coordination
// messages, read with their contract schemas) and board arithmetic (where a question is, wagers
// held, Daily Double limits). Pure functions over the client's versioned state.
import type { RelayedMessage, SelectQuestionMessage } from '@gamenight/contracts'
import { hostClearQuestion, hostSelectQuestion } from './coordination.ts'
import type { TriviaGame } from './trivia-state.ts'

/** What the host puts on every screen: a `select_question` (contracts relay.ts) with what the screens show filled in. */
export type Shown = Omit<SelectQuestionMessage, 'type' | 'at' | 'category' | 'value'> & {
  /** When the host sent it (ms since epoch, the host's clock). */
  at: number
  category: string
  value: number
}

/** The question on screen now: the latest `select_question` from the host, unless cleared since or answered. */
export function shownQuestion(last: Record<string, RelayedMessage>, game: TriviaGame | null): Shown | null {
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
