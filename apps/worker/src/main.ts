// Wires the AI worker: config, Redis clients, the api client, the AI player, the turn consumer,
// the sweeper, the health/metrics server, and graceful shutdown.
import { closeRedis, connectInBackground, createAiTurns, createRedis, keys } from '@gamenight/bus'
import { createWikiApi, orThrow } from '@gamenight/client'
import { createLogger } from '@gamenight/log'
import { onShutdown } from '@gamenight/runtime'
import { createAiPlayer } from '@gamenight/wiki-ai'
import { buildApp } from './app.ts'
import { ARTICLE_TEXT_CACHE, createApiArticleSource } from './article-source.ts'
import { loadConfig } from './config.ts'
import { createConsumer } from './consumer.ts'
import { createMemoryCeiling } from './memory-ceiling.ts'
import { createMetrics } from './metrics.ts'
import { createStep } from './step.ts'
import { createSweeper } from './sweeper.ts'

const config = loadConfig()
const log = createLogger('worker', { level: config.logLevel, base: { consumer: config.consumer } })
const k = keys(config.redisPrefix)
const metrics = createMetrics()

const redis = createRedis(config.redis, log, 'main')
// The blocking XREADGROUP gets a client of its own (on a cluster: its own connection per shard).
const reader = createRedis(config.redis, log, 'reader')
connectInBackground(redis, log)
connectInBackground(reader, log)

// No retries inside a call: the consumer holds the turn and retries it while the api is unavailable.
const api = createWikiApi({
  baseUrl: config.apiUrl,
  token: config.workerToken,
  timeoutMs: config.httpTimeoutMs,
  retries: 0,
})
const articles = createApiArticleSource(api, ARTICLE_TEXT_CACHE)
const player = createAiPlayer({ source: articles, cacheBytes: config.digestCacheBytes })
const memory = createMemoryCeiling({
  ceilingMb: config.memoryCeilingMb,
  shed: () => {
    player.shedCaches?.()
    articles.clear()
  },
  onShed: (beforeMb, afterMb) => {
    metrics.memoryShed()
    log.info('memory near the ceiling: caches dropped', {
      ceilingMb: config.memoryCeilingMb,
      rssMb: Math.round(beforeMb),
      afterMb: Math.round(afterMb),
    })
  },
  onPause: () => metrics.memoryPause(),
})
const turns = createAiTurns(redis, k, config.consumer)
const step = createStep({
  api,
  player,
  log,
  metrics,
  moveDelayMs: config.moveDelayMs,
  testPauseBeforePatchMs: config.testPauseBeforePatchMs,
  testPauseAfterPatchMs: config.testPauseAfterPatchMs,
})
const consumer = createConsumer({
  reader,
  turns,
  step,
  api,
  log,
  metrics,
  concurrency: config.concurrency,
  blockMs: config.blockMs,
  claimIdleMs: config.claimIdleMs,
  maxDeliveries: config.maxDeliveries,
  admit: memory.admit,
})
const sweeper = createSweeper({
  redis,
  keys: k,
  turns,
  api,
  log,
  metrics,
  intervalMs: config.sweepIntervalMs,
  claimIdleMs: config.claimIdleMs,
})

const app = buildApp({
  metrics,
  checks: {
    redis: async () => {
      if (!redis.isReady || !reader.isReady) throw new Error('not connected')
      await redis.ping()
    },
    api: async () => orThrow(await api.health()),
  },
}).listen({ port: config.port })

log.info('listening', { port: app.server?.port, apiUrl: config.apiUrl, concurrency: config.concurrency })
void consumer.start()
sweeper.start()

onShutdown(log, [
  ['stop sweeper', () => sweeper.close()],
  ['hand back turns', () => consumer.close(6000)],
  ['stop http', () => app.stop()],
  ['close redis', () => Promise.all([closeRedis(redis), closeRedis(reader)])],
])
