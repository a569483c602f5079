// Every knob of the worker, as one schema read once at start (libs/runtime readEnv: one error naming
// every bad variable). The README's configuration table is generated from it (bun run docs:config).
import { hostname } from 'node:os'
import { envInt, envString, readEnv, redisTarget, sharedEnv, workerTokenInProduction } from '@gamenight/runtime'
import { Type as t } from '@sinclair/typebox'
import { COLLECT_AT } from './memory-ceiling.ts'

export const WorkerEnv = t.Object({
  REDIS_URL: sharedEnv.REDIS_URL,
  REDIS_CLUSTER_NODES: sharedEnv.REDIS_CLUSTER_NODES,
  REDIS_PREFIX: sharedEnv.REDIS_PREFIX,
  PORT: sharedEnv.PORT(3002),
  WORKER_TOKEN: sharedEnv.WORKER_TOKEN,
  NODE_ENV: sharedEnv.NODE_ENV,
  LOG_LEVEL: sharedEnv.LOG_LEVEL,
  API_URL: envString({
    default: 'http://127.0.0.1:3000',
    minLength: 1,
    description: 'the api the worker plays through',
  }),
  AI_CONCURRENCY: envInt({ default: 4, minimum: 1, description: 'AI games in flight per worker process' }),
  AI_MOVE_DELAY_MS: envInt({ default: 1000, description: 'pause before each AI move, so people can watch' }),
  AI_CLAIM_IDLE_MS: envInt({
    default: 30_000,
    minimum: 1,
    description: 'a turn idle this long (its worker died) is reclaimed; holders renew every third of it',
  }),
  AI_MAX_DELIVERIES: envInt({
    default: 5,
    minimum: 1,
    description: 'deliveries after which a turn goes to the dead-letter stream and its game fails',
  }),
  AI_SWEEP_INTERVAL_MS: envInt({
    default: 30_000,
    minimum: 100,
    description: 'how often one worker re-enqueues unfinished AI games missing from the stream',
  }),
  AI_BLOCK_MS: envInt({
    default: 1000,
    minimum: 1,
    description: 'blocking read timeout (bounds the SIGTERM wait)',
  }),
  AI_CONSUMER: envString({
    description: 'consumer name in the group; leave unset unless each process gets a stable unique name',
    defaultText: 'host-pid-random',
  }),
  AI_HTTP_TIMEOUT_MS: envInt({ default: 10_000, minimum: 1, description: 'timeout of each api call' }),
  AI_DIGEST_CACHE_MB: envInt({
    default: 32,
    minimum: 1,
    description: 'MiB of article digests the AI player keeps (links and vectors; all 4,604 articles take ~19 MiB)',
  }),
  AI_MEMORY_CEILING_MB: envInt({
    default: 270,
    minimum: 1,
    description: `resident memory (MiB) the worker stays under: from ${Math.round(COLLECT_AT * 100)} % of it it collects garbage, then drops caches if that is not enough; at it, it takes no new turn while one is in flight`,
  }),
  AI_TEST_PAUSE_BEFORE_PATCH_MS: envInt({
    default: 0,
    testOnly: true,
    description: 'hold each move this long just before its PATCH, so a test can kill -9 the worker there',
  }),
  AI_TEST_PAUSE_AFTER_PATCH_MS: envInt({
    default: 0,
    testOnly: true,
    description: 'the same, just after the PATCH and before the ack',
  }),
})

export type Config = ReturnType<typeof loadConfig>

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const e = readEnv(WorkerEnv, env, workerTokenInProduction)
  return {
    redis: redisTarget(e),
    redisPrefix: e.REDIS_PREFIX,
    apiUrl: e.API_URL.replace(/\/+$/, ''),
    workerToken: e.WORKER_TOKEN,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    /** Games (stream entries) in flight at once in this process. */
    concurrency: e.AI_CONCURRENCY,
    /** Pause before each move so people can watch an AI game; 0 in tests and benchmarks. */
    moveDelayMs: e.AI_MOVE_DELAY_MS,
    /** An entry pending this long on any consumer is reclaimed (XAUTOCLAIM); holders renew at a third of it. */
    claimIdleMs: e.AI_CLAIM_IDLE_MS,
    /** An entry delivered more than this many times goes to the dead-letter stream. */
    maxDeliveries: e.AI_MAX_DELIVERIES,
    /** How often one worker (under a Redis lock) re-enqueues unfinished AI games found in no stream entry. */
    sweepIntervalMs: e.AI_SWEEP_INTERVAL_MS,
    /** XREADGROUP BLOCK time: also the longest a shutdown waits for the read loop. */
    blockMs: e.AI_BLOCK_MS,
    /** Per-process consumer name; unique so a restarted process never inherits a dead one's entries by accident. */
    consumer: e.AI_CONSUMER ?? `${hostname()}-${process.pid}-${crypto.randomUUID().slice(0, 8)}`,
    httpTimeoutMs: e.AI_HTTP_TIMEOUT_MS,
    digestCacheBytes: e.AI_DIGEST_CACHE_MB * 2 ** 20,
    /** Resident memory (MiB) the worker keeps under by shedding caches and holding back new turns. */
    memoryCeilingMb: e.AI_MEMORY_CEILING_MB,
    // Test-only: hold a move just before / just after its PATCH so a test can kill -9 the worker in
    // that window deterministically. Never set them in a deployment.
    testPauseBeforePatchMs: e.AI_TEST_PAUSE_BEFORE_PATCH_MS,
    testPauseAfterPatchMs: e.AI_TEST_PAUSE_AFTER_PATCH_MS,
  }
}
