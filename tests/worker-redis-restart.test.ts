// Redis restarts without persistence while AI games are being played: the stream, the consumer
// group and every pending entry are gone. The worker repairs the group (NOGROUP) and its sweeper
// re-enqueues the unfinished games from the api, so every game still finishes.
import { afterAll, beforeAll, expect, it } from 'bun:test'
import { type Proc, startService, waitFor } from './support/proc.ts'
import { type RedisServer, startRedisServer } from './support/redis-server.ts'
import { type ApiSuite, startApiSuite } from './support/suite.ts'

let redis: RedisServer
let s: ApiSuite
let w: Proc | null = null

beforeAll(async () => {
  redis = await startRedisServer()
  s = await startApiSuite('worker-redis', { REDIS_URL: redis.url })
})
afterAll(async () => {
  if (w && w.proc.exitCode === null) await w.kill('SIGKILL')
  await s?.stop()
  await redis?.stop()
})

const game = async (id: string) => (await s.call('GET', `/game/${id}`)).body
const metric = async (name: string) => {
  const text = await (await fetch(`${w!.url}/metrics`)).text()
  return Number(new RegExp(`^gamenight_worker_${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN)
}

it('finishes every AI game after Redis restarts empty, through the sweeper', async () => {
  w = await startService('worker', {
    REDIS_URL: redis.url,
    REDIS_PREFIX: s.env.REDIS_PREFIX,
    API_URL: s.api.url,
    WORKER_TOKEN: s.env.WORKER_TOKEN,
    // One game at a time and a pause per move: most games are waiting in the stream when Redis dies.
    AI_CONCURRENCY: '1',
    AI_MOVE_DELAY_MS: '300',
    AI_CLAIM_IDLE_MS: '1000',
    AI_SWEEP_INTERVAL_MS: '1000',
  })
  const pairs = [
    ['Reptile', 'Hurricane Georges'],
    ['Cotswolds', 'John F. Kennedy assassination'],
    ['Neptune', 'Mammoth Cave National Park'],
    ['Mustard plant', 'Electricity'],
  ]
  const ids: string[] = []
  for (const [startArticle, endArticle] of pairs) {
    const r = await s.call('POST', '/game', { body: { player: 'ai', startArticle, endArticle } })
    expect(r.status).toBe(201)
    ids.push(r.body.id)
  }
  await waitFor(async () => (await game(ids[0]!)).version >= 1, 30_000, 'the first move')
  expect(await redis.restartAndCount(s.env.REDIS_PREFIX)).toBeGreaterThan(0)

  for (const id of ids) {
    const g = await waitFor(async () => ((g) => g.status !== 'playing' && g)(await game(id)), 60_000, `game ${id}`)
    expect(g.status).toBe('won')
    expect(g.version).toBe(g.moves.length)
    const path = [g.startArticle, ...g.moves.map((m: { article: string }) => m.article)]
    for (let i = 1; i < path.length; i++) expect(path[i]).not.toBe(path[i - 1])
  }
  expect(await metric('swept_games_total')).toBeGreaterThanOrEqual(1)
  expect(await metric('group_repairs_total')).toBeGreaterThanOrEqual(1)
}, 120_000)
