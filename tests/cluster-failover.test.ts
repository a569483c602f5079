// A Redis Cluster master dies mid-game (kill -9 of the master holding a trivia game's keys and the AI
// turn stream) and its replica is promoted: the api, both relays and the worker reconnect by
// themselves, no request gets a 500, every AI game still finishes (the consumer's reclaim and the
// sweeper cover turns the failover lost), and the trivia clients on both relays converge on the
// REST state (the relays' backlog check and the clients' seq resync cover lost events).
import { afterAll, beforeAll, expect, it } from 'bun:test'
import { createTriviaClient, type TriviaClient } from '@gamenight/client'
import { call } from './support/http.ts'
import { type Proc, startService, waitFor } from './support/proc.ts'
import { startClusterSuite } from './support/redis-cluster.ts'
import { startRelay, triviaView } from './support/relay.ts'

let s: Awaited<ReturnType<typeof startClusterSuite>>
let api: Proc
let relayA: Proc
let relayB: Proc
let worker: Proc
const clients: TriviaClient[] = []

beforeAll(async () => {
  s = await startClusterSuite('cluster-failover', { nodeTimeoutMs: 2000 })
  const env = { ...s.env, RELAY_BACKLOG_CHECK_MS: '500' }
  ;[api, relayA, relayB] = await Promise.all([startService('api', env), startRelay(env), startRelay(env)])
  worker = await startService('worker', {
    ...env,
    API_URL: api.url,
    AI_MOVE_DELAY_MS: '300',
    AI_CLAIM_IDLE_MS: '2000',
    AI_SWEEP_INTERVAL_MS: '3000',
  })
}, 60_000)
afterAll(async () => {
  for (const c of clients) c.close()
  await Promise.all([api, relayA, relayB, worker].map((p) => p?.kill()))
  await s?.stop()
})

type Game = { id: string; hostToken: string; categories: { questions: { id: string; value: number }[] }[] }

/** A trivia game whose keys live on the same master as the AI turn stream, so one kill hits both. */
async function gameOnTheAiMaster(): Promise<{ g: Game; master: number }> {
  const master = await s.cluster.masterOf(s.keys.aiTurns)
  for (let i = 0; i < 40; i++) {
    const g = (await call(api.url, 'POST', '/api/games', { body: { name: `Failover ${i}` } })).body as Game
    if ((await s.cluster.masterOf(s.keys.gameEvents(g.id))) === master) return { g, master }
  }
  throw new Error('no game landed on the AI stream master in 40 tries')
}

it('survives a master failover mid-game: no 500, no AI game lost, clients on both relays converge', async () => {
  const { g, master } = await gameOnTheAiMaster()
  const players: { id: string }[] = []
  for (let i = 0; i < 4; i++)
    players.push((await call(api.url, 'POST', `/api/games/${g.id}/players`, { body: { name: `P${i}` } })).body)
  for (const relay of [relayA, relayB]) {
    const c = createTriviaClient({
      apiUrl: api.url,
      relayUrl: `ws://127.0.0.1:${relay.port}`,
      gameId: g.id,
      token: g.hostToken,
      backoff: { baseMs: 100, maxMs: 1000 },
    })
    clients.push(c)
  }
  for (const c of clients)
    await waitFor(() => c.getState().connection === 'open' && c.getState().synced, 15_000, 'open')

  const aiGames: string[] = []
  for (const [from, to] of [
    ['Fennel', 'Henry VII of England'],
    ['Cyclops', '8th century'],
    ['Virgil', 'Comet Hale-Bopp'],
  ]) {
    const r = await call(api.url, 'POST', '/game', { body: { player: 'ai', startArticle: from, endArticle: to } })
    expect(r.status).toBe(201)
    aiGames.push(r.body.id)
  }

  // Answers keep coming through the failover; every status is recorded.
  const statuses: number[] = []
  const pairs = g.categories
    .flatMap((c) => c.questions)
    .slice(0, 20)
    .flatMap((q) => players.map((p) => ({ q, p })))
  let killedAt = -1
  for (const [i, { q, p }] of pairs.entries()) {
    if (i === 20) {
      killedAt = i
      await s.cluster.kill(master)
    }
    const r = await call(api.url, 'POST', `/api/games/${g.id}/answers`, {
      token: g.hostToken,
      body: { playerId: p.id, questionId: q.id, isCorrect: i % 3 !== 0 },
    })
    statuses.push(r.status)
    await Bun.sleep(40)
  }
  expect(killedAt).toBe(20)
  await s.cluster.waitPromoted(s.keys.gameEvents(g.id), master)
  expect(statuses.filter((st) => st >= 500)).toEqual([])
  expect(statuses.filter((st) => st !== 200)).toEqual([])

  // Every service is ready again without a restart.
  for (const p of [api, relayA, relayB, worker])
    await waitFor(async () => (await fetch(`${p.url}/readyz`)).status === 200, 30_000, `${p.url} ready again`)

  // Both clients converge on the REST state.
  const rest = async () => triviaView((await call(api.url, 'GET', `/api/games/${g.id}`, { token: g.hostToken })).body)
  for (const c of clients)
    await waitFor(
      async () => JSON.stringify(triviaView(c.getState().game)) === JSON.stringify(await rest()),
      30_000,
      'client converged on REST',
    )

  // Every AI game finishes, won, each move once.
  for (const id of aiGames) {
    const done = await waitFor(
      async () => ((x) => x.status !== 'playing' && x)((await call(api.url, 'GET', `/game/${id}`)).body),
      90_000,
      `AI game ${id} finished`,
    )
    expect(done.status).toBe('won')
    expect(done.version).toBe(done.moves.length)
  }
}, 240_000)
