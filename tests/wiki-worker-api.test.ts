// The wiki race contract the AI worker relies on (CONTRACT §4): AI games enqueued on the turn
// stream, idempotent and race-free PATCH, the fail endpoint, listing unfinished games, the step
// limit. Real api process (WIKI_STEP_LIMIT=4 here), Postgres, Redis.

import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { listAiTurns } from '@gamenight/bus'
import { startService, waitFor } from './support/proc.ts'
import { type ApiSuite, startApiSuite } from './support/suite.ts'

let s: ApiSuite
beforeAll(async () => {
  s = await startApiSuite('wikiworker', { WIKI_STEP_LIMIT: '4' })
})
afterAll(async () => {
  await s?.stop()
})

const WORKER = 'test-worker-token'
const aiGame = async (startArticle = 'Cat', endArticle = 'Germany') => {
  const g = await s.call('POST', '/game', { body: { player: 'ai', startArticle, endArticle } })
  expect(g.status).toBe(201)
  return g.body as { id: string; version: number; token?: string }
}
const patch = (id: string, body: object, token: string | undefined = WORKER) =>
  s.call('PATCH', `/game/${id}`, { token, body })
const turns = async () => (await listAiTurns(s.redis.client, s.redis.keys)).map((e) => e.gameId)

describe('AI games', () => {
  it('enqueue the game id on the AI turn stream once created, with no token', async () => {
    const g = await aiGame()
    expect(g.token).toBeUndefined()
    expect(await turns()).toContain(g.id)
  })

  it('still create the game when Redis is down (the worker sweeper finds it later)', async () => {
    const api = await startService('api', { ...s.env, REDIS_URL: 'redis://127.0.0.1:1' }, { ready: false })
    try {
      await waitFor(async () => (await fetch(`${api.url}/healthz`)).status === 200, 20000, 'api up')
      const r = await fetch(`${api.url}/game`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ player: 'ai', startArticle: 'Cat', endArticle: 'Germany' }),
      })
      expect(r.status).toBe(201)
      const { id } = (await r.json()) as { id: string }
      const listed = await s.call('GET', '/game?player=ai&status=playing&limit=1000')
      expect(listed.body.games.map((x: { id: string }) => x.id)).toContain(id)
    } finally {
      await api.kill('SIGKILL')
    }
  })
})

