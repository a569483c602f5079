// Wires the relay: config, clients, the relay, the game channels it follows, the server, shutdown.

import { hostname } from 'node:os'
import {
  closeRedis,
  connectInBackground,
  createClockStore,
  createGameChannels,
  createPresence,
  createRedis,
  keys,
} from '@gamenight/bus'
import { createSql } from '@gamenight/db'
import { createLogger } from '@gamenight/log'
import { onShutdown } from '@gamenight/runtime'
import { buildApp } from './app.ts'
import { loadConfig } from './config.ts'
import { createRelayMetrics } from './metrics.ts'
import { createRelay } from './relay.ts'

const config = loadConfig()
const replica = `${hostname()}-${process.pid}-${crypto.randomUUID().slice(0, 4)}`
const log = createLogger('relay', { level: config.logLevel, base: { replica } })
const k = keys(config.redisPrefix)

const sql = createSql(config.databaseUrl, { max: config.dbPoolMax })
// Two clients: commands, and pub/sub (which takes its connections over; one per shard on a cluster).
const redis = createRedis(config.redis, log, 'commands')
const sub = createRedis(config.redis, log, 'pubsub')
for (const c of [redis, sub]) connectInBackground(c, log)

let server: { publish(topic: string, text: string): unknown } | null = null
const presence = createPresence({ redis, keys: k, ttlMs: config.presenceTtlMs })
const relay = createRelay({
  replica,
  log,
  limits: config,
  presence,
  bus: () => bus,
  publish: (topic, text) => void server?.publish(topic, text),
  clocks: { samples: config.clockSamples, save: createClockStore({ redis, keys: k }).save },
})
const bus = createGameChannels({
  redis,
  sub,
  keys: k,
  replica,
  log,
  lastTtlMs: config.lastTtlMs,
  lastMaxTypes: config.lastMaxTypes,
  checkMs: config.backlogCheckMs,
  batch: config.backlogBatch,
  onEvent: relay.deliverEvent,
  onFrame: relay.onFrame,
})
const heartbeat = setInterval(relay.heartbeat, config.presenceHeartbeatMs)
const clockPings = setInterval(relay.pingClocks, config.clockPingMs)

const ready = (c: { isReady: boolean }) => async () => {
  if (!c.isReady) throw new Error('not connected')
}
const app = buildApp({
  sql,
  log,
  relay,
  metrics: createRelayMetrics(relay, bus),
  checks: {
    postgres: () => sql`select 1`,
    redis: async () => {
      if (!redis.isReady) throw new Error('not connected')
      await redis.ping()
    },
    pubsub: ready(sub),
  },
}).listen({ port: config.port, websocket: relay.websocket as never })
server = app.server

log.info('listening', { port: app.server?.port })

onShutdown(log, [
  ['stop heartbeat', () => clearInterval(heartbeat)],
  ['stop clock pings', () => clearInterval(clockPings)],
  ['close sockets (1001)', () => relay.close()],
  ['stop backlog checks', () => bus.close()],
  ['stop http', () => app.stop()],
  ['close redis', () => Promise.all([closeRedis(redis), closeRedis(sub)])],
  ['close postgres', () => sql.end({ timeout: 2 })],
])
