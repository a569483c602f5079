// `bun run start`: the whole suite on this machine — checks Postgres and Redis, sets up the schema
// and article graph, builds the web client, then runs api, relay and worker until Ctrl-C.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import postgres from 'postgres'
import { createClient } from 'redis'

const ROOT = join(import.meta.dir, '..')
const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/gamenight',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
}
const say = (m: string) => console.error(`start: ${m}`)

async function check() {
  const missing: string[] = []
  const pgUrl = new URL(env.DATABASE_URL)
  pgUrl.pathname = '/postgres'
  const pg = postgres(pgUrl.toString(), { max: 1, connect_timeout: 3, onnotice: () => {} })
  try {
    await pg`select 1`
  } catch (e) {
    missing.push(
      `PostgreSQL does not answer at ${pgUrl.host} (${(e as Error).message}).\n` +
        `       Start it (Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)\n` +
        `       or point DATABASE_URL at one.`,
    )
  } finally {
    await pg.end().catch(() => {})
  }
  const r = createClient({ url: env.REDIS_URL, socket: { connectTimeout: 3000, reconnectStrategy: false } })
  r.on('error', () => {})
  try {
    await r.connect()
    await r.close()
  } catch (e) {
    missing.push(
      `Redis does not answer at ${env.REDIS_URL} (${(e as Error).message}).\n` +
        `       Start it (redis-server --daemonize yes --port 6379) or point REDIS_URL at one.`,
    )
  }
  if (missing.length) {
    for (const m of missing) say(`missing: ${m}`)
    process.exit(1)
  }
}

async function run(cmd: string[], what: string) {
  say(what)
  const p = Bun.spawn(cmd, { cwd: ROOT, env, stdout: 'inherit', stderr: 'inherit' })
  if ((await p.exited) !== 0) {
    say(`${what} failed`)
    process.exit(1)
  }
}

await check()
await run(['bun', 'libs/db/src/cli.ts'], 'setting up the schema and the article graph')
if (existsSync(join(ROOT, 'apps/web/package.json')))
  await run(['bun', 'run', '--cwd', 'apps/web', 'build'], 'building the web client')

const children = (['api', 'relay', 'worker'] as const)
  .filter((svc) => existsSync(join(ROOT, 'apps', svc, 'src', 'main.ts')))
  .map((svc) =>
    Bun.spawn(['bun', `apps/${svc}/src/main.ts`], {
      cwd: ROOT,
      env: { ...env, MIGRATE_ON_START: 'false' },
      stdout: 'inherit',
      stderr: 'inherit',
    }),
  )
say(
  `running: api http://127.0.0.1:3000 (web client at /, Swagger UI at /swagger), relay ws://127.0.0.1:3001, worker :3002 — Ctrl-C stops`,
)

let stopping = false
const stop = async () => {
  if (stopping) return
  stopping = true
  say('stopping')
  for (const c of children) c.kill('SIGTERM')
  await Promise.all(children.map((c) => c.exited))
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
await Promise.race(children.map((c) => c.exited))
if (!stopping) {
  say('a service exited; stopping the others')
  await stop()
}
