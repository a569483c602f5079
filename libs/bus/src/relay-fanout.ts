// Relay ↔ relay over Redis (docs/RELAY.md): coordination messages and presence events go out on one
// pub/sub channel (`keys.relayChannel`) as `${replica}\n${gameId}\n${kind}\n${type}\n${payload}`; each
// replica drops its own frames (it delivered them locally already) and frames for rooms it has no one in. The
// latest message of each type per room is kept in `keys.relayLast(gameId)` (a hash with a TTL) in
// the same script that publishes it, so `last` never lags behind what was relayed.
import type { Logger } from '@gamenight/log'
import type { Keys } from './keys.ts'
import type { Redis } from './redis.ts'

export type Frame = { gameId: string; kind: 'm' | 'p'; type: string; payload: string }

export type RelayFanout = ReturnType<typeof createRelayFanout>

/** One replica's side of the relay channel; `sub` is a connection of its own (pub/sub takes it over). */
export function createRelayFanout(opts: {
  redis: Redis
  sub: Redis
  keys: Keys
  replica: string
  log: Logger
  lastTtlMs: number
  lastMaxTypes: number
  onFrame: (f: Frame) => void
}) {
  const { redis, sub, keys, replica, log } = opts
  const header = (gameId: string, kind: Frame['kind'], type: string) => `${replica}\n${gameId}\n${kind}\n${type}\n`

  function receive(raw: string) {
    const a = raw.indexOf('\n')
    if (a < 0 || raw.slice(0, a) === replica) return
    const b = raw.indexOf('\n', a + 1)
    const c = raw.indexOf('\n', b + 1)
    const d = raw.indexOf('\n', c + 1)
    if (b < 0 || c < 0 || d < 0) return log.warn('malformed relay frame dropped', { frame: raw.slice(0, 200) })
    const kind = raw.slice(b + 1, c)
    if (kind !== 'm' && kind !== 'p') return
    opts.onFrame({ gameId: raw.slice(a + 1, b), kind, type: raw.slice(c + 1, d), payload: raw.slice(d + 1) })
  }

  return {
    /** Subscribes once; node-redis re-subscribes by itself after every reconnect. */
    async start() {
      await sub.subscribe(keys.relayChannel, receive)
    },
    /** Remembers `payload` as the room's last `type` and sends it to the other replicas. */
    message(gameId: string, type: string, payload: string): Promise<unknown> {
      return redis.relayRememberAndPublish(keys.relayLast(gameId), {
        type,
        payload,
        ttlMs: opts.lastTtlMs,
        maxTypes: opts.lastMaxTypes,
        channel: keys.relayChannel,
        header: header(gameId, 'm', type),
      })
    },
    presence(gameId: string, payload: string): Promise<unknown> {
      return redis.publish(keys.relayChannel, header(gameId, 'p', '') + payload)
    },
    /** The room's last message of each type, as JSON texts. */
    async readLast(gameId: string): Promise<Record<string, string>> {
      return (await redis.hGetAll(keys.relayLast(gameId))) as Record<string, string>
    },
  }
}
