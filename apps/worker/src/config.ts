// Reads the environment once; fails fast naming what is wrong. Every knob of the worker is here.

import { hostname } from 'node:os'
import { envInt, logLevel } from '@gamenight/runtime'

export type Config = ReturnType<typeof loadConfig>

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const production = env.NODE_ENV === 'production'
  const workerToken = env.WORKER_TOKEN || (production ? undefined : 'dev-worker-token')
  if (!workerToken) throw new Error('WORKER_TOKEN is required when NODE_ENV=production')
  const claimIdleMs = envInt(env, 'AI_CLAIM_IDLE_MS', 30_000, 1)
  return {
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisPrefix: env.REDIS_PREFIX ?? 'gn:',
    apiUrl: (env.API_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, ''),
    workerToken,
    port: envInt(env, 'PORT', 3002),
    logLevel: logLevel(env.LOG_LEVEL),
    /** Games (stream entries) in flight at once in this process. */
    concurrency: envInt(env, 'AI_CONCURRENCY', 4, 1),
    /** Pause before each move so people can watch an AI game; 0 in tests and benchmarks. */
    moveDelayMs: envInt(env, 'AI_MOVE_DELAY_MS', 1000),
    /** An entry pending this long on any consumer is reclaimed (XAUTOCLAIM); holders renew at a third of it. */
    claimIdleMs,
    /** An entry delivered more than this many times goes to the dead-letter stream. */
    maxDeliveries: envInt(env, 'AI_MAX_DELIVERIES', 5, 1),
    /** How often one worker (under a Redis lock) re-enqueues unfinished AI games found in no stream entry. */
    sweepIntervalMs: envInt(env, 'AI_SWEEP_INTERVAL_MS', 30_000, 100),
    /** XREADGROUP BLOCK time: also the longest a shutdown waits for the read loop. */
    blockMs: envInt(env, 'AI_BLOCK_MS', 1000, 1),
    /** Per-process consumer name; unique so a restarted process never inherits a dead one's entries by accident. */
    consumer: env.AI_CONSUMER || `${hostname()}-${process.pid}-${crypto.randomUUID().slice(0, 8)}`,
    /** Timeout of each HTTP call to the API. */
    httpTimeoutMs: envInt(env, 'AI_HTTP_TIMEOUT_MS', 10_000, 1),
    /** Articles kept in the LRU cache of the API article source. */
    articleCacheSize: envInt(env, 'AI_ARTICLE_CACHE', 5000, 1),
    // Test-only: hold a move just before / just after its PATCH so a test can kill -9 the worker in
    // that window deterministically. Never set them in a deployment.
    testPauseBeforePatchMs: envInt(env, 'AI_TEST_PAUSE_BEFORE_PATCH_MS', 0),
    testPauseAfterPatchMs: envInt(env, 'AI_TEST_PAUSE_AFTER_PATCH_MS', 0),
  }
}
