// Wires the api: config, clients, migrations, the outbox publisher, the HTTP server, shutdown.
import { closeRedis, connectInBackground, createRedis, keys } from '@gamenight/bus'
import { createSql, ensureDatabase, migrate } from '@gamenight/db'
import { createLogger } from '@gamenight/log'
import { onShutdown } from '@gamenight/runtime'
import { buildApp } from './app.ts'
import { loadConfig } from './config.ts'
import { createPublisher } from './outbox/publisher.ts'

const config = loadConfig()
const log = createLogger('api', { level: config.logLevel })

if (config.migrateOnStart) {
  try {
    await ensureDatabase(config.databaseUrl)
    const boot = createSql(config.databaseUrl, { max: 1 })
    const applied = await migrate(boot, { onApply: (m) => log.info('applying migration', { migration: m.name }) })
    await boot.end()
    log.info('schema ready', { applied: applied.length })
  } catch (err) {
    // Keep running: /readyz reports 503 until Postgres is reachable; `bun run migrate` can be rerun.
    log.error('migration on start failed', { err })
  }
}

const sql = createSql(config.databaseUrl, { max: config.dbPoolMax })
const redis = createRedis(config.redisUrl, log)
connectInBackground(redis, log)
const publisher = createPublisher({ sql, redis, keys: keys(config.redisPrefix), log, maxLen: config.eventsMaxLen })

const app = buildApp({
  sql,
  log,
  afterCommit: publisher.kick,
  checks: {
    postgres: () => sql`select 1`,
    redis: async () => {
      if (!redis.isReady) throw new Error('not connected')
      await redis.ping()
    },
  },
}).listen({ port: config.port, maxRequestBodySize: 1024 * 1024 })

log.info('listening', { port: app.server?.port })

onShutdown(log, [
  ['stop http', () => app.stop()],
  ['flush outbox', () => publisher.close()],
  ['close postgres', () => sql.end({ timeout: 3 })],
  ['close redis', () => closeRedis(redis)],
])
