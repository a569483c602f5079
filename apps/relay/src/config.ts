// Every knob of the relay, as one schema read once at start (libs/runtime readEnv: one error naming
// every bad variable). The README's configuration table is generated from it (bun run docs:config).
import { RELAY_MAX_MESSAGE_BYTES } from '@gamenight/contracts'
import { envInt, readEnv, redisTarget, sharedEnv } from '@gamenight/runtime'
import { Type as t } from '@sinclair/typebox'

export const RelayEnv = t.Object({
  DATABASE_URL: sharedEnv.DATABASE_URL,
  REDIS_URL: sharedEnv.REDIS_URL,
  REDIS_CLUSTER_NODES: sharedEnv.REDIS_CLUSTER_NODES,
  REDIS_PREFIX: sharedEnv.REDIS_PREFIX,
  PORT: sharedEnv.PORT(3001),
  NODE_ENV: sharedEnv.NODE_ENV,
  LOG_LEVEL: sharedEnv.LOG_LEVEL,
  RELAY_DB_POOL_MAX: envInt({ default: 5, minimum: 1, description: 'Postgres connections (token checks)' }),
  RELAY_MAX_MESSAGE_BYTES: envInt({
    default: RELAY_MAX_MESSAGE_BYTES,
    minimum: 1,
    description: 'larger client messages get an `error`; the connection stays up',
  }),
  RELAY_HARD_MAX_BYTES: envInt({
    default: 1024 * 1024,
    minimum: 1,
    description: 'larger frames close the socket (1009)',
  }),
  RELAY_RATE_PER_SEC: envInt({
    default: 20,
    minimum: 1,
    description: 'token bucket per connection: messages a second',
  }),
  RELAY_RATE_BURST: envInt({ default: 40, minimum: 1, description: 'token bucket per connection: burst size' }),
  RELAY_FLOOD_CLOSE_AFTER: envInt({
    default: 60,
    minimum: 1,
    description: 'refused messages that may pile up (draining 2/s) before the socket is closed with 1008',
  }),
  RELAY_MAX_BUFFERED_BYTES: envInt({
    default: 1024 * 1024,
    minimum: 1,
    description: 'send buffer per socket before a slow reader is dropped',
  }),
  RELAY_IDLE_TIMEOUT_SEC: envInt({ default: 120, minimum: 1, description: 'idle sockets are pinged, then closed' }),
  RELAY_PRESENCE_HEARTBEAT_MS: envInt({
    default: 10_000,
    minimum: 1,
    description: 'how often a replica re-stamps its members in presence',
  }),
  RELAY_PRESENCE_TTL_MS: envInt({
    default: 30_000,
    minimum: 1,
    description: 'members of a replica silent this long (a dead replica) leave presence',
  }),
  RELAY_PRESENCE_BATCH_MS: envInt({
    default: 100,
    minimum: 0,
    description:
      "spectators' joins and leaves are applied and announced per room in batches this often (0: one by one; hosts and players always at once)",
  }),
  RELAY_LAST_TTL_MS: envInt({
    default: 12 * 3600_000,
    minimum: 1,
    description: "how long a room's `last` coordination messages outlive its last one (12 h)",
  }),
  RELAY_LAST_MAX_TYPES: envInt({
    default: 64,
    minimum: 1,
    description: "coordination types a room's `last` keeps (more are relayed, not remembered)",
  }),
  RELAY_BACKLOG_CHECK_MS: envInt({
    default: 2000,
    minimum: 10,
    description: "how often a room silent this long reads its game's event backlog for events pub/sub lost",
  }),
  RELAY_BACKLOG_BATCH: envInt({ default: 500, minimum: 1, description: 'backlog entries per read (`XRANGE COUNT`)' }),
  RELAY_CLOCK_PING_MS: envInt({
    default: 2000,
    minimum: 100,
    description:
      "how often each player's phone clock is measured (ping/pong) for the fair buzzer (a new socket gets a few quick pings first)",
  }),
  RELAY_CLOCK_SAMPLES: envInt({
    default: 8,
    minimum: 1,
    description: 'clock samples kept per socket; the one with the lowest round trip is used',
  }),
})

export type Config = ReturnType<typeof loadConfig>

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const e = readEnv(RelayEnv, env)
  return {
    databaseUrl: e.DATABASE_URL,
    redis: redisTarget(e),
    redisPrefix: e.REDIS_PREFIX,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    dbPoolMax: e.RELAY_DB_POOL_MAX,
    maxMessageBytes: e.RELAY_MAX_MESSAGE_BYTES,
    hardMaxBytes: e.RELAY_HARD_MAX_BYTES,
    ratePerSec: e.RELAY_RATE_PER_SEC,
    rateBurst: e.RELAY_RATE_BURST,
    floodCloseAfter: e.RELAY_FLOOD_CLOSE_AFTER,
    maxBufferedBytes: e.RELAY_MAX_BUFFERED_BYTES,
    idleTimeoutSec: e.RELAY_IDLE_TIMEOUT_SEC,
    presenceHeartbeatMs: e.RELAY_PRESENCE_HEARTBEAT_MS,
    presenceTtlMs: e.RELAY_PRESENCE_TTL_MS,
    presenceBatchMs: e.RELAY_PRESENCE_BATCH_MS,
    lastTtlMs: e.RELAY_LAST_TTL_MS,
    lastMaxTypes: e.RELAY_LAST_MAX_TYPES,
    backlogCheckMs: e.RELAY_BACKLOG_CHECK_MS,
    backlogBatch: e.RELAY_BACKLOG_BATCH,
    clockPingMs: e.RELAY_CLOCK_PING_MS,
    clockSamples: e.RELAY_CLOCK_SAMPLES,
  }
}
