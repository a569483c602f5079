// Two relays on one Redis behave as one; relays and Redis restart mid-game. Runs on a private
// redis-server (killed and restarted here), never the shared one.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { createTriviaClient, type TriviaClient } from '@gamenight/client'
import { freshDatabase, type TestDb } from './support/db.ts'
import { call } from './support/http.ts'
import { type Proc, startService, waitFor } from './support/proc.ts'
import { openSocket, privateRedis, startRelay, triviaView, wsUrl } from './support/relay.ts'

let db: TestDb
let redis: Awaited<ReturnType<typeof privateRedis>>
let api: Proc
let relayA: Proc
let relayB: Proc
let env: Record<string, string>
const clients: TriviaClient[] = []

beforeAll(async () => {
  ;[db, redis] = await Promise.all([freshDatabase('relayres'), privateRedis()])
  env = {
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    REDIS_PREFIX: 'gn:',
    WORKER_TOKEN: 'test-worker-token',
    MIGRATE_ON_START: 'false',
    RELAY_PRESENCE_HEARTBEAT_MS: '300',
    RELAY_PRESENCE_TTL_MS: '1500',
  }
  ;[api, relayA, relayB] = await Promise.all([startService('api', env), startRelay(env), startRelay(env)])
})
afterAll(async () => {
  for (const c of clients) c.close()
  await Promise.all([api, relayA, relayB].map((p) => p?.kill()))
  await redis?.stop()
  await db?.drop()
})

async function game(players = 1) {
  const g = (await call(api.url, 'POST', '/api/games', { body: { name: 'Resilience' } })).body
  const ps = []
  for (let i = 0; i < players; i++)
    ps.push((await call(api.url, 'POST', `/api/games/${g.id}/players`, { body: { name: `P${i}` } })).body)
  return { g, ps, questions: g.categories.flatMap((c: { questions: { id: string; value: number }[] }) => c.questions) }
}
const answer = (g: { id: string; hostToken: string }, playerId: string, questionId: string, isCorrect = true) =>
  call(api.url, 'POST', `/api/games/${g.id}/answers`, { token: g.hostToken, body: { playerId, questionId, isCorrect } })
function client(relay: Proc, gameId: string, token: string) {
  const c = createTriviaClient({
    apiUrl: api.url,
    relayUrl: `ws://127.0.0.1:${relay.port}`,
    gameId,
    token,
    backoff: { baseMs: 100, maxMs: 1000 },
  })
  clients.push(c)
  return c
}
const converged = (c: TriviaClient, g: { id: string; hostToken: string }, what: string) =>
  waitFor(
    async () => {
      const st = c.getState()
      if (st.connection !== 'open' || !st.synced) return false
      const rest = await call(api.url, 'GET', `/api/games/${g.id}`, { token: g.hostToken })
      return JSON.stringify(triviaView(st.game)) === JSON.stringify(triviaView(rest.body))
    },
    20000,
    what,
  )
const ready = async (p: Proc) => (await fetch(`${p.url}/readyz`)).status