describe('PATCH /game/{id}', () => {
  it("moves an AI game and ignores the client's isComplete", async () => {
    const g = await aiGame()
    const r = await patch(g.id, { article: 'Dog', isComplete: true, expectedVersion: 0 })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ currentArticle: 'Dog', isComplete: false, status: 'playing', version: 1, seq: 1 })
    const w = await patch(g.id, { article: 'Germany', expectedVersion: 1 })
    expect(w.body).toMatchObject({ isComplete: true, status: 'won', version: 2, optimalDistance: 2 })
  })

  it('is idempotent: the same article as the last move returns the current state and changes nothing', async () => {
    const g = await aiGame()
    const first = await patch(g.id, { article: 'Dog', expectedVersion: 0 })
    // a retry after a lost response, still carrying the version the move was inferred from
    const again = await patch(g.id, { article: 'Dog', expectedVersion: 0 })
    expect(again.status).toBe(200)
    expect(again.body).toEqual(first.body)
    const spelled = await patch(g.id, { article: 'dog' })
    expect(spelled.body.version).toBe(1)
    const events = await waitFor(async () => (await s.events()).filter((e) => e.gameId === g.id), 5000, 'event')
    await Bun.sleep(300)
    expect((await s.events()).filter((e) => e.gameId === g.id)).toHaveLength(events.length)
    expect(events).toHaveLength(1)
  })

  it('answers 409 VERSION_CONFLICT to a stale expectedVersion and changes nothing', async () => {
    const g = await aiGame()
    await patch(g.id, { article: 'Dog', expectedVersion: 0 })
    const stale = await patch(g.id, { article: 'Cat', expectedVersion: 0 })
    expect(stale.status).toBe(409)
    expect(stale.body).toMatchObject({ success: false, error: { code: 'VERSION_CONFLICT' } })
    const ahead = await patch(g.id, { article: 'Cat', expectedVersion: 7 })
    expect(ahead.status).toBe(409)
    const now = await s.call('GET', `/game/${g.id}`)
    expect(now.body).toMatchObject({ version: 1, seq: 1, currentArticle: 'Dog', moveCount: 1 })
  })

  it('lets exactly one of two concurrent PATCHes with the same expectedVersion win', async () => {
    for (let round = 0; round < 5; round++) {
      const g = await aiGame()
      const [a, b] = await Promise.all([
        patch(g.id, { article: 'Dog', expectedVersion: 0 }),
        patch(g.id, { article: 'Beaver', expectedVersion: 0 }),
      ])
      expect([a.status, b.status].sort()).toEqual([200, 409])
      const winner = a.status === 200 ? a : b
      const now = await s.call('GET', `/game/${g.id}`)
      expect(now.body).toMatchObject({ version: 1, moveCount: 1, currentArticle: winner.body.currentArticle })
      expect(now.body.moves).toHaveLength(1)
    }
  })

  it('checks the move like a human one: link, article, game over', async () => {
    const g = await aiGame()
    expect((await patch(g.id, { article: 'Germany' })).body.error.code).toBe('NOT_A_LINK')
    const unknown = await patch(g.id, { article: 'Nowhere at all' })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error.code).toBe('UNKNOWN_ARTICLE')
    await patch(g.id, { article: 'Dog' })
    await patch(g.id, { article: 'Germany' })
    const over = await patch(g.id, { article: 'Europe' })
    expect(over.status).toBe(409)
    expect(over.body.error.code).toBe('GAME_OVER')
  })

  it('answers 401 without or with a bad token, 403 on a human game', async () => {
    const g = await aiGame()
    expect((await s.call('PATCH', `/game/${g.id}`, { body: { article: 'Dog' } })).status).toBe(401)
    expect((await patch(g.id, { article: 'Dog' }, 'not-the-worker')).status).toBe(401)
    // nobody moves an AI game with POST
    expect((await s.call('POST', `/game/${g.id}`, { token: WORKER, body: { article: 'Dog' } })).status).toBe(403)
    expect((await s.call('POST', `/game/${g.id}`, { token: 'x', body: { article: 'Dog' } })).status).toBe(401)
    const h = await s.call('POST', '/game', { body: { player: 'human', startArticle: 'Cat', endArticle: 'Germany' } })
    const r = await patch(h.body.id, { article: 'Dog' })
    expect(r.status).toBe(403)
    expect(r.body.error.code).toBe('FORBIDDEN')
    expect((await patch(crypto.randomUUID(), { article: 'Dog' })).status).toBe(404)
  })

  it('broadcasts every AI move as wiki_move with the version of its response', async () => {
    const g = await aiGame()
    const versions: number[] = []
    for (const article of ['Dog', 'Cat', 'Dog', 'Germany']) {
      const r = await patch(g.id, { article })
      expect(r.status).toBe(200)
      versions.push(r.body.version)
    }
    const moves = await waitFor(
      async () => {
        const es = (await s.events()).filter((e) => e.gameId === g.id && e.type === 'wiki_move')
        return es.length === 4 ? es : null
      },
      5000,
      'four wiki_move events',
    )
    expect(moves.map((e) => e.version)).toEqual(versions)
    expect(moves.map((e) => e.article)).toEqual(['Dog', 'Cat', 'Dog', 'Germany'])
    const all = (await s.events()).filter((e) => e.gameId === g.id)
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1))
  })
})

describe('move reasons (ext)', () => {
  it('stores the reason of an AI move, returns it in moves and sends it in wiki_move', async () => {
    const g = await aiGame()
    const reason = 'Dog: the target names Germany, and Dog links to it'
    const r = await patch(g.id, { article: 'Dog', expectedVersion: 0, reason })
    expect(r.status).toBe(200)
    expect(r.body.moves).toEqual([{ article: 'Dog', timestamp: expect.any(String), reason }])
    // A move sent without a reason has none: the field is left out, not null.
    const w = await patch(g.id, { article: 'Germany', expectedVersion: 1 })
    expect(w.body.moves[1]).toEqual({ article: 'Germany', timestamp: expect.any(String) })
    expect((await s.call('GET', `/game/${g.id}`)).body.moves.map((m: { reason?: string }) => m.reason)).toEqual([
      reason,
      undefined,
    ])
    const moves = await waitFor(
      async () => {
        const es = (await s.events()).filter((e) => e.gameId === g.id && e.type === 'wiki_move')
        return es.length === 2 ? es : null
      },
      5000,
      'two wiki_move events',
    )
    expect(moves[0]).toMatchObject({ article: 'Dog', reason })
    expect('reason' in moves[1]!).toBe(false)
  })

  it('refuses an empty or over-long reason with 400 VALIDATION and changes nothing', async () => {
    const g = await aiGame()
    for (const reason of ['', 'x'.repeat(201), 42]) {
      const r = await patch(g.id, { article: 'Dog', expectedVersion: 0, reason })
      expect(r.status).toBe(400)
      expect(r.body.error.code).toBe('VALIDATION')
    }
    const state = (await s.call('GET', `/game/${g.id}`)).body
    expect(state).toMatchObject({ version: 0, moveCount: 0, moves: [] })
    expect((await patch(g.id, { article: 'Dog', reason: 'x'.repeat(200) })).status).toBe(200)
  })
})

