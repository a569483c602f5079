// Committed game events on Redis (CONTRACT §2): the api's outbox publisher appends each event to
// its game's backlog stream (keys.gameEvents) and publishes it on the game's shard channel
// (keys.gameChannel) in one script (scripts.ts publishGameEvent). Relays follow the channels of the
// games they hold (game-channels.ts) and repair gaps from the backlog. Nothing consumes a backlog
// destructively; it is trimmed to about `maxLen` entries and expires `ttlSec` after its last event.
import { EventEntry, validate } from '@gamenight/contracts'
import { compareEntryIds, EVENT_ORIGIN, frameHeader } from './frames.ts'
import type { Keys } from './keys.ts'
import { isCluster, type Redis } from './redis.ts'

/** One event to publish: the game and the event object (serialized once, here). */
export type OutgoingEvent = { gameId: string; event: unknown }
/**
 * `maxLen` entries (about) and `ttlSec` after the last event per game backlog. `waitReplicas` > 0:
 * after publishing, WAIT until that many replicas of each game's shard have the events (up to
 * `waitMs`), so a failover right after cannot lose what the outbox already deleted. A shard short
 * of replicas (one just failed over) is waited on for `waitMs` and then published to anyway: games
 * go on, as they would on asynchronous replication (docs/SCALING.md).
 */
export type BacklogLimits = { maxLen: number; ttlSec: number; waitReplicas?: number; waitMs?: number }
export type BacklogEntry = { id: string } & EventEntry

// The script appends `${entryId}\n${event}`: the frame's type is the entry id.
const EVENT_HEADER = frameHeader(EVENT_ORIGIN, 'e', '').slice(0, -1)

/**
 * Publishes `events`: per event one script on the game's shard (backlog XADD + SPUBLISH). Sent
 * together and pipelined; a game's events go to one connection in order, so they commit in order.
 * Throws when Redis is not ready (node-redis would otherwise queue the commands until it
 * reconnects) or any script fails; then some may be in: callers publish again (the outbox's
 * at-least-once rule; clients drop duplicates by seq/version). Returns how many games' shards
 * confirmed fewer than `waitReplicas` replicas (0 without waitReplicas).
 */
export async function publishEvents(
  redis: Redis,
  keys: Keys,
  events: OutgoingEvent[],
  limits: BacklogLimits,
): Promise<number> {
  if (!redis.isReady) throw new Error('redis not ready')
  await Promise.all(
    events.map((e) =>
      redis.publishGameEvent(keys.gameEvents(e.gameId), keys.gameChannel(e.gameId), {
        gameId: e.gameId,
        event: JSON.stringify(e.event),
        maxLen: limits.maxLen,
        ttlSec: limits.ttlSec,
        header: EVENT_HEADER,
      }),
    ),
  )
  return limits.waitReplicas ? waitForReplicas(redis, keys, events, limits.waitReplicas, limits.waitMs ?? 100) : 0
}

/** WAIT on the shard of every game in `events` (once per game) for `replicas` replicas, up to `ms`; games short of them. */
async function waitForReplicas(
  redis: Redis,
  keys: Keys,
  events: OutgoingEvent[],
  replicas: number,
  ms: number,
): Promise<number> {
  const args = ['WAIT', String(replicas), String(ms)]
  const games = [...new Set(events.map((e) => e.gameId))]
  const acked = await Promise.all(
    games.map((g) =>
      isCluster(redis)
        ? (redis as unknown as ClusterSend).sendCommand(keys.gameEvents(g), false, args)
        : redis.sendCommand(args),
    ),
  )
  return acked.filter((n) => Number(n) < replicas).length
}
type ClusterSend = { sendCommand(firstKey: string, readonly: boolean, args: string[]): Promise<unknown> }

function toEntries(messages: { id: string; message: Record<string, string> }[] | null): BacklogEntry[] {
  const out: BacklogEntry[] = []
  for (const m of messages ?? []) {
    const v = validate(EventEntry, m.message)
    if (v.ok) out.push({ id: m.id, ...v.value })
  }
  return out
}

/**
 * A game's backlog entries after entry id `afterId` (exclusive; null: from the start), oldest first,
 * at most `count`. Entries that do not match EventEntry are left out.
 */
export async function readBacklog(
  redis: Redis,
  keys: Keys,
  gameId: string,
  afterId: string | null,
  count: number,
): Promise<BacklogEntry[]> {
  return toEntries(await redis.xRange(keys.gameEvents(gameId), afterId ? `(${afterId}` : '-', '+', { COUNT: count }))
}

/** The newest entry of a game's backlog, or null when it has none. */
export async function backlogTail(redis: Redis, keys: Keys, gameId: string): Promise<BacklogEntry | null> {
  return toEntries(await redis.xRevRange(keys.gameEvents(gameId), '+', '-', { COUNT: 1 }))[0] ?? null
}

/**
 * Every backlog entry between stream ids `from` and `to` (inclusive; a bare millisecond time is a
 * valid id) of one game, or of every game (SCAN over all shards: for tests, benchmarks and tools,
 * never a hot path), oldest first by entry id.
 */
export async function readEvents(
  redis: Redis,
  keys: Keys,
  opts: { gameId?: string; from?: string; to?: string } = {},
): Promise<BacklogEntry[]> {
  const range = async (key: string) => toEntries(await redis.xRange(key, opts.from ?? '-', opts.to ?? '+'))
  if (opts.gameId) return range(keys.gameEvents(opts.gameId))
  const out: BacklogEntry[] = []
  for (const node of await shardClients(redis))
    for await (const batch of node.scanIterator({ MATCH: keys.gameEventsPattern, COUNT: 500, TYPE: 'stream' }))
      for (const key of Array.isArray(batch) ? batch : [batch]) out.push(...(await range(key)))
  return out.sort((a, b) => compareEntryIds(a.id, b.id))
}

/** One client per master (a cluster) or the client itself. */
async function shardClients(redis: Redis): Promise<Redis[]> {
  if (!isCluster(redis)) return [redis]
  const c = redis as unknown as { masters: unknown[]; nodeClient(n: unknown): Promise<Redis> }
  return Promise.all(c.masters.map((m) => c.nodeClient(m)))
}
