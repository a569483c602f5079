// `bun run test [files...]`: installs Chromium for the browser tests when it is missing (as root with
// apt-get; otherwise says the command), finds Postgres and Redis (testcontainers when a Docker Engine
// API answers at DOCKER_HOST or /var/run/docker.sock, otherwise DATABASE_URL / REDIS_URL or the local
// defaults), prepares one migrated template database for the run, runs the tests (all but
// tests/containers/, which `bun run test:containers` runs), and ends with `N passed, N failed`.
// Ctrl-C or SIGTERM stops the tests and removes what the run started (containers, template database).
import { existsSync } from 'node:fs'
import { setupDatabase } from '@gamenight/db'
import { loadWikiGraph } from '@gamenight/wikigraph'
import type { Subprocess } from 'bun'
import postgres from 'postgres'
import { createClient } from 'redis'
import { type DockerApi, dockerApi, pingDocker } from './docker-api.ts'

const started = performance.now()
const say = (msg: string) => console.error(`test: ${msg}`)

let databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
let redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
let containers: { api: DockerApi; remove: (api: DockerApi) => Promise<number> } | undefined
let template: string | undefined
let child: Subprocess | undefined

/** Drops the template database and removes this run's containers; safe to call twice. */
let cleaning: Promise<void> | undefined
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    if (template) {
      const admin = postgres(adminUrl().toString(), { max: 1, onnotice: () => {}, connect_timeout: 3 })
      await admin.unsafe(`drop database if exists "${template}" with (force)`).catch(() => {})
      await admin.end().catch(() => {})
    }
    if (containers) {
      const n = await containers.remove(containers.api).catch((err) => {
        say(`removing containers failed: ${(err as Error).message}`)
        return 0
      })
      if (n) say(`removed ${n} container(s)`)
    }
  })()
  return cleaning
}

/** Exits, unless a signal handler is already cleaning up and will exit with the signal's code. */
let interrupted = false
async function finish(code: number): Promise<never> {
  await cleanUp()
  if (interrupted) await new Promise(() => {})
  process.exit(code)
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (interrupted) return
    interrupted = true
    say(`${signal}: stopping the tests and cleaning up`)
    child?.kill(signal)
    await child?.exited
    await cleanUp()
    process.exit(signal === 'SIGINT' ? 130 : 143)
  })
}

function adminUrl(): URL {
  const u = new URL(databaseUrl)
  u.pathname = '/postgres'
  return u
}

// The browser tests drive Debian's Chromium (tests/support/browser.ts); nothing else can be fetched.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!existsSync(chromium)) {
  const install = ['apt-get', 'install', '-y', '-q', 'chromium']
  if (process.getuid?.() === 0 && Bun.which('apt-get')) {
    say(`Chromium is missing (${chromium}): ${install.join(' ')} (about a minute)`)
    const ok = async (cmd: string[]) =>
      (await Bun.spawn(cmd, {
        stdout: 'inherit',
        stderr: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      }).exited) === 0
    if (!(await ok(['apt-get', 'update', '-q'])) || !(await ok(install))) say('installing Chromium failed')
  } else {
    say(`Chromium is missing (${chromium}); the browser tests need it: sudo ${install.join(' ')}`)
  }
}

const api =
  process.env.TESTCONTAINERS === 'false' || process.env.DATABASE_URL || process.env.REDIS_URL ? undefined : dockerApi()
if (api && (await pingDocker(api))) {
  say(`Docker Engine API at ${api.host}: starting Postgres and Redis with testcontainers`)
  const tc = await import('./testcontainers.ts')
  containers = { api, remove: tc.removeOwnContainers }
  await tc.sweepStale(api, say)
  try {
    ;({ databaseUrl, redisUrl } = await tc.startServices(say))
  } catch (err) {
    say(`testcontainers failed: ${(err as Error).message}`)
    await finish(2)
  }
  say(`Postgres ${new URL(databaseUrl).host}, Redis ${new URL(redisUrl).host} (containers)`)
} else {
  say('using the Postgres and Redis named by DATABASE_URL / REDIS_URL (or the local defaults)')
}

try {
  const r = createClient({ url: redisUrl, socket: { connectTimeout: 3000, reconnectStrategy: false } })
  r.on('error', () => {})
  await r.connect()
  await r.close()
} catch {
  say(`Redis does not answer at ${redisUrl}: start it (see README) or set REDIS_URL`)
  await finish(2)
}

template = `gn_template_${Date.now().toString(36)}`
const templateUrl = new URL(databaseUrl)
templateUrl.pathname = `/${template}`
say(`preparing template database ${template}`)
try {
  await setupDatabase(templateUrl.toString(), (m) => say(m), [loadWikiGraph])
} catch (err) {
  say(
    `Postgres does not answer at ${templateUrl.host}: ${(err as Error).message}. Start it (see README) or set DATABASE_URL`,
  )
  await finish(2)
}

const args = process.argv.slice(2)
// tests/containers/ needs the built images and podman: `bun run test:containers` runs it.
const ignore = args.length ? [] : ['--path-ignore-patterns=tests/containers/**']
child = Bun.spawn(['bun', 'test', '--no-orphans', '--timeout', '60000', ...ignore, ...args], {
  env: { ...process.env, DATABASE_URL: adminUrl().toString(), REDIS_URL: redisUrl, GN_TEMPLATE_DB: template },
  stdout: 'inherit',
  stderr: 'pipe',
})

// bun test writes its report to stderr; pass it through and count as it goes.
const dec = new TextDecoder()
let tail = ''
for await (const chunk of child.stderr as ReadableStream<Uint8Array>) {
  const text = dec.decode(chunk)
  process.stderr.write(text)
  tail = (tail + text).slice(-4000)
}
const code = await child.exited
const mPass = /^\s*(\d+) pass$/m.exec(tail)
const mFail = /^\s*(\d+) fail$/m.exec(tail)
const pass = mPass ? Number(mPass[1]) : 0
const fail = mFail ? Number(mFail[1]) : code === 0 ? 0 : 1

await cleanUp()
if (!interrupted) {
  say(`finished in ${((performance.now() - started) / 1000).toFixed(0)} s`)
  console.log(`${pass} passed, ${fail} failed`)
}
await finish(code === 0 && fail === 0 ? 0 : 1)