describe('step limit', () => {
  it('fails a game whose last allowed move does not reach the target', async () => {
    const g = await aiGame()
    for (const [i, article] of ['Dog', 'Cat', 'Dog'].entries()) {
      expect((await patch(g.id, { article })).body).toMatchObject({ status: 'playing', version: i + 1, stepLimit: 4 })
    }
    const last = await patch(g.id, { article: 'Cat' })
    expect(last.body).toMatchObject({
      status: 'failed',
      failureReason: 'step_limit',
      isComplete: false,
      version: 4,
      moveCount: 4,
    })
    expect((await patch(g.id, { article: 'Dog' })).body.error.code).toBe('GAME_OVER')
    const ev = await waitFor(
      async () => (await s.events()).find((e) => e.gameId === g.id && e.type === 'wiki_status'),
      5000,
      'wiki_status',
    )
    expect(ev).toMatchObject({ status: 'failed', failureReason: 'step_limit', version: 4 })
  })

  it('lets the last allowed move win if it reaches the target', async () => {
    const g = await aiGame()
    for (const article of ['Dog', 'Cat', 'Dog']) await patch(g.id, { article })
    expect((await patch(g.id, { article: 'Germany' })).body).toMatchObject({
      status: 'won',
      isComplete: true,
      version: 4,
    })
  })
})

describe('POST /game/{id}/fail', () => {
  it('marks an AI game failed with the reason, broadcasts it, and is a no-op the second time', async () => {
    const g = await aiGame()
    const r = await s.call('POST', `/game/${g.id}/fail`, {
      token: WORKER,
      body: { reason: 'dead_letter: delivered 5 times' },
    })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({
      status: 'failed',
      failureReason: 'dead_letter: delivered 5 times',
      version: 1,
      seq: 1,
    })
    const again = await s.call('POST', `/game/${g.id}/fail`, { token: WORKER, body: { reason: 'again' } })
    expect(again.body).toEqual(r.body)
    expect((await patch(g.id, { article: 'Dog' })).body.error.code).toBe('GAME_OVER')
    const ev = await waitFor(async () => (await s.events()).find((e) => e.gameId === g.id), 5000, 'wiki_status')
    expect(ev).toMatchObject({
      type: 'wiki_status',
      status: 'failed',
      failureReason: 'dead_letter: delivered 5 times',
      version: 1,
      seq: 1,
    })
  })

  it('refuses a won game (409), a human game (403), no token (401), and an empty reason (400)', async () => {
    const g = await aiGame()
    expect((await s.call('POST', `/game/${g.id}/fail`, { body: { reason: 'x' } })).status).toBe(401)
    expect((await s.call('POST', `/game/${g.id}/fail`, { token: WORKER, body: { reason: '' } })).status).toBe(400)
    await patch(g.id, { article: 'Dog' })
    await patch(g.id, { article: 'Germany' })
    const won = await s.call('POST', `/game/${g.id}/fail`, { token: WORKER, body: { reason: 'x' } })
    expect(won.status).toBe(409)
    const h = await s.call('POST', '/game', { body: { player: 'human', startArticle: 'Cat', endArticle: 'Germany' } })
    expect((await s.call('POST', `/game/${h.body.id}/fail`, { token: WORKER, body: { reason: 'x' } })).status).toBe(403)
    expect(
      (await s.call('POST', `/game/${h.body.id}/fail`, { token: h.body.token, body: { reason: 'x' } })).status,
    ).toBe(403)
  })
})

describe('GET /game', () => {
  it('lists unfinished AI games for the sweeper and the watch page', async () => {
    const playing = await aiGame()
    const done = await aiGame()
    await patch(done.id, { article: 'Dog' })
    await patch(done.id, { article: 'Germany' })
    const r = await s.call('GET', '/game?player=ai&status=playing&limit=1000')
    expect(r.status).toBe(200)
    const ids = r.body.games.map((g: { id: string }) => g.id)
    expect(ids).toContain(playing.id)
    expect(ids).not.toContain(done.id)
    for (const g of r.body.games) expect(g).toMatchObject({ player: 'ai', status: 'playing' })
    expect(r.body.games[0].moves).toBeUndefined()
    const won = await s.call('GET', '/game?status=won&limit=1000')
    expect(won.body.games.map((g: { id: string }) => g.id)).toContain(done.id)
  })

  it('orders by last change and honours limit', async () => {
    const a = await aiGame()
    const b = await aiGame()
    await patch(a.id, { article: 'Dog' })
    const newest = await s.call('GET', '/game?player=ai&status=playing&limit=1')
    expect(newest.body.games).toHaveLength(1)
    expect(newest.body.games[0].id).toBe(a.id)
    const oldest = await s.call('GET', '/game?player=ai&status=playing&order=oldest&limit=1000')
    const ids = oldest.body.games.map((g: { id: string }) => g.id)
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id))
  })

  it('refuses bad filters with 400', async () => {
    for (const q of ['player=robot', 'status=done', 'limit=0', 'limit=abc', 'order=random']) {
      expect((await s.call('GET', `/game?${q}`)).status).toBe(400)
    }
  })
})
