// Moves committed events from the outbox to their games' backlogs and shard channels (libs/bus publishEvents). Kicked right after each commit
// for latency, and polled so events left by a crashed process (or a Redis outage) still go out.
import { type BacklogLimits, type Keys, publishEvents, type Redis } from '@gamenight/bus'
import { drainOutbox, type OutboxRow, type Sql } from '@gamenight/db'
import type { Logger } from '@gamenight/log'

export type Publisher = ReturnType<typeof createPublisher>

export function createPublisher(opts: {
  sql: Sql
  redis: Redis
  keys: Keys
  log: Logger
  backlog: BacklogLimits
  pollMs?: number
  batch?: number
}) {
  const { sql, redis, keys, log } = opts
  let running: Promise<void> | null = null
  let again = false
  let closing = false
  let failing = false
  let published = 0

  let unreplicated = false
  const publish = async (rows: OutboxRow[]) => {
    const short = await publishEvents(redis, keys, rows, opts.backlog)
    // Said once per episode: a shard without its replica (a failover) publishes unreplicated meanwhile.
    if (short > 0 && !unreplicated) log.warn('events published without the replicas asked for', { games: short })
    if (short === 0 && unreplicated) log.info('events reach their replicas again')
    unreplicated = short > 0
  }

  async function run() {
    do {
      again = false
      try {
        let n: number
        do {
          n = await drainOutbox(sql, opts.batch ?? 200, publish)
          published += n
        } while (n > 0 && !closing)
        if (failing) log.info('outbox publishing again')
        failing = false
      } catch (err) {
        if (!failing) log.warn('outbox publish failed; will retry', { err })
        failing = true
      }
    } while (again && !closing)
    running = null
  }

  function kick() {
    if (closing) return
    if (running) {
      again = true
      return
    }
    running = run()
  }

  const timer = setInterval(kick, opts.pollMs ?? 500)
  kick()

  return {
    kick,
    get published() {
      return published
    },
    /** Stops polling and waits for the pass in flight; unpublished rows stay for the next process. */
    async close() {
      closing = true
      clearInterval(timer)
      await running
    },
  }
}
