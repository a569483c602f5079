// The AI turn stream `keys.aiTurns` and its consumer group `keys.aiGroup` (docs/WORKER.md). An entry
// is `{gameId}` (AiTurnEntry) and lives in the stream only while it is unread or pending: acking
// deletes it in the same MULTI, so the stream holds exactly the games waiting for or in a turn
// (what the sweeper and a backlog-based autoscaler look at). The api enqueues a game's first turn,
// the worker every next one; entries that are not AI turns are handed to the worker to dead-letter.
import { type AiDeadLetterEntry, AiTurnEntry, validate } from '@gamenight/contracts'
import type { Keys } from './keys.ts'
import type { Redis } from './redis.ts'

/**
 * A turn as read by a consumer. `gameId` is null when the entry does not match AiTurnEntry; then
 * `problem` says why (the consumer dead-letters it). `deliveries` counts this delivery.
 */
export type AiTurn = { id: string; gameId: string | null; deliveries: number; problem?: string }

type StreamMessage = { id: string; message: Record<string, string> } | null

/** The stream or the group is gone (Redis lost its data): recreate with ensureGroup. */
export const isNoGroup = (err: unknown) => /NOGROUP/.test(String((err as Error)?.message ?? err))

/**
 * Appends one turn for `gameId`. Throws at once when Redis is not ready and after `timeoutMs`
 * (default 1000) otherwise: node-redis queues commands while disconnected, and no caller (an api
 * request, a sweep) should wait on that. A lost enqueue is found again by the worker's sweeper.
 */
export async function enqueueAiTurn(redis: Redis, keys: Keys, gameId: string, timeoutMs = 1000): Promise<void> {
  if (!redis.isReady) throw new Error('redis not ready')
  let timer: Timer | undefined
  try {
    await Promise.race([
      redis.xAdd(keys.aiTurns, '*', { gameId } satisfies AiTurnEntry),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`XADD timed out after ${timeoutMs} ms`)), timeoutMs)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}

/** Every entry in the turn stream, unread or pending, oldest first (game id null for a bad entry). */
export async function listAiTurns(redis: Redis, keys: Keys): Promise<{ id: string; gameId: string | null }[]> {
  return ((await redis.xRange(keys.aiTurns, '-', '+')) ?? []).map((m) => ({ id: m.id, gameId: gameIdOf(m) }))
}

/** The dead-letter stream, oldest first. */
export async function readAiDeadLetters(redis: Redis, keys: Keys): Promise<AiDeadLetterEntry[]> {
  return ((await redis.xRange(keys.aiDeadLetter, '-', '+')) ?? []).map((m) => m.message as AiDeadLetterEntry)
}

/** Takes the sweep lock for `ms` if no one holds it; true if this caller got it. */
export async function takeSweepLock(redis: Redis, keys: Keys, holder: string, ms: number): Promise<boolean> {
  return (await redis.set(keys.aiSweepLock, holder, { NX: true, PX: ms })) === 'OK'
}

function gameIdOf(m: NonNullable<StreamMessage>): string | null {
  return validate(AiTurnEntry, m.message).ok ? (m.message.gameId as string) : null
}

function toTurns(messages: StreamMessage[], deliveries: number): AiTurn[] {
  return messages
    .filter((m) => m !== null)
    .map((m) => {
      const v = validate(AiTurnEntry, m.message ?? {})
      return v.ok
        ? { id: m.id, gameId: v.value.gameId, deliveries }
        : { id: m.id, gameId: null, deliveries, problem: `not an AI turn entry: ${v.message}` }
    })
}

export type AiTurns = ReturnType<typeof createAiTurns>

