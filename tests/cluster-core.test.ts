// The suite on a Redis Cluster (three masters, three replicas; tests/support/redis-cluster.ts): the
// same processes as everywhere else, given REDIS_CLUSTER_NODES. Trivia answers reach a relay's
// sockets as events, two relays act as one, the AI worker recovers from kill -9 and dead-letters a
// poison turn, and every game's keys sit on one shard under its hash tag.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'bun:test'
import { enqueueAiTurn, listAiTurns, readAiDeadLetters, readEvents } from '@gamenight/bus'
import { call } from './support/http.ts'
import { type Proc, startService, waitFor } from './support/proc.ts'
import { startClusterSuite } from './support/redis-cluster.ts'
import { openSocket, startRelay, wsUrl } from './support/relay.ts'

let s: Awaited<ReturnType<typeof startClusterSuite>>
let api: Proc
let relayA: Proc
let relayB: Proc
const workers: Proc[] = []

beforeAll(async () => {
  s = await startClusterSuite('cluster-core')
  ;[api, relayA, relayB] = await Promise.all([startService('api', s.env), startRelay(s.env), startRelay(s.env)])
}, 60_000)
afterEach(async () => {
  for (const w of workers.splice(0)) if (w.proc.exitCode === null) await w.kill('SIGKILL')
})
afterAll(async () => {
  await Promise.all([api, relayA, relayB].map((p) => p?.kill()))
  await s?.stop()
})

async function game(players: number) {
  const g = (await call(api.url, 'POST', '/api/games', { body: { name: 'Cluster night' } })).body
  const ps = []
  for (let i = 0; i < players; i++)
    ps.push((await call(api.url, 'POST', `/api/games/${g.id}/players`, { body: { name: `P${i}` } })).body)
  return { g, ps, questions: g.categories.flatMap((c: { questions: { id: string; value: number }[] }) => c.questions) }
}

async function worker(extra: Record<string, string> = {}) {
  const w = await startService('worker', {
    ...s.env,
    API_URL: api.url,
    AI_MOVE_DELAY_MS: '0',
    AI_CLAIM_IDLE_MS: '1000',
    AI_SWEEP_INTERVAL_MS: '600000',
    ...extra,
  })
  workers.push(w)
  return w
}
const aiGame = async (startArticle: string, endArticle: string) =>
  (await call(api.url, 'POST', '/game', { body: { player: 'ai', startArticle, endArticle } })).body.id as string
const finished = (id: string) =>
  waitFor(
    async () => ((g) => g.status !== 'playing' && g)((await call(api.url, 'GET', `/game/${id}`)).body),
    60_000,
    `game ${id} to finish`,
  )

describe('on a Redis Cluster', () => {
  it('delivers every trivia answer as an event to the sockets of its game, from its game shard', async () => {
    const { g, ps, questions } = await game(2)
    const tv = await openSocket(wsUrl(relayA, g.id, g.viewToken))
    const other = await game(0)
    const stranger = await openSocket(wsUrl(relayA, other.g.id, other.g.viewToken))
    const answers: { q: { id: string; value: number }; p: { id: string } }[] = questions
      .slice(0, 6)
      .map((q: { id: string; value: number }, i: number) => ({ q, p: ps[i % 2] }))
    for (const { q, p } of answers) {
      const r = await call(api.url, 'POST', `/api/games/${g.id}/answers`, {
        token: g.hostToken,
        body: { playerId: p.id, questionId: q.id, isCorrect: true },
      })
      expect(r.status).toBe(200)
    }
    const scores = await waitFor(
      () => ((l) => l.length >= 6 && l)(tv.messages.filter((m) => m.type === 'update_score')),
      15_000,
      'six update_score events',
    )
    // Each player's running score, in the order the answers were given.
    const running = new Map<string, number>()
    const want = answers.map(({ q, p }) => {
      running.set(p.id, (running.get(p.id) ?? 0) + q.value)
      return [p.id, running.get(p.id) ?? 0]
    })
    expect(scores.map((m: { playerId: string; score: number }) => [m.playerId, m.score])).toEqual(want)
    const seqs = tv.messages.filter((m) => typeof m.seq === 'number' && m.type !== 'welcome').map((m) => m.seq)
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
    expect(stranger.messages.filter((m) => m.type === 'update_score')).toEqual([])
    // The backlog, the channel, `last` and presence of one game hash to one slot, so one master.
    const masters = await Promise.all(
      [s.keys.gameEvents(g.id), s.keys.gameChannel(g.id), s.keys.relayLast(g.id), s.keys.relayPresence(g.id)].map((k) =>
        s.cluster.masterOf(k),
      ),
    )
    expect(new Set(masters).size).toBe(1)
    const backlog = await readEvents(s.redis, s.keys, { gameId: g.id })
    expect(backlog.filter((e) => JSON.parse(e.event).type === 'update_score')).toHaveLength(6)
    tv.ws.close()
    stranger.ws.close()
  }, 60_000)

  it('relays coordination messages and presence between two relays, and gives a late joiner the last message', async () => {
    const { g, ps } = await game(2)
    const host = await openSocket(wsUrl(relayA, g.id, g.hostToken))
    const onB = await openSocket(wsUrl(relayB, g.id, ps[0].token))
    await host.next((m) => m.type === 'presence' && m.members.length === 2, 10_000, 0, 'both present on A')
    host.send({ type: 'select_question', question: 'q-1' })
    host.send({ type: 'marker' })
    const got = await onB.next((m) => m.type === 'marker', 10_000, 0, 'marker on B')
    expect(got.from).toEqual({ role: 'host' })
    expect(onB.messages.filter((m) => m.type === 'select_question')).toHaveLength(1)
    const late = await openSocket(wsUrl(relayB, g.id, ps[1].token))
    expect(late.messages[0].last.select_question.question).toBe('q-1')
    expect(late.messages[0].presence).toHaveLength(2)
    for (const c of [host, onB, late]) c.ws.close()
  }, 60_000)

  it('finishes an AI game whose worker was killed -9 before its PATCH', async () => {
    const a = await worker({ AI_TEST_PAUSE_BEFORE_PATCH_MS: '60000' })
    const id = await aiGame('Fennel', 'Henry VII of England')
    await waitFor(() => a.logs.join('').includes('test pause before patch'), 30_000, 'worker paused before PATCH')
    await a.kill('SIGKILL')
    await worker()
    const g = await finished(id)
    expect(g.status).toBe('won')
    expect(g.version).toBe(g.moves.length)
    const moves = (await readEvents(s.redis, s.keys, { gameId: id })).map((e) => JSON.parse(e.event))
    expect(new Set(moves.filter((e) => e.type === 'wiki_move').map((e) => e.version)).size).toBe(g.moves.length)
  }, 90_000)

  it('sends a poison turn to the dead-letter stream exactly once', async () => {
    await worker({ AI_CLAIM_IDLE_MS: '300', AI_MAX_DELIVERIES: '2' })
    const ghost = crypto.randomUUID()
    await enqueueAiTurn(s.redis, s.keys, ghost)
    await waitFor(async () => (await readAiDeadLetters(s.redis, s.keys)).length >= 1, 30_000, 'a dead letter')
    await Bun.sleep(1500)
    const letters = await readAiDeadLetters(s.redis, s.keys)
    expect(letters.map((l) => l.gameId)).toEqual([ghost])
    expect(letters[0]!.reason).toContain('GAME_NOT_FOUND')
    expect(await listAiTurns(s.redis, s.keys)).toEqual([])
  }, 60_000)
})