describe('two relays on one Redis', () => {
  it('relays coordination messages across replicas, each exactly once, and gives a late joiner on the other relay the last select_question', async () => {
    const { g, ps } = await game(2)
    const host = await openSocket(wsUrl(relayA, g.id, g.hostToken))
    const onB = await openSocket(wsUrl(relayB, g.id, ps[0].token))
    host.send({ type: 'select_question', question: 'q-1' })
    host.send({ type: 'select_question', question: 'q-2' })
    host.send({ type: 'marker' })
    for (const c of [host, onB]) await c.next((m) => m.type === 'marker')
    await Bun.sleep(200)
    for (const c of [host, onB]) expect(c.of('select_question').map((m) => m.question)).toEqual(['q-1', 'q-2'])
    const late = await openSocket(wsUrl(relayB, g.id, ps[1].token))
    expect(late.messages[0].last.select_question).toEqual({
      type: 'select_question',
      question: 'q-2',
      from: { role: 'host' },
    })
    for (const c of [host, onB, late]) await c.close()
  })

  it('shows who is present on either relay, and drops the members of a relay killed with -9', async () => {
    const { g, ps } = await game(1)
    const relayC = await startRelay(env)
    const host = await openSocket(wsUrl(relayA, g.id, g.hostToken))
    await openSocket(wsUrl(relayC, g.id, ps[0].token))
    await openSocket(wsUrl(relayC, g.id, g.viewToken))
    await host.next((m) => m.type === 'presence' && m.members.length === 3, 10000, 0, 'three members')
    const late = await openSocket(wsUrl(relayB, g.id))
    expect(late.messages[0].presence).toEqual([
      { role: 'host' },
      { role: 'player', playerId: ps[0].id },
      { role: 'spectator' },
    ])
    const from = host.messages.length
    await relayC.kill('SIGKILL')
    const gone = await host.next((m) => m.type === 'presence' && m.members.length === 2, 15000, from, 'ghosts expired')
    expect(gone.members).toEqual([{ role: 'host' }, { role: 'spectator' }])
    expect(host.messages.slice(from).filter((m) => m.type === 'presence' && m.left).length).toBeGreaterThanOrEqual(2)
    await host.close()
    await late.close()
  })

  it('on SIGTERM closes every socket with 1001 and the client reconnects and resyncs', async () => {
    const { g, ps, questions } = await game(1)
    const relayC = await startRelay(env)
    const raw = await openSocket(wsUrl(relayC, g.id, g.viewToken))
    const c = client(relayC, g.id, ps[0].token)
    await converged(c, g, 'client synced')
    const exit = relayC.kill('SIGTERM')
    expect(await raw.whenClosed()).toEqual({ code: 1001, reason: 'relay shutting down' })
    expect(await exit).toBe(0)
    expect((await answer(g, ps[0].id, questions[0].id)).status).toBe(200)
    const back = await startRelay(env, { port: relayC.port })
    await converged(c, g, 'client back after the restart')
    expect(c.getState().game!.players[0]!.score).toBe(questions[0].value)
    c.close()
    await back.kill()
  })
})

describe('Redis restart mid-game', () => {
  it('keeps sockets up while Redis is down and catches every client up when it is back', async () => {
    const { g, ps, questions } = await game(3)
    const host = client(relayA, g.id, g.hostToken)
    const players = [
      client(relayA, g.id, ps[0].token),
      client(relayB, g.id, ps[1].token),
      client(relayB, g.id, ps[2].token),
    ]
    for (const c of [host, ...players]) await converged(c, g, 'synced before the outage')
    expect(host.selectQuestion(questions[3].id)).toBe(true)
    await waitFor(() => players[2]!.getState().last.select_question, 5000, 'select_question across relays')

    await redis.stop()
    await waitFor(
      async () => (await ready(relayA)) === 503 && (await ready(relayB)) === 503,
      10000,
      'relays not ready without Redis',
    )
    for (let i = 0; i < 6; i++) expect((await answer(g, ps[i % 3].id, questions[i].id, i % 2 === 0)).status).toBe(200)
    expect(players.every((c) => c.getState().connection === 'open')).toBe(true)

    await redis.start()
    await waitFor(
      async () => (await ready(relayA)) === 200 && (await ready(relayB)) === 200,
      20000,
      'relays ready again',
    )
    for (const c of [host, ...players]) await converged(c, g, 'caught up after Redis came back')

    // After the restart Redis has no `last` for the room: the relay's own memory still has it.
    const late = await openSocket(wsUrl(relayA, g.id, g.viewToken))
    expect(late.messages[0].last.select_question).toMatchObject({ question: questions[3].id, from: { role: 'host' } })
    // Coordination crosses replicas again, and new events still flow.
    host.selectQuestion(questions[4].id)
    await waitFor(
      () => players[2]!.getState().last.select_question?.question === questions[4].id,
      10000,
      'select_question after the restart',
    )
    expect((await answer(g, ps[2].id, questions[7].id)).status).toBe(200)
    for (const c of [host, ...players]) await converged(c, g, 'new events after the restart')
    await late.close()
  }, 90000)
})
