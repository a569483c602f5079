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
  TRIVIA_READ_TIME_MS: envInt({
    default: 5000,
    minimum: 0,
    description:
      "a new game's read time: a clue's buzzers open by themselves this long after it is shown (0: at once); a game may set its own (`readTimeMs`)",
  }),
  TRIVIA_TICK_MS: envInt({
    default: 250,
    minimum: 10,
    description:
      'how often the api looks for clues due to open and buzzer windows due to be decided (a safety net: each also has its own timer)',
  }),
  BUZZER_LOCKOUT_MS: envInt({
    default: 500,
    minimum: 0,
    description: 'how long a press before the buzzers open locks that player out (409 TOO_EARLY, then LOCKED_OUT)',
  }),
  BUZZER_WINDOW_MAX_MS: envInt({
    default: 250,
    minimum: 0,
    description:
      "upper bound of the arbitration window after a clue's first press (the window is 2 × the slowest measured one-way delay + the tolerance)",
  }),
  BUZZER_CLOCK_TOLERANCE_MS: envInt({
    default: 40,
    minimum: 0,
    description:
      "slack for clock and network jitter when a phone's claimed press times are checked against its measured delay",
  }),
  BUZZER_MIN_REACTION_MS: envInt({
    default: 100,
    minimum: 0,
    description: "a phone's claimed reaction time under this is not trusted (the server's estimate is used)",
  }),
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
    readTimeMs: e.TRIVIA_READ_TIME_MS,
    tickMs: e.TRIVIA_TICK_MS,
    fairBuzzer: {
      windowMaxMs: e.BUZZER_WINDOW_MAX_MS,
      toleranceMs: e.BUZZER_CLOCK_TOLERANCE_MS,
      minReactionMs: e.BUZZER_MIN_REACTION_MS,
      lockoutMs: e.BUZZER_LOCKOUT_MS,
    },
  }
}
