// Carries out a host plan (trivia-host.ts) against the api and the relay, in order, stopping at the
// first refusal: the TriviaClient records it in `lastError`, which every screen shows. Each answer
// recorded or undone is also told to the room (`judged`), for the screens' right / wrong feedback.
import type { TriviaCoordinationMessage } from '@gamenight/contracts'
import type { ApiResult } from './http.ts'
import type { HostCommand, LoggedAnswer } from './trivia-host.ts'

/** What runHostPlan needs: the TriviaClient's calls, plus where screen messages and log entries go. */
export type HostPort = {
  answer(a: {
    playerId: string
    questionId: string
    isCorrect: boolean
  }): Promise<ApiResult<{ answerId: string; score: number }>>
  toggleQuestion(questionId: string, answered: boolean): Promise<ApiResult<unknown>>
  resetBuzzer(): Promise<ApiResult<unknown>>
  placeWager(w: { playerId: string; questionId: string; amount: number }): Promise<ApiResult<unknown>>
  undoAnswer(answerId: string): Promise<ApiResult<unknown>>
  endGame(): Promise<ApiResult<unknown>>
  /** Sends a coordination message to every screen (adds `at`). */
  show(msg: TriviaCoordinationMessage): void
  logAnswer(entry: LoggedAnswer): void
  logUndone(answerId: string): void
}

/** Runs a plan in order; false at the first api refusal (already recorded in the client's `lastError`). */
export async function runHostPlan(port: HostPort, commands: HostCommand[]): Promise<boolean> {
  for (const c of commands) {
    switch (c.do) {
      case 'answer': {
        const r = await port.answer({ playerId: c.playerId, questionId: c.questionId, isCorrect: c.isCorrect })
        if (!r.ok) return false
        const moved = Math.abs(r.value.score - c.scoreBefore)
        const points = moved || c.entry.points
        port.logAnswer({ ...c.entry, answerId: r.value.answerId, points })
        port.show({ type: 'judged', playerId: c.playerId, isCorrect: c.isCorrect, points, question: c.questionId })
        break
      }
      case 'undo': {
        const r = await port.undoAnswer(c.answerId)
        if (!r.ok && r.error.code !== 'ALREADY_UNDONE') return false
        port.logUndone(c.answerId)
        const e = c.entry
        if (r.ok && e?.playerId)
          port.show({
            type: 'judged',
            playerId: e.playerId,
            isCorrect: e.isCorrect,
            points: e.points,
            undone: true,
            ...(e.questionId ? { question: e.questionId } : {}),
          })
        break
      }
      case 'mark':
        if (!(await port.toggleQuestion(c.questionId, c.answered)).ok) return false
        break
      case 'rearm':
        if (!(await port.resetBuzzer()).ok) return false
        break
      case 'wager':
        if (!(await port.placeWager({ playerId: c.playerId, questionId: c.questionId, amount: c.amount })).ok)
          return false
        break
      case 'end':
        if (!(await port.endGame()).ok) return false
        break
      case 'show':
        port.show(c.msg)
        break
    }
  }
  return true
}
