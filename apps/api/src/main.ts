// Wires the api: config, clients, migrations, the outbox publisher, the HTTP server, shutdown.
import { closeRedis, connectInBackground, createClockStore, createRedis, keys } from '@gamenight/bus'
import { createSql, pruneIdempotencyKeys, type SetupStep, setupDatabase } from '@gamenight/db'
import { createLogger } from '@gamenight/log'
import { counterOf, createRegistry, onShutdown } from '@gamenight/runtime'
import { loadWikiGraph } from '@gamenight/wikigraph'
import { buildApp } from './app.ts'
import { loadConfig } from './config.ts'
import { SERVER_MAX_BODY_BYTES } from './http/body.ts'
import { createPublisher } from './outbox/publisher.ts'
import { createClueTicker } from './trivia/ticker.ts'
import { webBuilder } from './web/build.ts'
import { aiTurnQueue } from './wiki/ai-turns.ts'
import { createGraphHolder } from './wiki/graph-holder.ts'

const config = loadConfig()
const log = createLogger('api', { level: config.logLevel })

// Schema and data set-up beyond the migrations (e.g. the article graph), in order.
const setupSteps: SetupStep[] = [loadWikiGraph]
let schemaReady = !config.migrateOnStart
if (config.migrateOnStart) void setUpUntilDone()

// Postgres may not be up yet: keep serving /healthz (and 503 on /readyz) and retry until it is.
async function setUpUntilDone() {
  for (let attempt = 1; ; attempt++) {
    try {
      await setupDatabase(config.databaseUrl, (msg) => log.info('setup', { step: msg }), setupSteps)
      schemaReady = true
      return
    } catch (err) {
      log.error('database set-up failed; retrying', { attempt, err })
      await Bun.sleep(Math.min(500 * attempt, 5000))
    }
  }
}

const sql = createSql(config.databaseUrl, { max: config.dbPoolMax })
const redis = createRedis(config.redis, log)
connectInBackground(redis, log)
// The in-memory graph for distances and random pairs; loaded now and again on demand until it is.
const graph = createGraphHolder(sql, log)
graph.warm()
const publisher = createPublisher({
  sql,
  redis,
  keys: keys(config.redisPrefix),
  log,
  backlog: {
    maxLen: config.eventsMaxLen,
    ttlSec: config.eventsTtlHours * 3600,
    waitReplicas: config.eventsWaitReplicas,
    waitMs: config.eventsWaitMs,
  },
})
const metrics = createRegistry()
counterOf(metrics, {
  name: 'gamenight_api_outbox_published_total',
  help: 'Events this process moved from the outbox to the event stream since it started',
  read: () => publisher.published,
})

const ticker = createClueTicker({ sql, log, afterCommit: publisher.kick, tickMs: config.tickMs })
const clockStore = createClockStore({ redis, keys: keys(config.redisPrefix) })
// The fair buzzer without Redis: no measured clocks, so the first press wins at once.
const noClocks = new Map()
const readClocks = (gameId: string) =>
  redis.isReady
    ? Promise.race([clockStore.read(gameId).catch(() => noClocks), Bun.sleep(200).then(() => noClocks)])
    : Promise.resolve(noClocks)

const app = buildApp({
  sql,
  log,
  metrics,
  afterCommit: publisher.kick,
  trivia: { readTimeMs: config.readTimeMs, fairBuzzer: config.fairBuzzer, clocks: readClocks, wake: ticker.wake },
  web: { dir: config.webDir, relayUrl: config.publicRelayUrl, build: webBuilder(config.webDir, log) },
  wiki: {
    graph,
    stepLimit: config.wikiStepLimit,
    workerToken: config.workerToken,
    enqueueAiTurn: aiTurnQueue(redis, keys(config.redisPrefix)),
  },
  checks: {
    postgres: () => sql`select 1`,
    schema: async () => {
      if (!schemaReady) throw new Error('setting up the database')
    },
    redis: async () => {
      if (!redis.isReady) throw new Error('not connected')
      await redis.ping()
    },
  },
}).listen({ port: config.port, maxRequestBodySize: SERVER_MAX_BODY_BYTES })

log.info('listening', { port: app.server?.port })

const pruner = setInterval(() => {
  pruneIdempotencyKeys(sql, config.idempotencyTtlHours)
    .then((n) => n > 0 && log.info('pruned idempotency keys', { count: n }))
    .catch((err) => log.warn('pruning idempotency keys failed', { err }))
}, 10 * 60_000)

onShutdown(log, [
  ['stop http', () => app.stop()],
  ['stop pruning', () => clearInterval(pruner)],
  ['stop clue ticker', () => ticker.close()],
  ['flush outbox', () => publisher.close()],
  ['close postgres', () => sql.end({ timeout: 3 })],
  ['close redis', () => closeRedis(redis)],
])
