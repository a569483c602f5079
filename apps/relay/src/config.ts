// Reads the environment once; fails fast naming what is wrong. Every knob is an env var.

import { RELAY_MAX_MESSAGE_BYTES } from '@gamenight/contracts'
import { envInt, logLevel } from '@gamenight/runtime'

export type Config = ReturnType<typeof loadConfig>

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  return {
    databaseUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/gamenight',
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisPrefix: env.REDIS_PREFIX ?? 'gn:',
    port: envInt(env, 'PORT', 3001),
    logLevel: logLevel(env.LOG_LEVEL),
    /** Postgres pool size: the relay only reads tokens and seq on join. */
    dbPoolMax: envInt(env, 'RELAY_DB_POOL_MAX', 5),
    /** Client messages larger than this get an error (the connection stays up). CONTRACT §6: 16 KiB. */
    maxMessageBytes: envInt(env, 'RELAY_MAX_MESSAGE_BYTES', RELAY_MAX_MESSAGE_BYTES),
    /** Frames larger than this are refused by Bun itself, closing with 1009. */
    hardMaxBytes: envInt(env, 'RELAY_HARD_MAX_BYTES', 1024 * 1024),
    /** Token bucket per connection: sustained messages per second and burst size. */
    ratePerSec: envInt(env, 'RELAY_RATE_PER_SEC', 20),
    rateBurst: envInt(env, 'RELAY_RATE_BURST', 40),
    /** Refused (over-rate) messages a connection may pile up, decaying 2/s, before it is closed with 1008. */
    floodCloseAfter: envInt(env, 'RELAY_FLOOD_CLOSE_AFTER', 60),
    /** Bytes buffered for one slow reader before Bun drops the connection rather than buffer more. */
    maxBufferedBytes: envInt(env, 'RELAY_MAX_BUFFERED_BYTES', 1024 * 1024),
    /** Seconds without traffic (pings included) before a socket is closed; Bun pings idle sockets. */
    idleTimeoutSec: envInt(env, 'RELAY_IDLE_TIMEOUT_SEC', 120),
    /** A replica re-stamps its members this often; members of a replica silent for the TTL are dropped. */
    presenceHeartbeatMs: envInt(env, 'RELAY_PRESENCE_HEARTBEAT_MS', 10_000),
    presenceTtlMs: envInt(env, 'RELAY_PRESENCE_TTL_MS', 30_000),
    /** How long a room's `last` messages outlive its last coordination message. */
    lastTtlMs: envInt(env, 'RELAY_LAST_TTL_MS', 12 * 3600_000),
    /** Distinct coordination types remembered in `last` per room (more are relayed, not remembered). */
    lastMaxTypes: envInt(env, 'RELAY_LAST_MAX_TYPES', 64),
    /** Entries read per XREAD of the event stream. */
    streamBatch: envInt(env, 'RELAY_STREAM_BATCH', 500),
  }
}
