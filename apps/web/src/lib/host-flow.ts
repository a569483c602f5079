// The host console's moves, run: plans from @gamenight/client's trivia-host (pure rules) carried
// out against the console's client. Moves run one after another: a click while one runs is planned
// when it is done, on the state as it is then (a second "Right" finds the clue closed and says so).
import { type HostIntent, type HostView, planHost, runHostPlan, type TriviaClient } from '@gamenight/client'
import { useRef, useState } from 'preact/hooks'
import { toastError } from '../components/alerts.tsx'
import type { AnswerLogApi } from '../components/answer-log.tsx'
import type { Send } from './trivia.ts'

export type HostFlow = { busy: boolean; act: (intent: HostIntent) => Promise<void> }

export function useHostFlow(client: TriviaClient, view: HostView | null, log: AnswerLogApi, send: Send): HostFlow {
  const [pending, setPending] = useState(0)
  const latest = useRef(view)
  latest.current = view
  const queue = useRef<Promise<void>>(Promise.resolve())

  const run = async (intent: HostIntent) => {
    const now = latest.current
    if (!now) return
    const planned = planHost(now, intent)
    if (!planned.ok) return toastError(planned.error)
    await runHostPlan(
      {
        answer: client.answer,
        toggleQuestion: client.toggleQuestion,
        resetBuzzer: client.resetBuzzer,
        selectClue: client.selectClue,
        revealClue: client.revealClue,
        openClue: client.openClue,
        closeClue: client.closeClue,
        placeWager: client.placeWager,
        undoAnswer: client.undoAnswer,
        endGame: client.endGame,
        show: send,
        logAnswer: log.add,
        logUndone: log.markUndone,
      },
      planned.commands,
    )
  }
  const act = (intent: HostIntent) => {
    setPending((n) => n + 1)
    const done = queue.current.then(() => run(intent)).finally(() => setPending((n) => n - 1))
    queue.current = done.catch(() => {})
    return done
  }
  return { busy: pending > 0, act }
}
