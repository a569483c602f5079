// Phone clocks, measured by the relay over each player's socket (NTP-style ping/pong) and read by
// the api's fair buzzer: one hash per game (keys.relayClock), field = player id, value = JSON
// {offsetMs, delayMs, at}. A measure older than `maxAgeMs` is ignored (the phone has gone).
import type { Keys } from './keys.ts'
import type { Redis } from './redis.ts'

/** offsetMs: the phone's clock minus the server's; delayMs: one-way delay (half the best round trip). */
export type ClockMeasure = { offsetMs: number; delayMs: number }

const KEY_TTL_MS = 10 * 60_000

export function createClockStore(opts: { redis: Redis; keys: Keys; maxAgeMs?: number }) {
  const maxAgeMs = opts.maxAgeMs ?? 60_000
  return {
    /** Records a player's latest best measure (the relay, after each pong). */
    async save(gameId: string, playerId: string, m: ClockMeasure): Promise<void> {
      const key = opts.keys.relayClock(gameId)
      await opts.redis
        .multi()
        .hSet(key, playerId, JSON.stringify({ offsetMs: m.offsetMs, delayMs: m.delayMs, at: Date.now() }))
        .pExpire(key, KEY_TTL_MS)
        .exec()
    },
    /** Every player's recent measure in the game, by player id. */
    async read(gameId: string): Promise<Map<string, ClockMeasure>> {
      const all = await opts.redis.hGetAll(opts.keys.relayClock(gameId))
      const out = new Map<string, ClockMeasure>()
      const oldest = Date.now() - maxAgeMs
      for (const [playerId, text] of Object.entries(all)) {
        try {
          const m = JSON.parse(text) as ClockMeasure & { at: number }
          if (m.at >= oldest && Number.isFinite(m.offsetMs) && Number.isFinite(m.delayMs))
            out.set(playerId, { offsetMs: m.offsetMs, delayMs: m.delayMs })
        } catch {
          // a value this code did not write: skip it
        }
      }
      return out
    },
  }
}
export type ClockStore = ReturnType<typeof createClockStore>
