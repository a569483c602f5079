// Reads the environment once; fails fast naming what is wrong. Every knob is an env var.
import { RELAY_MAX_MESSAGE_BYTES } from '@gamenight/contracts'

export type Config = ReturnType<typeof loadConfig>

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const level = env.LOG_LEVEL ?? 'info'
  if (!['debug', 'info', 'warn', 'error'].includes(level)) throw new Error(`LOG_LEVEL must be debug, info, warn or error, got "${level}"`)
  return {
    databaseUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/gamenight',
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisPrefix: env.REDIS_PREFIX ?? 'gn:',
    port: int(env, 'PORT', 3001),
    logLevel: level as 'debug' | 'info' | 'warn' | 'error',
    /** Postgres pool size: the relay only reads tokens and seq on join. */
    dbPoolMax: int(env, 'RELAY_DB_POOL_MAX', 5),
    /** Client messages larger than this get an error (the connection stays up). CONTRACT §6: 16 KiB. */
    maxMessageBytes: int(env, 'RELAY_MAX_MESSAGE_BYTES', RELAY_MAX_MESSAGE_BYTES),
    /** Frames larger than this are refused by Bun itself, closing with 1009. */
    hardMaxBytes: int(env, 'RELAY_HARD_MAX_BYTES', 1024 * 1024),
    /** Token bucket per connection: sustained messages per second and burst size. */
    ratePerSec: int(env, 'RELAY_RATE_PER_SEC', 20),
    rateBurst: int(env, 'RELAY_RATE_BURST', 40),
    /** Refused (over-rate) messages a connection may pile up, decaying 2/s, before it is closed with 1008. */
    floodCloseAfter: int(env, 'RELAY_FLOOD_CLOSE_AFTER', 60),
    /** Bytes buffered for one slow reader before Bun drops the connection rather than buffer more. */
    maxBufferedBytes: int(env, 'RELAY_MAX_BUFFERED_BYTES', 1024 * 1024),
    /** Seconds without traffic (pings included) before a socket is closed; Bun pings idle sockets. */
    idleTimeoutSec: int(env, 'RELAY_IDLE_TIMEOUT_SEC', 120),
    /** A replica re-stamps its members this often; members of a replica silent for the TTL are dropped. */
    presenceHeartbeatMs: int(env, 'RELAY_PRESENCE_HEARTBEAT_MS', 10_000),
    presenceTtlMs: int(env, 'RELAY_PRESENCE_TTL_MS', 30_000),
    /** How long a room's `last` messages outlive its last coordination message. */
    lastTtlMs: int(env, 'RELAY_LAST_TTL_MS', 12 * 3600_000),
    /** Distinct coordination types remembered in `last` per room (more are relayed, not remembered). */
    lastMaxTypes: int(env, 'RELAY_LAST_MAX_TYPES', 64),
    /** Entries read per XREAD of the event stream. */
    streamBatch: int(env, 'RELAY_STREAM_BATCH', 500),
  }
}

function int(env: Record<string, string | undefined>, name: string, dflt: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return dflt
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`)
  return n
}
