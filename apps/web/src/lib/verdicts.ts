// Right / wrong feedback for the room: a player's score going up or down is the verdict the host
// just gave (an answer, a wager judged, an undo or a correction), shown for a few seconds. Read
// from the scores the screen already holds, so every screen agrees with the scoreboard.
import type { PlayerView } from '@gamenight/contracts'
import { useEffect, useRef, useState } from 'preact/hooks'

export type Verdict = { playerId: string; name: string; delta: number; at: number }

const SHOW_MS = 4000

/** The latest score changes (newest first), each for SHOW_MS; the first list seen sets the baseline. */
export function useVerdicts(players: PlayerView[] | undefined): Verdict[] {
  const seen = useRef<Map<string, number> | null>(null)
  const [verdicts, setVerdicts] = useState<Verdict[]>([])
  useEffect(() => {
    if (!players) return
    const before = seen.current
    seen.current = new Map(players.map((p) => [p.id, p.score]))
    if (!before) return
    const now = Date.now()
    const fresh = players
      .filter((p) => before.has(p.id) && before.get(p.id) !== p.score)
      .map((p) => ({ playerId: p.id, name: p.name, delta: p.score - before.get(p.id)!, at: now }))
    if (fresh.length) setVerdicts((vs) => [...fresh, ...vs.filter((v) => now - v.at < SHOW_MS)].slice(0, 3))
  }, [players])
  useEffect(() => {
    if (!verdicts.length) return
    const t = setTimeout(() => setVerdicts((vs) => vs.filter((v) => Date.now() - v.at < SHOW_MS)), SHOW_MS + 50)
    return () => clearTimeout(t)
  }, [verdicts])
  return verdicts
}
