// The clue ticker: opens clues whose read time is over and decides buzzer windows that ended,
// announcing each (`clue_updated`, `buzzer_pressed`). Presses never wait for it: a press after
// `opens_at` opens the clue itself, and a pressing request decides its own window; the ticker is
// for the screens, so they learn of an opening without anyone pressing. Safe with several api
// replicas: each game is changed under its row lock and only if still due, so a second replica
// finds nothing to do. A timer per woken game gives timely announcements; the scan every `tickMs`
// catches what another replica or a restart left behind.
import type { Sql } from '@gamenight/db'
import { trivia } from '@gamenight/db'
import type { Logger } from '@gamenight/log'

export function createClueTicker(opts: { sql: Sql; log: Logger; afterCommit: () => void; tickMs: number }) {
  const timers = new Map<string, ReturnType<typeof setTimeout>>()
  let closing = false
  let scanning: Promise<void> | null = null

  async function tick(gameId: string) {
    try {
      await opts.sql.begin((tx) => trivia.tickGame(tx, gameId))
      opts.afterCommit()
    } catch (err) {
      opts.log.warn('clue tick failed', { gameId, err })
    }
  }

  async function scan() {
    try {
      for (const id of await trivia.dueGames(opts.sql)) if (!closing) await tick(id)
    } catch (err) {
      opts.log.warn('clue scan failed', { err })
    }
  }

  const interval = setInterval(() => {
    if (!scanning) scanning = scan().finally(() => (scanning = null))
  }, opts.tickMs)

  return {
    /** Looks at the game in `delayMs` (+1 ms, so the database clock has passed the instant). */
    wake(gameId: string, delayMs: number) {
      if (closing) return
      clearTimeout(timers.get(gameId))
      timers.set(
        gameId,
        setTimeout(() => {
          timers.delete(gameId)
          void tick(gameId)
        }, Math.max(0, delayMs) + 1),
      )
    },
    async close() {
      closing = true
      clearInterval(interval)
      for (const t of timers.values()) clearTimeout(t)
      timers.clear()
      await scanning
    },
  }
}
