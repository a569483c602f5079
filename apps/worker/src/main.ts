// Wires the AI worker: config, Redis clients, the api client, the AI player, the turn consumer,
// the sweeper, the health/metrics server, and graceful shutdown.
import { closeRedis, connectInBackground, createRedis, keys } from '@gamenight/bus'
import { createLogger } from '@gamenight/log'
import { onShutdown } from '@gamenight/runtime'
import { createAiPlayer } from '@gamenight/wiki-ai'
import { createApiClient } from './api-client.ts'
import { buildApp } from './app.ts'
import { ARTICLE_TEXT_CACHE, createApiArticleSource } from './article-source.ts'
import { loadConfig } from './config.ts'
import { createConsumer } from './consumer.ts'
import { createMetrics } from './metrics.ts'
import { createStep } from './step.ts'
import { createSweeper } from './sweeper.ts'
import { createTurns } from './turns.ts'

const config = loadConfig()
const log = createLogger('worker', { level: config.logLevel, base: { consumer: config.consumer } })
const k = keys(config.redisPrefix)
const metrics = createMetrics()

const redis = createRedis(config.redisUrl, log, 'main')
const reader = createRedis(config.redisUrl, log, 'reader')
connectInBackground(redis, log)
connectInBackground(reader, log)

const api = createApiClient({
  baseUrl: config.apiUrl,
  workerToken: config.workerToken,
  timeoutMs: config.httpTimeoutMs,
})
const player = createAiPlayer({
  source: createApiArticleSource(api, ARTICLE_TEXT_CACHE),
  cacheSize: config.articleCacheSize,
})
const turns = createTurns(redis, k, config.consumer)
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
  redis,
  reader,
  keys: k,
  turns,
  step,
  api,
  log,
  metrics,
  concurrency: config.concurrency,
  blockMs: config.blockMs,
  claimIdleMs: config.claimIdleMs,
  maxDeliveries: config.maxDeliveries,
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
    api: () => api.healthy(),
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
