// A fresh checkout (the working tree's files, without node_modules or any build output), then
// `bun install` and `bun run start:api` alone: the api creates and migrates its database and, on the
// first request for a page, builds the web client and serves it at `/`.
import { afterAll, describe, expect, it } from 'bun:test'
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import postgres from 'postgres'
import { dbUrl } from './support/db.ts'
import { freePort, waitFor } from './support/proc.ts'
import { testRedis } from './support/redis.ts'

const ROOT = join(import.meta.dir, '..')
const clone = mkdtempSync(join(tmpdir(), 'gamenight-clone-'))
const dbName = `gn_freshclone_${crypto.randomUUID().slice(0, 8)}`
let api: ReturnType<typeof Bun.spawn> | undefined

afterAll(async () => {
  api?.kill('SIGTERM')
  await api?.exited
  rmSync(clone, { recursive: true, force: true })
  const admin = postgres(dbUrl('postgres'), { max: 1, onnotice: () => {} })
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`)
  await admin.end()
})

async function sh(cmd: string[], cwd: string): Promise<string> {
  const p = Bun.spawn(cmd, { cwd, stdout: 'pipe', stderr: 'pipe' })
  const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited])
  if (code !== 0) throw new Error(`${cmd.join(' ')} exited ${code}:\n${out}${err}`)
  return out
}

describe('a fresh clone', () => {
  it('serves the web client at / from `bun run start:api` alone, building it on the first request', async () => {
    // What a clone holds: tracked and new files, nothing ignored (no node_modules, no apps/web/dist).
    const files = (await sh(['git', 'ls-files', '-co', '--exclude-standard', '-z'], ROOT)).split('\0').filter(Boolean)
    for (const f of files) {
      if (!existsSync(join(ROOT, f))) continue // deleted in the working tree, not yet committed
      mkdirSync(dirname(join(clone, f)), { recursive: true })
      cpSync(join(ROOT, f), join(clone, f))
    }
    expect(existsSync(join(clone, 'apps/web/dist'))).toBe(false)
    await sh(['bun', 'install', '--frozen-lockfile'], clone)

    const redis = await testRedis('freshclone')
    const port = freePort()
    const logs: string[] = []
    api = Bun.spawn(['bun', 'run', 'start:api'], {
      cwd: clone,
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: dbUrl(dbName),
        REDIS_PREFIX: redis.prefix,
        MIGRATE_ON_START: undefined,
        WEB_DIR: undefined,
      },
      stdout: 'pipe',
      stderr: 'pipe',
    })
    const collect = async (s: ReadableStream<Uint8Array>) => {
      for await (const c of s) logs.push(new TextDecoder().decode(c))
    }
    void collect(api.stdout as ReadableStream<Uint8Array>)
    void collect(api.stderr as ReadableStream<Uint8Array>)
    const base = `http://127.0.0.1:${port}`
    await waitFor(async () => (await fetch(`${base}/readyz`)).status === 200, 120_000, 'the api to set up its database')

    // Three first requests at once share one build.
    const pages = await Promise.all([1, 2, 3].map(() => fetch(`${base}/`)))
    for (const p of pages) {
      expect(p.status).toBe(200)
      expect(await p.text()).toContain('<title>Game Night</title>')
    }
    const html = await (await fetch(`${base}/trivia`)).text()
    const asset = /(?:src|href)="(\/assets\/[^"]+)"/.exec(html)?.[1]
    expect((await fetch(`${base}${asset}`)).status).toBe(200)
    expect(existsSync(join(clone, 'apps/web/dist/index.html'))).toBe(true)
    const lines = logs.join('').split('\n')
    expect(lines.filter((l) => l.includes('"msg":"building the web client"'))).toHaveLength(1)
    expect(lines.some((l) => l.includes('"msg":"web client built"'))).toBe(true)
    await redis.cleanup()
  }, 240_000)
})
