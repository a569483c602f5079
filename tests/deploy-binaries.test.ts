// The images' artefacts without a Docker engine: each service compiled exactly as deploy/Dockerfile
// does (deploy/build.ts), started against the local Postgres and Redis until /readyz answers, its
// container HEALTHCHECK command run, and stopped with SIGTERM.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Subprocess } from 'bun'
import postgres from 'postgres'
import { compile, SERVICES, type Service } from '../deploy/build.ts'
import { dbUrl, freshDatabase, type TestDb } from './support/db.ts'
import { REDIS_URL } from './support/env.ts'
import { freePort } from './support/proc.ts'
import { testRedis } from './support/redis.ts'

const ROOT = join(import.meta.dir, '..')
const out = mkdtempSync(join(tmpdir(), 'gn-bin-'))
const has = (s: Service) => existsSync(join(ROOT, 'apps', s, 'src', 'main.ts'))
const procs: Subprocess[] = []
let db: TestDb
let redis: Awaited<ReturnType<typeof testRedis>>
let apiUrl = ''
const emptyDb = `gn_bin_empty_${crypto.randomUUID().slice(0, 8)}`
const admin = postgres(dbUrl('postgres'), { max: 1, onnotice: () => {} })

beforeAll(async () => {
  db = await freshDatabase('binaries')
  redis = await testRedis('binaries')
})

afterAll(async () => {
  // Gone before the databases are dropped, so no retrying process re-creates one.
  for (const p of procs) if (p.exitCode === null) p.kill('SIGKILL')
  await Promise.all(procs.map((p) => p.exited))
  await redis.cleanup()
  await db.drop()
  await admin.unsafe(`drop database if exists "${emptyDb}" with (force)`)
  await admin.end()
  rmSync(out, { recursive: true, force: true })
})

async function start(bin: string, env: Record<string, string>) {
  const port = freePort()
  const logs: string[] = []
  const proc = Bun.spawn([bin], {
    // Only what the container gets: no inherited environment, cwd far from the repo.
    cwd: out,
    env: {
      PATH: '/usr/bin:/bin',
      NODE_ENV: 'production',
      WORKER_TOKEN: 'bin-test-token',
      REDIS_URL,
      REDIS_PREFIX: redis.prefix,
      ...env,
      PORT: String(port),
    },
    stdout: 'pipe',
    stderr: 'pipe',
  })
  procs.push(proc)
  for (const s of [proc.stdout, proc.stderr] as ReadableStream<Uint8Array>[])
    (async () => {
      for await (const c of s) logs.push(new TextDecoder().decode(c))
    })()
  const url = `http://127.0.0.1:${port}`
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${bin} exited ${proc.exitCode}:\n${logs.join('')}`)
    const r = await fetch(`${url}/readyz`).catch(() => null)
    if (r?.status === 200) break
    await Bun.sleep(100)
  }
  return { proc, url, port, logs }
}

/** The image's HEALTHCHECK: `BUN_BE_BUN=1 /app/server /app/healthcheck.ts` with the service's PORT. */
function healthcheck(bin: string, port: number) {
  return Bun.spawnSync([bin, join(ROOT, 'deploy/healthcheck.ts')], {
    env: { BUN_BE_BUN: '1', PORT: String(port), PATH: '/usr/bin:/bin' },
  }).exitCode
}

async function stops(proc: Subprocess) {
  proc.kill('SIGTERM')
  expect(await proc.exited).toBe(0)
}

describe('compiled service binaries', () => {
  test.skipIf(!has('api'))(
    'api: the binary creates, migrates and loads the article graph into an empty database from its files, answers /readyz and its HEALTHCHECK, stops on SIGTERM',
    async () => {
      const bin = join(out, 'api')
      await compile('api', bin, join(out, 'api-files'))
      // A database that does not exist yet: the binary creates and sets it up (MIGRATE_ON_START=true).
      const url = dbUrl(emptyDb)
      const api = await start(bin, { DATABASE_URL: url, MIGRATE_ON_START: 'true', WEB_DIR: join(out, 'web') })
      const sql = postgres(url, { max: 1, onnotice: () => {} })
      const applied = await sql`select id from migrations order by id`
      await sql.end()
      const folders = readdirSync(join(ROOT, 'libs/db/src/migrations')).filter((d) => /^\d{5}_/.test(d))
      expect(applied.length).toBe(folders.length)
      expect(api.logs.join('')).not.toContain('set-up failed')
      expect((await fetch(`${api.url}/healthz`)).status).toBe(200)
      expect((await fetch(`${api.url}/swagger/json`)).status).toBe(200)
      expect(healthcheck(bin, api.port)).toBe(0)
      await stops(api.proc)
      // The image's own setting: migrations left to the Job, on a migrated database.
      const again = await start(bin, { DATABASE_URL: db.url, MIGRATE_ON_START: 'false' })
      apiUrl = again.url
    },
    120_000,
  )

  test.skipIf(!has('relay'))(
    'relay: the binary answers /readyz and its HEALTHCHECK, stops on SIGTERM',
    async () => {
      const bin = join(out, 'relay')
      await compile('relay', bin, join(out, 'relay-files'))
      const relay = await start(bin, { DATABASE_URL: db.url })
      expect((await fetch(`${relay.url}/healthz`)).status).toBe(200)
      expect(healthcheck(bin, relay.port)).toBe(0)
      await stops(relay.proc)
    },
    60_000,
  )

  test.skipIf(!has('worker') || !has('api'))(
    'worker: the binary answers /readyz and its HEALTHCHECK against the api binary, stops on SIGTERM',
    async () => {
      const bin = join(out, 'worker')
      await compile('worker', bin, join(out, 'worker-files'))
      expect(apiUrl).not.toBe('')
      const worker = await start(bin, { API_URL: apiUrl })
      expect((await fetch(`${worker.url}/healthz`)).status).toBe(200)
      expect(healthcheck(bin, worker.port)).toBe(0)
      await stops(worker.proc)
    },
    60_000,
  )

  test('the HEALTHCHECK fails when nothing answers', () => {
    expect(healthcheck(process.execPath, freePort())).toBe(1)
  })

  test('every service has a main.ts to compile', () => {
    // Reported, not skipped silently: a missing service shows up here.
    expect(SERVICES.filter((s) => !has(s))).toEqual([])
  })
})
