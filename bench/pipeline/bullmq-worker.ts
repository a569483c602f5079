// The baseline of bench/pipeline.ts: the worker's very same turn (createStep: GET game, infer with
// libs/wiki-ai over the api's articles, PATCH with expectedVersion) driven by a BullMQ Worker instead
// of our stream consumer. A turn that leaves the game playing adds the game's next job.
// Env: REDIS_URL, BULL_PREFIX, API_URL, WORKER_TOKEN, AI_CONCURRENCY.
import { createWikiApi } from '@gamenight/client'
import { createLogger } from '@gamenight/log'
import { Queue, Worker } from 'bullmq'
import { createClient } from 'redis'
import { createApiArticleSource } from '../../apps/worker/src/article-source.ts'
import { createMetrics } from '../../apps/worker/src/metrics.ts'
import { createStep } from '../../apps/worker/src/step.ts'
import { createAiPlayer } from '../../libs/wiki-ai/src/index.ts'

export const QUEUE = 'ai-turns'
const env = process.env
const connection = createClient({ url: env.REDIS_URL ?? 'redis://127.0.0.1:6379' })
connection.on('error', () => {})
await connection.connect()
const prefix = env.BULL_PREFIX ?? 'gnbench:bull'
const concurrency = Number(env.AI_CONCURRENCY ?? 8)

const api = createWikiApi({
  baseUrl: env.API_URL ?? 'http://127.0.0.1:3000',
  token: env.WORKER_TOKEN ?? 'dev-worker-token',
  timeoutMs: 10_000,
  retries: 0,
})
const step = createStep({
  api,
  player: createAiPlayer({ source: createApiArticleSource(api, 5000) }),
  log: createLogger('bullmq-worker', { level: 'warn' }),
  metrics: createMetrics(),
  moveDelayMs: 0,
})
const never = new AbortController().signal
const queue = new Queue(QUEUE, { connection, prefix })
const worker = new Worker(
  QUEUE,
  async (job) => {
    const r = await step(job.data.gameId, never)
    if (r.requeue) await queue.add('turn', { gameId: job.data.gameId }, { removeOnComplete: true, removeOnFail: 1000 })
  },
  { connection, prefix, concurrency },
)
worker.on('error', () => {})
await worker.waitUntilReady()
console.log('ready')

process.on('SIGTERM', async () => {
  await worker.close(true)
  await queue.close()
  process.exit(0)
})