/** The consumer side of the turn stream, as consumer `consumer` of the group. */
export function createAiTurns(redis: Redis, keys: Keys, consumer: string) {
  const stream = keys.aiTurns
  const group = keys.aiGroup

  /** Delivery counts of pending entries (XAUTOCLAIM and history reads do not report them). */
  async function withDeliveries(turns: AiTurn[]): Promise<AiTurn[]> {
    return Promise.all(
      turns.map(async (e) => {
        const [p] = await redis.xPendingRange(stream, group, e.id, e.id, 1)
        return { ...e, deliveries: p ? Number(p.deliveriesCounter) : e.deliveries }
      }),
    )
  }

  return {
    stream,
    group,
    consumer,
    /** Creates the group (and stream) if missing; true if created. From 0: after a loss, whatever is in the stream is owed a turn. */
    async ensureGroup(): Promise<boolean> {
      try {
        await redis.xGroupCreate(stream, group, '0', { MKSTREAM: true })
        return true
      } catch (err) {
        if (/BUSYGROUP/.test(String((err as Error).message))) return false
        throw err
      }
    },
    /** Up to `count` new entries, blocking up to blockMs. `reader` is a connection of its own, so a block never delays other commands. */
    async readNew(reader: Redis, count: number, blockMs: number): Promise<AiTurn[]> {
      const res = await reader.xReadGroup(group, consumer, { key: stream, id: '>' }, { COUNT: count, BLOCK: blockMs })
      return toTurns((res as { messages: StreamMessage[] }[] | null)?.[0]?.messages ?? [], 1)
    },
    /** This consumer's own pending entries after `afterId` (history read, no block). */
    async readOwnPending(afterId: string, count: number): Promise<AiTurn[]> {
      const res = await redis.xReadGroup(group, consumer, { key: stream, id: afterId }, { COUNT: count })
      return withDeliveries(toTurns((res as { messages: StreamMessage[] }[] | null)?.[0]?.messages ?? [], 1))
    },
    /** Entries idle on any consumer (a dead worker's) for minIdleMs, now ours (XAUTOCLAIM). */
    async autoClaim(minIdleMs: number, count: number): Promise<AiTurn[]> {
      const res = await redis.xAutoClaim(stream, group, consumer, minIdleMs, '0-0', { COUNT: count })
      return withDeliveries(toTurns(res.messages as StreamMessage[], 2))
    },
    /** Resets the entry's idle time if it is still ours; false once another consumer reclaimed it. */
    renew(entryId: string): Promise<boolean> {
      return redis.renewAiTurn(stream, group, consumer, entryId)
    },
    /** Ack the turn and, if the game goes on, enqueue its next turn at the end: one MULTI. */
    async finish(turn: AiTurn, requeue: boolean): Promise<void> {
      const m = redis.multi().xAck(stream, group, turn.id).xDel(stream, turn.id)
      if (requeue && turn.gameId) m.xAdd(stream, '*', { gameId: turn.gameId } satisfies AiTurnEntry)
      await m.exec()
    },
    /** Puts a game's turn back after the stream vanished under it (NOGROUP); best effort. */
    async putBack(gameId: string): Promise<void> {
      await redis.xAdd(stream, '*', { gameId } satisfies AiTurnEntry)
    },
    /** Records the turn in the dead-letter stream and acks it, in one MULTI (so it happens once). */
    async deadLetter(turn: AiTurn, reason: string): Promise<void> {
      const letter: AiDeadLetterEntry = {
        gameId: turn.gameId ?? '',
        entryId: turn.id,
        deliveries: String(turn.deliveries),
        reason: reason.slice(0, 1000),
        consumer,
        at: new Date().toISOString(),
      }
      await redis.multi().xAdd(keys.aiDeadLetter, '*', letter).xAck(stream, group, turn.id).xDel(stream, turn.id).exec()
      await redis.del(keys.aiLastError(turn.id)).catch(() => {})
    },
    /** Keeps why the turn last failed (24 h), for the dead-letter reason after redeliveries. */
    async setLastError(entryId: string, message: string): Promise<void> {
      await redis.set(keys.aiLastError(entryId), message.slice(0, 500), { PX: 24 * 3600_000 })
    },
    async lastError(entryId: string): Promise<string | null> {
      return redis.get(keys.aiLastError(entryId))
    },
    /** Deletes `name` (default: ourselves) from the group if it holds nothing. True if deleted. */
    deleteConsumerIfIdle(name = consumer): Promise<boolean> {
      return redis.deleteConsumerIfIdle(stream, group, name)
    },
    /** The group's consumers: name, pending entries, ms since their last read. */
    async consumers(): Promise<{ name: string; pending: number; idleMs: number }[]> {
      return (await redis.xInfoConsumers(stream, group)).map((c) => ({
        name: String(c.name),
        pending: Number(c.pending),
        idleMs: Number(c.idle),
      }))
    },
    /** Entries pending on `name` (default: ourselves), up to 1000. */
    async pendingCount(name = consumer): Promise<number> {
      return (await redis.xPendingRange(stream, group, '-', '+', 1000, { consumer: name })).length
    },
  }
}
