// Redis operations on the AI turn stream and its consumer group (CONTRACT §4). Entries are
// `{gameId}`; an entry lives in the stream only while it is unread or pending: acking deletes it in
// the same MULTI, so the stream holds exactly the games waiting for or in a turn (which is what
// the sweeper and a backlog-based autoscaler look at).
import type { Keys, Redis } from '@gamenight/bus'

export type Entry = { id: string; gameId: string | null; deliveries: number }

// Renews our claim only while the entry is still ours: XCLAIM ... JUSTID resets the idle time
// without counting a delivery, but would also steal an entry another worker has since reclaimed.
const RENEW = `
local p = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[3], ARGV[3], 1)
if p[1] and p[1][2] == ARGV[2] then
  redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[3], 'JUSTID')
  return 1
end
return 0`

// Deletes a consumer only if it holds nothing: XGROUP DELCONSUMER drops its pending entries, which
// would lose their games' turns. Atomic so no entry can be delivered to it in between.
const DEL_IF_IDLE = `
local p = redis.call('XPENDING', KEYS[1], ARGV[1], '-', '+', 1, ARGV[2])
if #p == 0 then return redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2]) end
return -1`

export const isNoGroup = (err: unknown) => /NOGROUP/.test(String((err as Error)?.message ?? err))

export type Turns = ReturnType<typeof createTurns>

export function createTurns(redis: Redis, keys: Keys, consumer: string) {
  const stream = keys.aiTurns
  const group = keys.aiGroup

  const toEntries = (
    messages: ({ id: string; message: Record<string, string> } | null)[],
    deliveries: number,
  ): Entry[] =>
    messages.filter((m) => m !== null).map((m) => ({ id: m.id, gameId: m.message?.gameId || null, deliveries }))

  /** Delivery counts of pending entries (XAUTOCLAIM and history reads do not report them). */
  async function withDeliveries(entries: Entry[]): Promise<Entry[]> {
    return Promise.all(
      entries.map(async (e) => {
        const [p] = await redis.xPendingRange(stream, group, e.id, e.id, 1)
        return { ...e, deliveries: p ? Number(p.deliveriesCounter) : e.deliveries }
      }),
    )
  }

  return {
    stream,
    group,
    consumer,
    /** Creates the group (and stream) if missing. From 0: after a loss, whatever is in the stream is owed a turn. */
    async ensureGroup(): Promise<boolean> {
      try {
        await redis.xGroupCreate(stream, group, '0', { MKSTREAM: true })
        return true
      } catch (err) {
        if (/BUSYGROUP/.test(String((err as Error).message))) return false
        throw err
      }
    },
    /** New entries, blocking up to blockMs. Uses `reader`, a connection of its own, so a block never delays other commands. */
    async readNew(reader: Redis, count: number, blockMs: number): Promise<Entry[]> {
      const res = await reader.xReadGroup(group, consumer, { key: stream, id: '>' }, { COUNT: count, BLOCK: blockMs })
      const msgs =
        (res as { messages: { id: string; message: Record<string, string> }[] }[] | null)?.[0]?.messages ?? []
      return toEntries(msgs, 1)
    },
    /** This consumer's own pending entries after `afterId` (history read, no block). */
    async readOwnPending(afterId: string, count: number): Promise<Entry[]> {
      const res = await redis.xReadGroup(group, consumer, { key: stream, id: afterId }, { COUNT: count })
      const msgs =
        (res as { messages: ({ id: string; message: Record<string, string> } | null)[] }[] | null)?.[0]?.messages ?? []
      return withDeliveries(toEntries(msgs as never, 1))
    },
    /** Entries idle on any consumer (a dead worker's) for minIdleMs, now ours. */
    async autoClaim(minIdleMs: number, count: number): Promise<Entry[]> {
      const res = await redis.xAutoClaim(stream, group, consumer, minIdleMs, '0-0', { COUNT: count })
      return withDeliveries(toEntries(res.messages as never, 2))
    },
    async renew(id: string): Promise<boolean> {
      return Number(await redis.eval(RENEW, { keys: [stream], arguments: [group, consumer, id] })) === 1
    },
    /** Ack the turn and, if the game goes on, enqueue its next turn at the end: one MULTI. */
    async finish(entry: Entry, requeue: boolean): Promise<void> {
      const m = redis.multi().xAck(stream, group, entry.id).xDel(stream, entry.id)
      if (requeue && entry.gameId) m.xAdd(stream, '*', { gameId: entry.gameId })
      await m.exec()
    },
    /** Record the entry in the dead-letter stream and ack it, in one MULTI (so it happens once). */
    async deadLetter(entry: Entry, reason: string): Promise<void> {
      await redis
        .multi()
        .xAdd(keys.aiDeadLetter, '*', {
          gameId: entry.gameId ?? '',
          entryId: entry.id,
          deliveries: String(entry.deliveries),
          reason: reason.slice(0, 1000),
          consumer,
          at: new Date().toISOString(),
        })
        .xAck(stream, group, entry.id)
        .xDel(stream, entry.id)
        .exec()
    },
    /** Deletes `name` (default: ourselves) from the group if it holds nothing. True if deleted. */
    async deleteConsumerIfIdle(name = consumer): Promise<boolean> {
      const r = Number(await redis.eval(DEL_IF_IDLE, { keys: [stream], arguments: [group, name] }))
      return r >= 0
    },
    async pendingCount(name = consumer): Promise<number> {
      return (await redis.xPendingRange(stream, group, '-', '+', 1000, { consumer: name })).length
    },
  }
}
