// A relay replica's side of the games it holds (docs/RELAY.md "How it works"): it follows the shard
// channel of exactly the games it has sockets in (SSUBSCRIBE on keys.gameChannel, dropped when the
// room empties), so its Redis traffic and CPU grow with its own rooms, not with the whole suite.
// On that channel arrive the api's events (with their backlog entry id) and the other replicas'
// coordination messages and presence. Pub/sub is at-most-once, so the backlog repairs it: when a
// game is first followed its newest entry is read (the welcome's seq never misses an event published
// before the subscription took), and every `checkMs` each room silent for that long reads its backlog
// after the last entry it saw (an event lost in a reconnect or a failover). An event lost between
// two later ones shows as a `seq` gap on the client, which resyncs (CONTRACT §6).
import type { Logger } from '@gamenight/log'
import { backlogTail, readBacklog } from './events.ts'
import { compareEntryIds, type Frame, frameHeader, parseFrame } from './frames.ts'
import type { Keys } from './keys.ts'
import type { Redis } from './redis.ts'

export type GameChannels = ReturnType<typeof createGameChannels>

type Followed = {
  channel: string
  listener: (raw: string) => void
  /** Resolves once the subscription is in place and the backlog's tail was read. */
  ready: Promise<void>
  /** The newest backlog entry id delivered (from the channel or the backlog). */
  lastId: string | null
  /** When the last event arrived (ms); rooms silent for `checkMs` get their backlog checked. */
  lastEventAt: number
}

/** `sub` is a connection of its own (pub/sub takes it over); on a cluster, node-redis keeps one per shard. */
export function createGameChannels(opts: {
  redis: Redis
  sub: Redis
  keys: Keys
  replica: string
  log: Logger
  lastTtlMs: number
  lastMaxTypes: number
  /** How often silent rooms read their backlog for events pub/sub lost (ms). */
  checkMs: number
  /** Backlog entries per read. */
  batch: number
  onEvent: (gameId: string, event: string) => void
  onFrame: (gameId: string, f: Frame) => void
}) {
  const { redis, sub, keys, replica, log } = opts
  const followed = new Map<string, Followed>()
  const counters = { events: 0, repaired: 0, skipped: 0 }
  let lagMs = 0

  function deliver(gameId: string, f: Followed, id: string, event: string, repaired: boolean) {
    if (f.lastId && compareEntryIds(id, f.lastId) <= 0) return
    f.lastId = id
    f.lastEventAt = Date.now()
    counters.events++
    if (repaired) counters.repaired++
    // An entry id starts with the time it was added (ms): how far behind publishing this delivery is.
    lagMs = Math.max(0, Date.now() - Number(id.split('-')[0]))
    opts.onEvent(gameId, event)
  }

  function receive(gameId: string, raw: string) {
    const f = parseFrame(raw)
    if (!f) {
      counters.skipped++
      return log.warn('malformed channel message dropped', { gameId, frame: raw.slice(0, 200) })
    }
    if (f.origin === replica) return
    const st = followed.get(gameId)
    if (!st) return
    if (f.kind === 'e') deliver(gameId, st, f.type, f.payload, false)
    else opts.onFrame(gameId, f)
  }

  async function catchUp(gameId: string, st: Followed) {
    for (;;) {
      const entries = await readBacklog(redis, keys, gameId, st.lastId, opts.batch)
      for (const e of entries) deliver(gameId, st, e.id, e.event, true)
      if (entries.length < opts.batch || followed.get(gameId) !== st) return
    }
  }

  async function start(gameId: string, st: Followed) {
    await sub.sSubscribe(st.channel, st.listener)
    const tail = await backlogTail(redis, keys, gameId)
    if (tail && followed.get(gameId) === st) deliver(gameId, st, tail.id, tail.event, true)
  }

  let checking = false
  async function check(silentForMs = opts.checkMs) {
    if (checking || !redis.isReady) return
    checking = true
    try {
      const silentSince = Date.now() - silentForMs
      const due = [...followed].filter(([, st]) => st.lastEventAt <= silentSince)
      await Promise.all(
        due.map(async ([gameId, st]) => {
          await st.ready
          await catchUp(gameId, st)
          st.lastEventAt = Math.max(st.lastEventAt, Date.now())
        }),
      )
    } catch (err) {
      log.warn('backlog check failed; retrying next interval', { err })
    } finally {
      checking = false
    }
  }
  const timer = setInterval(() => check(), opts.checkMs)

  return {
    counters,
    /** Games followed now. */
    get size() {
      return followed.size
    },
    /** ms from an event's XADD to its delivery here, at the last delivery. */
    get lagMs() {
      return lagMs
    },
    /** Follows the game's channel (once; again after unfollow). Resolves when events flow to onEvent. */
    follow(gameId: string): Promise<void> {
      const known = followed.get(gameId)
      if (known) return known.ready
      const st: Followed = {
        channel: keys.gameChannel(gameId),
        listener: (raw) => receive(gameId, raw),
        ready: Promise.resolve(),
        lastId: null,
        lastEventAt: Date.now(),
      }
      followed.set(gameId, st)
      st.ready = start(gameId, st)
      // A failed start is retried by the next follow; the welcome does not wait forever on it.
      st.ready.catch((err) => {
        if (followed.get(gameId) === st) followed.delete(gameId)
        log.warn('following a game failed', { gameId, err })
      })
      return st.ready
    },
    /** Stops following the game (its room emptied). */
    unfollow(gameId: string): void {
      const st = followed.get(gameId)
      if (!st) return
      followed.delete(gameId)
      st.ready
        .then(() => sub.sUnsubscribe(st.channel, st.listener))
        .catch((err) => log.debug('unfollow failed', { gameId, err }))
    },
    /** Remembers `payload` as the room's last `type` and sends it to the other replicas. */
    message(gameId: string, type: string, payload: string): Promise<unknown> {
      return redis.relayRememberAndPublish(keys.relayLast(gameId), keys.gameChannel(gameId), {
        type,
        payload,
        ttlMs: opts.lastTtlMs,
        maxTypes: opts.lastMaxTypes,
        header: frameHeader(replica, 'm', type),
      })
    },
    presence(gameId: string, payload: string): Promise<unknown> {
      return redis.sPublish(keys.gameChannel(gameId), frameHeader(replica, 'p', '') + payload)
    },
    /** The room's last message of each type, as JSON texts. */
    async readLast(gameId: string): Promise<Record<string, string>> {
      return (await redis.hGetAll(keys.relayLast(gameId))) as Record<string, string>
    },
    /** Reads the backlog of every room silent for `silentForMs` (default `checkMs`; it runs every `checkMs`). */
    check,
    close() {
      clearInterval(timer)
    },
  }
}
