// Every knob of the api, as one schema read once at start (libs/runtime readEnv: one error naming
// every bad variable). The README's configuration table is generated from it (bun run docs:config).
import {
  envBool,
  envInt,
  envString,
  readEnv,
  redisTarget,
  sharedEnv,
  workerTokenInProduction,
} from '@gamenight/runtime'
import { Type as t } from '@sinclair/typebox'

export const ApiEnv = t.Object({
  DATABASE_URL: sharedEnv.DATABASE_URL,
  REDIS_URL: sharedEnv.REDIS_URL,
  REDIS_CLUSTER_NODES: sharedEnv.REDIS_CLUSTER_NODES,
  REDIS_PREFIX: sharedEnv.REDIS_PREFIX,
  PORT: sharedEnv.PORT(3000),
  WORKER_TOKEN: sharedEnv.WORKER_TOKEN,
  NODE_ENV: sharedEnv.NODE_ENV,
  LOG_LEVEL: sharedEnv.LOG_LEVEL,
  DB_POOL_MAX: envInt({ default: 20, minimum: 1, description: 'Postgres connections per api process' }),
  MIGRATE_ON_START: envBool({
    default: true,
    description: 'apply migrations and load the article graph when the api starts (set `false` when a Job does it)',
  }),
  IDEMPOTENCY_TTL_HOURS: envInt({
    default: 24,
    minimum: 1,
    description: 'how long a stored `Idempotency-Key` response is replayed',
  }),
  EVENTS_MAXLEN: envInt({
    default: 1000,
    minimum: 1,
    description: "approximate cap on each game's event backlog (entries), from which relays repair gaps",
  }),
  EVENTS_WAIT_REPLICAS: envInt({
    default: 0,
    minimum: 0,
    description:
      "replicas of a game's Redis shard that should have its events before the outbox forgets them (`WAIT`; 1 on a Redis Cluster with replicas, so a failover loses none; a shard without its replica waits `EVENTS_WAIT_MS`, then goes on)",
  }),
  EVENTS_WAIT_MS: envInt({ default: 100, minimum: 1, description: 'how long that `WAIT` may take' }),
  EVENTS_TTL_HOURS: envInt({
    default: 24,
    minimum: 1,
    description: "a game's event backlog expires this long after its last event",
  }),
  WIKI_STEP_LIMIT: envInt({ default: 30, minimum: 1, description: 'moves after which a wiki race fails' }),
  WEB_DIR: envString({ description: 'the built web client served at `/`', defaultText: '`apps/web/dist`' }),
  PUBLIC_RELAY_URL: envString({
    default: ':3001',
    description:
      "where browsers open the relay (sent in `/config.json`): empty = the page's own origin (behind the ingress or the compose edge), `:PORT` = the page's host on that port, or a full `ws(s)://host:port`",
  }),
})

export type Config = ReturnType<typeof loadConfig>

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const e = readEnv(ApiEnv, env, workerTokenInProduction)
  return {
    databaseUrl: e.DATABASE_URL,
    redis: redisTarget(e),
    redisPrefix: e.REDIS_PREFIX,
    port: e.PORT,
    workerToken: e.WORKER_TOKEN,
    logLevel: e.LOG_LEVEL,
    dbPoolMax: e.DB_POOL_MAX,
    webDir: e.WEB_DIR ?? new URL('../../web/dist', import.meta.url).pathname,
    publicRelayUrl: e.PUBLIC_RELAY_URL,
    wikiStepLimit: e.WIKI_STEP_LIMIT,
    migrateOnStart: e.MIGRATE_ON_START,
    eventsMaxLen: e.EVENTS_MAXLEN,
    eventsTtlHours: e.EVENTS_TTL_HOURS,
    eventsWaitReplicas: e.EVENTS_WAIT_REPLICAS,
    eventsWaitMs: e.EVENTS_WAIT_MS,
    idempotencyTtlHours: e.IDEMPOTENCY_TTL_HOURS,
  }
}
