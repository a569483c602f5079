// The AI worker as real processes against a real api: kill -9 before and after a PATCH, two
// workers on one game, and poison turns. Checks every finished game move by move and event by event.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'bun:test'
import { enqueueAiTurn, listAiTurns, readAiDeadLetters } from '@gamenight/bus'
import { type Proc, startService, waitFor } from './support/proc.ts'
import { type ApiSuite, startApiSuite } from './support/suite.ts'

let s: ApiSuite
const workers: Proc[] = []

beforeAll(async () => {
  s = await startApiSuite('worker-recovery')
})
afterEach(async () => {
  for (const w of workers.splice(0)) if (w.proc.exitCode === null) await w.kill('SIGKILL')
})
afterAll(async () => {
  await s?.stop()
})

async function worker(extra: Record<string, string> = {}) {
  const w = await startService('worker', {
    REDIS_URL: s.env.REDIS_URL,
    REDIS_PREFIX: s.env.REDIS_PREFIX,
    API_URL: s.api.url,
    WORKER_TOKEN: s.env.WORKER_TOKEN,
    AI_MOVE_DELAY_MS: '0',
    AI_CLAIM_IDLE_MS: '1000',
    // The sweeper would mask a lost turn; these tests must show the stream alone recovers.
    AI_SWEEP_INTERVAL_MS: '600000',
    ...extra,
  })
  workers.push(w)
  return w
}

async function aiGame(startArticle: string, endArticle: string): Promise<string> {
  const r = await s.call('POST', '/game', { body: { player: 'ai', startArticle, endArticle } })
  expect(r.status).toBe(201)
  return r.body.id
}

const game = async (id: string) => (await s.call('GET', `/game/${id}`)).body
const finished = (id: string, ms = 30_000) =>
  waitFor(async () => ((g) => g.status !== 'playing' && g)(await game(id)), ms, `game ${id} to finish`)
const logLine = (w: Proc, msg: string, gameId: string) =>
  waitFor(
    () =>
      w.logs
        .join('')
        .split('\n')
        .some((l) => l.includes(`"msg":"${msg}"`) && l.includes(gameId)),
    30_000,
    msg,
  )
