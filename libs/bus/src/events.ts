// The event stream `keys.events` (CONTRACT §2): the api's outbox publisher appends every committed
// event; every relay replica reads every entry (XREAD, not a consumer group) and delivers it to the
// game's room. Nothing consumes it destructively; XADD trims it to about `maxLen` entries.
import { EventEntry, validate } from '@gamenight/contracts'
import type { Logger } from '@gamenight/log'
import type { Keys } from './keys.ts'
import type { Redis } from './redis.ts'

/** One event to publish: the game and the event object (serialized once, here). */
export type OutgoingEvent = { gameId: string; event: unknown }

type StreamMessage = { id: string; message: Record<string, string> }

/**
 * Appends `events` to the event stream in one MULTI, in order, trimming it to about `maxLen` entries
 * (XADD MAXLEN ~). Throws when Redis is not ready (node-redis would otherwise queue the commands
 * until it reconnects) or the MULTI fails; then none or all may be in: callers publish again
 * (the outbox's at-least-once rule; clients drop duplicates by version).
 */
export async function publishEvents(redis: Redis, keys: Keys, events: OutgoingEvent[], maxLen: number): Promise<void> {
  if (!redis.isReady) throw new Error('redis not ready')
  const m = redis.multi()
  for (const e of events) {
    m.xAdd(
      keys.events,
      '*',
      { gameId: e.gameId, event: JSON.stringify(e.event) },
      { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: maxLen } },
    )
  }
  await m.exec()
}

/**
 * The entries between stream ids `from` and `to` (inclusive; a bare millisecond time is a valid id),
 * checked against EventEntry; entries that do not match are left out. For tests and benchmarks
 * (the relay follows the stream with createEventReader).
 */
export async function readEvents(
  redis: Redis,
  keys: Keys,
  from = '-',
  to = '+',
): Promise<({ id: string } & EventEntry)[]> {
  const out: ({ id: string } & EventEntry)[] = []
  for (const m of (await redis.xRange(keys.events, from, to)) ?? []) {
    const v = validate(EventEntry, m.message)
    if (v.ok) out.push({ id: m.id, ...v.value })
  }
  return out
}

export type EventReader = ReturnType<typeof createEventReader>

/**
 * Follows the event stream from its tail (XREAD BLOCK) and calls `deliver(gameId, eventJsonText)` for
 * each entry, in stream order. After a Redis outage or reconnect it resumes after the last id it saw,
 * so nothing added meanwhile is skipped. An entry that does not match EventEntry is skipped with a
 * warning. Use a connection of its own: the blocking read holds it for up to `blockMs` (default 2000).
 */
export function createEventReader(opts: {
  redis: Redis
  keys: Keys
  log: Logger
  /** Entries per XREAD. */
  batch: number
  blockMs?: number
  deliver: (gameId: string, event: string) => void
}) {
  const { redis, log } = opts
  const stream = opts.keys.events
  const blockMs = opts.blockMs ?? 2000
  let closing = false
  let lastId: string | null = null
  let failing = false
  let read = 0
  let skipped = 0
  let lagMs = 0

  async function tail(): Promise<string> {
    const newest = await redis.xRevRange(stream, '+', '-', { COUNT: 1 })
    return newest?.[0]?.id ?? '0-0'
  }

  async function loop() {
    while (!closing) {
      if (!redis.isReady) {
        await Bun.sleep(100)
        continue
      }
      try {
        lastId ??= await tail()
        const res = await redis.xRead({ key: stream, id: lastId }, { BLOCK: blockMs, COUNT: opts.batch })
        if (failing) log.info('event stream readable again', { from: lastId })
        failing = false
        for (const s of (res as { messages: StreamMessage[] }[] | null) ?? []) {
          const newest = s.messages.at(-1)
          // An entry id starts with the time it was added (ms): how far behind the stream this read was.
          if (newest) lagMs = Math.max(0, Date.now() - Number(newest.id.split('-')[0]))
          for (const m of s.messages) {
            lastId = m.id
            read++
            const v = validate(EventEntry, m.message)
            if (v.ok) opts.deliver(v.value.gameId, v.value.event)
            else {
              skipped++
              log.warn('event stream entry skipped: not an event entry', { entryId: m.id, problem: v.message })
            }
          }
        }
      } catch (err) {
        if (closing) break
        if (!failing) log.warn('event stream read failed; retrying', { err })
        failing = true
        await Bun.sleep(200)
      }
    }
  }

  const running = loop()
  return {
    /** Entries read so far (delivered or skipped). */
    get read() {
      return read
    },
    /** Entries skipped because they did not match EventEntry. */
    get skipped() {
      return skipped
    },
    /** At the last read that returned entries: ms from the newest entry's XADD to its read. */
    get lagMs() {
      return lagMs
    },
    /** The id of the last entry read, or null before the first read. */
    get lastId() {
      return lastId
    },
    /** Stops after the read in flight; the caller then closes (or destroys) the blocking client. */
    async close() {
      closing = true
      await Promise.race([running, Bun.sleep(blockMs + 500)])
    },
  }
}
