// The host's recent answers, newest first, each undoable in one click (DELETE restores the score as
// a new version; a mistaken "Right" also reopens its clue: libs/client trivia-host.ts). Kept per
// game in localStorage so a refreshed console can still undo.
import type { LoggedAnswer } from '@gamenight/client'
import { useState } from 'preact/hooks'
import { fmt } from '../lib/trivia.ts'

export type AnswerLogApi = ReturnType<typeof useAnswerLog>

export function useAnswerLog(gameId: string) {
  const key = `gn:answers:${gameId}`
  const read = (): LoggedAnswer[] => {
    try {
      return JSON.parse(localStorage.getItem(key) ?? '[]') as LoggedAnswer[]
    } catch {
      return []
    }
  }
  const [items, setItems] = useState<LoggedAnswer[]>(read)
  const save = (next: LoggedAnswer[]) => {
    const kept = next.slice(0, 30)
    setItems(kept)
    try {
      localStorage.setItem(key, JSON.stringify(kept))
    } catch {}
  }
  return {
    items,
    add: (a: LoggedAnswer) => save([a, ...read()]),
    markUndone: (id: string) => save(read().map((a) => (a.answerId === id ? { ...a, undone: true } : a))),
  }
}

/** `onUndo` absent: the log is read-only (the game is over, nothing can be undone). */
export function AnswerLog({ log, onUndo }: { log: AnswerLogApi; onUndo?: (answerId: string) => Promise<void> }) {
  const [busy, setBusy] = useState<string | null>(null)
  if (!log.items.length) return null
  return (
    <section class="card stack" aria-labelledby="log-h" data-testid="answer-log">
      <h2 id="log-h" style="margin:0">
        Recent answers
      </h2>
      <ul class="buzz-list">
        {log.items.slice(0, 8).map((a) => (
          <li key={a.answerId} class={a.undone ? 'undone' : undefined}>
            <span aria-hidden="true">{a.isCorrect ? '✅' : '❌'}</span>
            <span class="grow">
              <strong>{a.player}</strong> <span class="muted small">{a.label}</span>
            </span>
            <span class={`num ${a.isCorrect ? '' : 'neg'}`}>
              {a.isCorrect ? '+' : '−'}
              {fmt(a.points)}
            </span>
            {a.undone ? (
              <span class="pill small">undone</span>
            ) : !onUndo ? null : (
              <button
                type="button"
                class="btn ghost small"
                disabled={busy === a.answerId}
                data-testid="undo"
                aria-label={`Undo ${a.player}'s answer on ${a.label}`}
                onClick={async () => {
                  setBusy(a.answerId)
                  await onUndo(a.answerId)
                  setBusy(null)
                }}
              >
                Undo
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
