// Reads every entry of the event stream (XREAD BLOCK, not a consumer group: every replica must see
// every event). Starts at the stream's tail and then follows the last id it saw, so a Redis outage
// or reconnect resumes where it stopped instead of skipping what was added meanwhile.
import type { Redis } from '@gamenight/bus'
import type { Logger } from '@gamenight/log'

export type StreamReader = ReturnType<typeof createStreamReader>

export function createStreamReader(opts: {
  redis: Redis
  stream: string
  log: Logger
  batch: number
  blockMs?: number
  deliver: (gameId: string, event: string) => void
}) {
  const { redis, stream, log } = opts
  let closing = false
  let lastId: string | null = null
  let failing = false
  let read = 0

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
        const res = await redis.xRead({ key: stream, id: lastId }, { BLOCK: opts.blockMs ?? 2000, COUNT: opts.batch })
        if (failing) log.info('event stream readable again', { from: lastId })
        failing = false
        for (const s of (res as { messages: { id: string; message: Record<string, string> }[] }[] | null) ?? []) {
          for (const m of s.messages) {
            lastId = m.id
            read++
            const { gameId, event } = m.message
            if (gameId && event) opts.deliver(gameId, event)
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
    get read() {
      return read
    },
    /** Stops after the read in flight; the caller then closes (or destroys) the blocking client. */
    async close() {
      closing = true
      await Promise.race([running, Bun.sleep((opts.blockMs ?? 2000) + 500)])
    },
  }
}
