// One real api process on a fresh database and Redis prefix, for a test file.

import { readEvents } from '@gamenight/bus'
import { freshDatabase, type TestDb } from './db.ts'
import { REDIS_URL } from './env.ts'
import { call } from './http.ts'
import { type Proc, startService } from './proc.ts'
import { testRedis } from './redis.ts'

export type ApiSuite = Awaited<ReturnType<typeof startApiSuite>>

export async function startApiSuite(label: string, extraEnv: Record<string, string> = {}) {
  const db: TestDb = await freshDatabase(label)
  const redis = await testRedis(label)
  const env = {
    DATABASE_URL: db.url,
    REDIS_URL,
    REDIS_PREFIX: redis.prefix,
    WORKER_TOKEN: 'test-worker-token',
    MIGRATE_ON_START: 'false',
    ...extraEnv,
  }
  let api: Proc = await startService('api', env)
  const suite = {
    db,
    redis,
    env,
    get api() {
      return api
    },
    call: <T = any>(method: string, path: string, opts?: Parameters<typeof call>[3]) =>
      call<T>(api.url, method, path, opts),
    async restartApi(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM', env2: Record<string, string> = {}) {
      await api.kill(signal)
      api = await startService('api', { ...env, ...env2 }, { port: api.port })
      return api
    },
    /** Every event on the stream so far, parsed. */
    async events(): Promise<any[]> {
      return (await readEvents(redis.client, redis.keys)).map((e) => JSON.parse(e.event))
    },
    async stop() {
      await api.kill('SIGTERM')
      await redis.cleanup()
      await db.drop()
    },
  }
  return suite
}

export async function newGame(s: ApiSuite, body: unknown = { name: 'Quiz night' }) {
  const g = await s.call('POST', '/api/games', { body })
  if (g.status !== 201) throw new Error(`create game: ${g.status} ${JSON.stringify(g.body)}`)
  return g.body as {
    id: string
    hostToken: string
    viewToken: string
    categories: { questions: { id: string; value: number }[] }[]
  }
}

export async function join(s: ApiSuite, gameId: string, name: string) {
  const p = await s.call('POST', `/api/games/${gameId}/players`, { body: { name } })
  if (p.status !== 201) throw new Error(`join: ${p.status} ${JSON.stringify(p.body)}`)
  return p.body as { id: string; token: string; score: number; version: number }
}
