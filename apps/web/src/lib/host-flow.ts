// The host console's moves, run: plans from @gamenight/client's trivia-host (pure rules) carried
// out against the console's client, one at a time (a second click while one runs is ignored).
import { type HostIntent, type HostView, planHost, runHostPlan, type TriviaClient } from '@gamenight/client'
import { useRef, useState } from 'preact/hooks'
import { toastError } from '../components/alerts.tsx'
import type { AnswerLogApi } from '../components/answer-log.tsx'
import type { Send } from './trivia.ts'

export type HostFlow = { busy: boolean; act: (intent: HostIntent) => Promise<void> }

export function useHostFlow(client: TriviaClient, view: HostView | null, log: AnswerLogApi, send: Send): HostFlow {
  const [busy, setBusy] = useState(false)
  const running = useRef(false)
  const act = async (intent: HostIntent) => {
    if (running.current || !view) return
    const planned = planHost(view, intent)
    if (!planned.ok) return toastError(planned.error)
    running.current = true
    setBusy(true)
    try {
      await runHostPlan(
        {
          answer: client.answer,
          toggleQuestion: client.toggleQuestion,
          resetBuzzer: client.resetBuzzer,
          placeWager: client.placeWager,
          undoAnswer: client.undoAnswer,
          endGame: client.endGame,
          show: send,
          logAnswer: log.add,
          logUndone: log.markUndone,
        },
        planned.commands,
      )
    } finally {
      running.current = false
      setBusy(false)
    }
  }
  return { busy, act }
}
