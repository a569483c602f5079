// The api stays up when Postgres or Redis goes away, answers 503 (never 500) while it is gone,
// and recovers by itself when it comes back; SIGTERM stops it cleanly.

import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { readEvents } from '@gamenight/bus'
import { freshDatabase, type TestDb } from './support/db.ts'
import { REDIS_URL } from './support/env.ts'
import { call } from './support/http.ts'
import { type Proc, startService, waitFor } from './support/proc.ts'
import { testRedis } from './support/redis.ts'
import { type TcpProxy, tcpProxy } from './support/tcp-proxy.ts'

let db: TestDb
let redis: Awaited<ReturnType<typeof testRedis>>
let pgProxy: TcpProxy
let redisProxy: TcpProxy
let api: Proc

beforeAll(async () => {
  db = await freshDatabase('resilience')
  redis = await testRedis('resilience')
  const dbu = new URL(db.url)
  pgProxy = tcpProxy(dbu.hostname, Number(dbu.port || 5432))
  const ru = new URL(REDIS_URL)
  redisProxy = tcpProxy(ru.hostname, Number(ru.port || 6379))
  dbu.host = `127.0.0.1:${pgProxy.port}`
  ru.host = `127.0.0.1:${redisProxy.port}`
  api = await startService('api', {
    DATABASE_URL: dbu.toString(),
    REDIS_URL: ru.toString(),
    REDIS_PREFIX: redis.prefix,
    MIGRATE_ON_START: 'false',
  })
})
afterAll(async () => {
  // A failing run shows what the api said, not just that it stopped answering.
  if (process.env.GN_DEBUG_LOGS) await Bun.write('/tmp/api-resilience.log', api?.logs.join('') ?? '')
  await api?.kill('SIGKILL')
  pgProxy?.close()
  redisProxy?.close()
  await redis?.cleanup()
  await db?.drop()
})

const create = () => call(api.url, 'POST', '/api/games', { body: { name: 'outage' } })

describe('dependency outages', () => {
  it('answers 503 while Postgres is unreachable and recovers when it returns', async () => {
    expect((await create()).status).toBe(201)
    pgProxy.cut()
    const down = await waitFor(
      async () => {
        const r = await fetch(`${api.url}/readyz`)
        return r.status === 503 ? r.json() : null
      },
      10000,
      'readyz 503',
    )
    expect((down as any).checks.postgres).not.toBe('ok')
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200)
    const r = await create()
    expect(r.status).toBe(503)
    expect(r.body.error.code).toBe('UNAVAILABLE')
    pgProxy.restore()
    await waitFor(async () => (await fetch(`${api.url}/readyz`)).status === 200, 15000, 'readyz 200 again')
    await waitFor(async () => (await create()).status === 201, 10000, 'mutations work again')
  })

  it('keeps accepting mutations while Redis is unreachable and publishes their events when it returns', async () => {
    redisProxy.cut()
    await waitFor(async () => (await fetch(`${api.url}/readyz`)).status === 503, 10000, 'readyz 503')
    const g = await create()
    expect(g.status).toBe(201)
    const p = await call(api.url, 'POST', `/api/games/${g.body.id}/players`, { body: { name: 'Offline' } })
    expect(p.status).toBe(201)
    redisProxy.restore()
    await waitFor(async () => (await fetch(`${api.url}/readyz`)).status === 200, 15000, 'readyz 200 again')
    await waitFor(
      async () => {
        const entries = await readEvents(redis.client, redis.keys)
        return entries.some((e) => JSON.parse(e.event).playerId === p.body.id)
      },
      15000,
      'player_joined published after Redis returned',
    )
  })

  it('stops within 10 seconds on SIGTERM with exit code 0', async () => {
    const t0 = Date.now()
    const code = await api.kill('SIGTERM')
    expect(code).toBe(0)
    expect(Date.now() - t0).toBeLessThan(10000)
    expect(api.logs.join('')).toContain('"msg":"stopped"')
  })
})
