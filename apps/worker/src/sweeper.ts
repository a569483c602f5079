// Re-enqueues unfinished AI games that have no turn anywhere: not in the stream (unread or pending).
// That happens when Redis loses its data (restart without persistence) or an enqueue after a
// commit never reached it. One worker per interval runs it, under a Redis lock with a TTL, so
// workers never race each other into duplicate turns. It also forgets consumers of dead processes
// that hold nothing (atomically: a consumer with pending entries is never deleted).
import { type AiTurns, enqueueAiTurn, type Keys, listAiTurns, type Redis, takeSweepLock } from '@gamenight/bus'
import { orThrow, type WikiApi } from '@gamenight/client'
import type { Logger } from '@gamenight/log'
import type { Metrics } from './metrics.ts'
import { sleep } from './step.ts'

/** Games the api is asked for per sweep. */
const LIST_LIMIT = 1000
/** A game missing from the stream is re-checked after this, so a game whose enqueue is in flight is not doubled. */
const GRACE_MS = 300

export type Sweeper = ReturnType<typeof createSweeper>

export function createSweeper(deps: {
  redis: Redis
  keys: Keys
  turns: AiTurns
  api: Pick<WikiApi, 'listGames'>
  log: Logger
  metrics: Metrics
  intervalMs: number
  claimIdleMs: number
}) {
  const { redis, keys, turns, log } = deps
  let timer: ReturnType<typeof setInterval> | null = null
  let running: Promise<number> | null = null

  async function gamesInStream(): Promise<Set<string>> {
    return new Set((await listAiTurns(redis, keys)).map((e) => e.gameId).filter((g): g is string => !!g))
  }

  /** One sweep if this worker gets the lock; returns how many games it re-enqueued. */
  async function sweep(): Promise<number> {
    if (!(await takeSweepLock(redis, keys, turns.consumer, deps.intervalMs))) return 0
    // The api first, the stream second: a game that ends in between is re-enqueued at worst, and
    // its next turn just acks it. The other order could miss one.
    const list = orThrow(
      await deps.api.listGames({ player: 'ai', status: 'playing', order: 'oldest', limit: LIST_LIMIT }),
    )
    const playing = list.games.map((g) => g.id)
    let inStream = await gamesInStream()
    let missing = playing.filter((id) => !inStream.has(id))
    if (missing.length > 0) {
      await sleep(GRACE_MS)
      inStream = await gamesInStream()
      missing = missing.filter((id) => !inStream.has(id))
    }
    for (const gameId of missing) await enqueueAiTurn(redis, keys, gameId)
    if (missing.length > 0) {
      deps.metrics.sweptGame({}, missing.length)
      log.warn('re-enqueued AI games that had no turn in the stream', {
        count: missing.length,
        gameIds: missing.slice(0, 20),
      })
    }
    await forgetDeadConsumers()
    return missing.length
  }

  async function forgetDeadConsumers() {
    // Long idle and empty-handed: a process that died and whose entries were all reclaimed.
    const idleFor = Math.max(10 * deps.claimIdleMs, 60_000)
    const consumers = await turns.consumers().catch(() => [])
    for (const c of consumers) {
      if (c.name === turns.consumer || c.pending > 0 || c.idleMs < idleFor) continue
      if (await turns.deleteConsumerIfIdle(c.name)) log.info('forgot an idle empty consumer', { consumer: c.name })
    }
  }

  function tick() {
    running ??= sweep()
      .catch((err) => {
        log.warn('sweep failed; next interval tries again', { err })
        return 0
      })
      .finally(() => {
        running = null
      })
    return running
  }

  return {
    sweep: tick,
    start() {
      timer ??= setInterval(tick, deps.intervalMs)
      tick()
    },
    async close() {
      if (timer) clearInterval(timer)
      timer = null
      await running
    },
  }
}
