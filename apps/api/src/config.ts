// Reads the environment once; fails fast naming what is wrong.
import { envInt, logLevel } from '@gamenight/runtime'

export type Config = ReturnType<typeof loadConfig>

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const production = env.NODE_ENV === 'production'
  const workerToken = env.WORKER_TOKEN ?? (production ? undefined : 'dev-worker-token')
  if (!workerToken) throw new Error('WORKER_TOKEN is required when NODE_ENV=production')
  return {
    databaseUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/gamenight',
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisPrefix: env.REDIS_PREFIX ?? 'gn:',
    port: envInt(env, 'PORT', 3000),
    workerToken,
    logLevel: logLevel(env.LOG_LEVEL),
    /** Pool size per api process. */
    dbPoolMax: envInt(env, 'DB_POOL_MAX', 20),
    /** Where the built web client lives; served at `/` when present. */
    webDir: env.WEB_DIR ?? new URL('../../web/dist', import.meta.url).pathname,
    /** Where browsers open the relay: '' same origin (ingress routes /ws), ':3001' this host on that port, or ws(s)://host:port. */
    publicRelayUrl: env.PUBLIC_RELAY_URL ?? ':3001',
    /** Max moves in a wiki race before the game fails. */
    wikiStepLimit: envInt(env, 'WIKI_STEP_LIMIT', 30),
    /** Run migrations (and load the article graph) on start. */
    migrateOnStart: (env.MIGRATE_ON_START ?? 'true') !== 'false',
    /** Approximate cap on the event stream's length (XADD MAXLEN ~). */
    eventsMaxLen: envInt(env, 'EVENTS_MAXLEN', 100_000),
    /** How long a stored Idempotency-Key response is replayed. */
    idempotencyTtlHours: envInt(env, 'IDEMPOTENCY_TTL_HOURS', 24, 1),
  }
}
