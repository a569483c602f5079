// `bun run test`: finds Postgres and Redis (testcontainers when a Docker engine answers, otherwise
// DATABASE_URL / REDIS_URL or the local defaults, as on CI), prepares one migrated template
// database for the run, runs every test, and ends with `N passed, N failed`.
import { setupDatabase } from '@gamenight/db'
import { loadWikiGraph } from '@gamenight/wikigraph'
import postgres from 'postgres'
import { createClient } from 'redis'

const started = performance.now()
const say = (msg: string) => console.error(`test: ${msg}`)
const stops: (() => Promise<unknown>)[] = []

async function dockerAvailable(): Promise<boolean> {
  if (process.env.TESTCONTAINERS === 'false') return false
  try {
    const p = Bun.spawn(['docker', 'info'], { stdout: 'ignore', stderr: 'ignore' })
    const timer = setTimeout(() => p.kill(), 5000)
    const code = await p.exited
    clearTimeout(timer)
    return code === 0
  } catch {
    return false
  }
}

let databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
let redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

if (!process.env.DATABASE_URL && !process.env.REDIS_URL && (await dockerAvailable())) {
  say('Docker found: starting Postgres and Redis with testcontainers')
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql')
  const { RedisContainer } = await import('@testcontainers/redis')
  const [pg, rd] = await Promise.all([
    new PostgreSqlContainer('postgres:16-alpine').withUsername('postgres').withPassword('postgres').start(),
    new RedisContainer('redis:7-alpine').start(),
  ])
  stops.push(
    () => pg.stop(),
    () => rd.stop(),
  )
  databaseUrl = pg.getConnectionUri()
  redisUrl = rd.getConnectionUrl()
} else {
  say('using the Postgres and Redis named by DATABASE_URL / REDIS_URL (or the local defaults)')
}

const base = new URL(databaseUrl)
const template = `gn_template_${Date.now().toString(36)}`
const templateUrl = new URL(base)
templateUrl.pathname = `/${template}`
const adminUrl = new URL(base)
adminUrl.pathname = '/postgres'

try {
  const r = createClient({ url: redisUrl, socket: { connectTimeout: 3000, reconnectStrategy: false } })
  r.on('error', () => {})
  await r.connect()
  await r.close()
} catch {
  say(`Redis does not answer at ${redisUrl}: start it (see README) or set REDIS_URL`)
  process.exit(2)
}

say(`preparing template database ${template}`)
try {
  await setupDatabase(templateUrl.toString(), (m) => say(m), [loadWikiGraph])
} catch (err) {
  say(`Postgres does not answer at ${base.host}: ${(err as Error).message}. Start it (see README) or set DATABASE_URL`)
  process.exit(2)
}

const args = process.argv.slice(2)
const proc = Bun.spawn(['bun', 'test', '--timeout', '60000', ...args], {
  env: { ...process.env, DATABASE_URL: adminUrl.toString(), REDIS_URL: redisUrl, GN_TEMPLATE_DB: template },
  stdout: 'inherit',
  stderr: 'pipe',
})

// bun test writes its report to stderr; pass it through and count as it goes.
let pass = 0
let fail = 0
const dec = new TextDecoder()
let tail = ''
for await (const chunk of proc.stderr as ReadableStream<Uint8Array>) {
  const text = dec.decode(chunk)
  process.stderr.write(text)
  tail = (tail + text).slice(-4000)
}
const code = await proc.exited
const mPass = /^\s*(\d+) pass$/m.exec(tail)
const mFail = /^\s*(\d+) fail$/m.exec(tail)
pass = mPass ? Number(mPass[1]) : 0
fail = mFail ? Number(mFail[1]) : code === 0 ? 0 : 1

const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} })
await admin.unsafe(`drop database if exists "${template}" with (force)`).catch(() => {})
await admin.end()
for (const stop of stops) await stop().catch(() => {})

say(`finished in ${((performance.now() - started) / 1000).toFixed(0)} s`)
console.log(`${pass} passed, ${fail} failed`)
process.exit(code === 0 && fail === 0 ? 0 : 1)