const metric = async (w: Proc, name: string) => {
  const text = await (await fetch(`${w.url}/metrics`)).text()
  return Number(new RegExp(`^gamenight_worker_${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN)
}

/** Won; every move a link of the one before, none made twice; one wiki_move event per move and version. */
async function expectCleanWin(id: string) {
  const g = await finished(id)
  expect(g.status).toBe('won')
  expect(g.isComplete).toBe(true)
  const path = [g.startArticle, ...g.moves.map((m: { article: string }) => m.article)]
  expect(path[path.length - 1]).toBe(g.endArticle)
  expect(g.version).toBe(g.moves.length)
  for (let i = 1; i < path.length; i++) {
    expect(path[i]).not.toBe(path[i - 1])
    const from = (await s.call('GET', `/articles/${encodeURIComponent(path[i - 1])}`)).body
    expect(from.links).toContain(path[i])
  }
  const events = (await s.events()).filter((e) => e.gameId === id && e.type === 'wiki_move')
  const byVersion = new Map<number, string>()
  for (const e of events) {
    // A redelivered event (outbox retry) may repeat, but never with a different article.
    if (byVersion.has(e.version)) expect(byVersion.get(e.version)).toBe(e.article)
    byVersion.set(e.version, e.article)
  }
  expect([...byVersion.keys()].sort((a, b) => a - b)).toEqual(g.moves.map((_: unknown, i: number) => i + 1))
  expect(g.moves.map((_: unknown, i: number) => byVersion.get(i + 1))).toEqual(
    g.moves.map((m: { article: string }) => m.article),
  )
  return g
}

describe('AI worker crash recovery', () => {
  it('finishes a game whose worker was killed -9 before its PATCH, without a move made twice', async () => {
    const a = await worker({ AI_TEST_PAUSE_BEFORE_PATCH_MS: '60000' })
    const id = await aiGame('Fennel', 'Henry VII of England')
    await logLine(a, 'test pause before patch', id)
    await a.kill('SIGKILL')
    expect((await game(id)).version).toBe(0)
    const b = await worker()
    const g = await expectCleanWin(id)
    expect(g.moves.length).toBeGreaterThanOrEqual(2)
    expect(await metric(b, 'reclaims_total')).toBeGreaterThanOrEqual(1)
  }, 60_000)

  it('finishes a game whose worker was killed -9 after its PATCH and before its ack, without a move made twice', async () => {
    const a = await worker({ AI_TEST_PAUSE_AFTER_PATCH_MS: '60000' })
    const id = await aiGame('Cyclops', '8th century')
    await logLine(a, 'test pause after patch', id)
    await a.kill('SIGKILL')
    const mid = await game(id)
    expect(mid.version).toBe(1)
    expect(mid.moves.length).toBe(1)
    const b = await worker()
    const g = await expectCleanWin(id)
    expect(g.moves[0].article).toBe(mid.moves[0].article)
    expect(await metric(b, 'reclaims_total')).toBeGreaterThanOrEqual(1)
  }, 60_000)

  it('lets two workers play one game at once without an invalid or duplicate move', async () => {
    const [w1, w2] = [await worker(), await worker()]
    const ids = await Promise.all([
      aiGame('Reptile', 'Hurricane Georges'),
      aiGame('Cotswolds', 'John F. Kennedy assassination'),
      aiGame('Neptune', 'Mammoth Cave National Park'),
    ])
    // Two more turns per game: up to three workers' turns race on every game from the start.
    for (const id of ids) for (let i = 0; i < 2; i++) await enqueueAiTurn(s.redis.client, s.redis.keys, id)
    for (const id of ids) await expectCleanWin(id)
    const moves = (await metric(w1, 'moves_total')) + (await metric(w2, 'moves_total'))
    const total = (await Promise.all(ids.map(game))).reduce((n, g) => n + g.moves.length, 0)
    // A worker whose PATCH replays the move another worker just made gets the same answer, so
    // both may count it; the game itself holds each move once (checked above).
    expect(moves).toBeGreaterThanOrEqual(total)
    // Every duplicate turn ends with its game: nothing is left behind in the stream.
    await waitFor(async () => (await s.redis.client.xLen(s.redis.keys.aiTurns)) === 0, 10_000, 'empty turn stream')
  }, 60_000)

  it('sends a poison turn to the dead-letter stream exactly once while other games finish', async () => {
    const w = await worker({ AI_CLAIM_IDLE_MS: '300', AI_MAX_DELIVERIES: '2' })
    // A game that does not exist (GET is 404 every time) and a human game (the worker's PATCH is 403 every time).
    const ghost = crypto.randomUUID()
    const human = (
      await s.call('POST', '/game', {
        body: { player: 'human', startArticle: 'Garden', endArticle: 'Geography of Ireland' },
      })
    ).body
    await enqueueAiTurn(s.redis.client, s.redis.keys, ghost)
    await enqueueAiTurn(s.redis.client, s.redis.keys, human.id)
    const ok = await Promise.all([aiGame('Virgil', 'Comet Hale-Bopp'), aiGame('Aberdeen', 'Alfred Nobel')])
    for (const id of ok) await expectCleanWin(id)
    await waitFor(async () => (await s.redis.client.xLen(s.redis.keys.aiDeadLetter)) >= 2, 20_000, 'two dead letters')
    // Well past another claim timeout: a second dead letter for either would have appeared by now.
    await Bun.sleep(1500)
    const letters = await readAiDeadLetters(s.redis.client, s.redis.keys)
    expect(letters.map((l) => l.gameId).sort()).toEqual([ghost, human.id].sort())
    for (const l of letters) {
      expect(Number(l.deliveries)).toBeGreaterThan(2)
      expect(l.reason).toContain('AI_MAX_DELIVERIES=2')
    }
    expect(letters.find((l) => l.gameId === ghost)!.reason).toContain('GAME_NOT_FOUND')
    expect(letters.find((l) => l.gameId === human.id)!.reason).toContain('FORBIDDEN')
    expect(await listAiTurns(s.redis.client, s.redis.keys)).toEqual([])
    // The human game is not the worker's to fail: it is still playing, untouched.
    const h = await game(human.id)
    expect([h.status, h.version]).toEqual(['playing', 0])
    expect(await metric(w, 'dead_letters_total')).toBe(2)
  }, 60_000)

  it('on SIGTERM hands back the turn it holds, leaves the group and exits cleanly before its deadline', async () => {
    const a = await worker({ AI_MOVE_DELAY_MS: '60000' })
    const id = await aiGame('Calvin Coolidge', 'American Revolutionary War')
    const { aiTurns: stream, aiGroup: group } = s.redis.keys
    await waitFor(async () => (await s.redis.client.xPending(stream, group)).pending === 1, 10_000, 'turn held')
    // Exit code 0: done before the shutdown deadline (8 s), which exits 1.
    expect(await a.kill('SIGTERM')).toBe(0)
    expect((await s.redis.client.xPending(stream, group)).pending).toBe(0)
    expect((await listAiTurns(s.redis.client, s.redis.keys)).map((e) => e.gameId)).toEqual([id])
    const names = (await s.redis.client.xInfoConsumers(stream, group)).map((c) => c.name)
    expect(names.some((n) => a.logs.join('').includes(`"consumer":"${n}"`))).toBe(false)
    // Handed back, not left pending: the next worker takes it at once, no claim timeout.
    await worker({ AI_CLAIM_IDLE_MS: '600000' })
    await expectCleanWin(id)
  }, 60_000)
})
