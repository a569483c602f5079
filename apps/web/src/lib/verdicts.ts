// Right / wrong feedback for the room: the host's latest `judged` message (libs/client
// trivia-host-run.ts sends one per answer recorded or undone), shown for a few seconds from when
// this screen received it. The one already there when the screen connects is old news: not shown.
import { hostJudged } from '@gamenight/client'
import type { RelayedJudged, RelayedMessage } from '@gamenight/contracts'
import { useEffect, useRef, useState } from 'preact/hooks'

const SHOW_MS = 4000

/** The verdict to show now, or null. */
export function useVerdict(last: Record<string, RelayedMessage>): RelayedJudged | null {
  const judged = hostJudged(last)
  const raw = last.judged
  const baseline = useRef<unknown>(undefined)
  const [shown, setShown] = useState<RelayedJudged | null>(null)
  useEffect(() => {
    if (baseline.current === undefined) {
      baseline.current = raw ?? null
      return
    }
    if (!judged || raw === baseline.current) return
    baseline.current = raw
    setShown(judged)
    const t = setTimeout(() => setShown(null), SHOW_MS)
    return () => clearTimeout(t)
  }, [raw])
  return shown
}
