// The wiki race contract (CONTRACT §4, §5) for people: articles, a human game from start to target,
// every invalid input, random pairs by difficulty, and the wiki_move broadcasts. Real api process,
// Postgres with the loaded Wikispeedia graph, Redis.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { waitFor } from './support/proc.ts'
import { type ApiSuite, startApiSuite } from './support/suite.ts'

let s: ApiSuite
beforeAll(async () => {
  s = await startApiSuite('wikiapi')
})
afterAll(async () => {
  await s?.stop()
})

const WORKER = 'test-worker-token'

async function humanGame(startArticle = 'Cat', endArticle = 'Germany') {
  const g = await s.call('POST', '/game', { body: { player: 'human', startArticle, endArticle } })
  expect(g.status).toBe(201)
  return g.body as { id: string; token: string; version: number; seq: number }
}
const move = (id: string, token: string | undefined, article: string, extra: object = {}) =>
  s.call('POST', `/game/${id}`, { token, body: { article, ...extra } })

describe('articles', () => {
  it('reads an article in reading form with its links and text, whatever the spelling', async () => {
    const spellings = [
      'Georgia (country)',
      'Georgia_(country)',
      'Georgia_%28country%29',
      encodeURIComponent('Georgia_%28country%29'),
      'georgia (country)',
    ]
    for (const title of spellings) {
      const r = await s.call('GET', `/articles/${encodeURIComponent(title)}`)
      expect(r.status).toBe(200)
      expect(r.body.title).toBe('Georgia (country)')
      expect(r.body.name).toBe('Georgia_%28country%29')
      expect(r.body.links).toContain('Europe')
      expect(r.body.text).toContain('Georgia')
      expect(r.body.playable).toBe(true)
    }
  })

  it('decodes non-ASCII titles and their links', async () => {
    for (const title of ['%C3%81ed%C3%A1n_mac_Gabr%C3%A1in', 'Áedán mac Gabráin', 'Áedán_mac_Gabráin']) {
      const r = await s.call('GET', `/articles/${encodeURIComponent(title)}`)
      expect(r.status).toBe(200)
      expect(r.body.title).toBe('Áedán mac Gabráin')
      expect(r.body.links).toContain('Dál Riata')
    }
    const raw = await fetch(`${s.api.url}/articles/%C3%81ed%C3%A1n_mac_Gabr%C3%A1in`)
    expect(((await raw.json()) as { title: string }).title).toBe('Áedán mac Gabráin')
  })

  it('answers 404 ARTICLE_NOT_FOUND for an unknown article in the path', async () => {
    const r = await s.call('GET', '/articles/No_such_article_here')
    expect(r.status).toBe(404)
    expect(r.body).toMatchObject({ success: false, error: { code: 'ARTICLE_NOT_FOUND' } })
  })

  it('searches titles by prefix first, then by words', async () => {
    const p = await s.call('GET', '/articles?q=georgia')
    expect(p.status).toBe(200)
    expect(p.body.results[0]).toEqual({ title: 'Georgia (country)' })
    const w = await s.call('GET', '/articles?q=war%20world')
    expect(w.body.results.map((r: { title: string }) => r.title)).toContain('World War II')
    const u = await s.call('GET', '/articles?q=Georgia_(c')
    expect(u.body.results[0]).toEqual({ title: 'Georgia (country)' })
    const lim = await s.call('GET', '/articles?q=a&limit=3')
    expect(lim.body.results).toHaveLength(3)
  })

  it('resolves titles the real world writes differently from the data set (AC/DC for AC_DC)', async () => {
    for (const title of ['AC/DC', 'ac/dc', 'AC_DC', 'AC DC']) {
      const r = await s.call('GET', `/articles/${encodeURIComponent(title)}`)
      expect(r.status).toBe(200)
      expect(r.body).toMatchObject({ title: 'AC DC', name: 'AC_DC' })
    }
    // The article's own text names it this way; other articles' titles still win over such a spelling.
    expect((await s.call('GET', `/articles/${encodeURIComponent("Halley's Comet")}`)).body.title).toBe('Comet Halley')
    expect((await s.call('GET', '/articles/Fossil')).body.title).toBe('Fossil')
    for (const q of ['AC/DC', 'ac/d', 'AC DC', 'Halley']) {
      const r = await s.call('GET', `/articles?q=${encodeURIComponent(q)}`)
      expect(r.status).toBe(200)
      expect(r.body.results.map((x: { title: string }) => x.title)).toContain(q === 'Halley' ? 'Comet Halley' : 'AC DC')
    }
  })

  it('treats regex and LIKE characters in a query as text', async () => {
    for (const q of ['%', '_', '(', '.*', '\\', '[a']) {
      const r = await s.call('GET', `/articles?q=${encodeURIComponent(q)}`)
      expect(r.status).toBe(200)
      expect(Array.isArray(r.body.results)).toBe(true)
    }
  })

  it('refuses a missing or empty query with 400', async () => {
    expect((await s.call('GET', '/articles')).status).toBe(400)
    expect((await s.call('GET', '/articles?q=')).status).toBe(400)
    expect((await s.call('GET', '/articles?q=a&limit=0')).status).toBe(400)
  })
})

describe('a human game', () => {
  it('starts at version 0 on the start article with no moves, and a token', async () => {
    const g = await s.call('POST', '/game', { body: { player: 'human', startArticle: 'Cat', endArticle: 'Germany' } })
    expect(g.status).toBe(201)
    expect(g.body).toMatchObject({
      player: 'human',
      startArticle: 'Cat',
      endArticle: 'Germany',
      currentArticle: 'Cat',
      moves: [],
      isComplete: false,
      status: 'playing',
      failureReason: null,
      version: 0,
      seq: 0,
      optimalDistance: null,
    })
    expect(g.body.token.length).toBeGreaterThan(30)
    const got = await s.call('GET', `/game/${g.body.id}`)
    expect(got.status).toBe(200)
    const { token: _t, ...state } = g.body
    expect(got.body).toEqual(state)
  })

  it('accepts a title written as the real world writes it, as a start and as a move (AC/DC, Colour)', async () => {
    const g = await s.call('POST', '/game', { body: { player: 'human', startArticle: 'AC/DC', endArticle: 'Cat' } })
    expect(g.status).toBe(201)
    expect(g.body).toMatchObject({ startArticle: 'AC DC', currentArticle: 'AC DC' })
    const c = await humanGame('Cat', 'Germany')
    const m = await move(c.id, c.token, 'Colour')
    expect(m.status).toBe(200)
    expect(m.body).toMatchObject({ currentArticle: 'Color', moves: [{ article: 'Color' }] })
  })

  it('plays from start to target: the server decides completion and broadcasts each move', async () => {
    const g = await humanGame('Cat', 'Germany')
    const m1 = await move(g.id, g.token, 'Dog')
    expect(m1.status).toBe(200)
    expect(m1.body).toMatchObject({ currentArticle: 'Dog', isComplete: false, status: 'playing', version: 1, seq: 1 })
    expect(m1.body.moves).toEqual([{ article: 'Dog', timestamp: expect.any(String) }])
    const m2 = await move(g.id, g.token, 'Germany')
    expect(m2.body).toMatchObject({
      currentArticle: 'Germany',
      isComplete: true,
      status: 'won',
      version: 2,
      optimalDistance: 2,
      moveCount: 2,
    })
    expect(m2.body.moves.map((m: { article: string }) => m.article)).toEqual(['Dog', 'Germany'])
    // a move, then the winning move and its status change
    expect(m2.body.seq).toBe(3)

    const events = await waitFor(
      async () => {
        const es = (await s.events()).filter((e) => e.gameId === g.id)
        return es.length >= 3 ? es : null
      },
      5000,
      'wiki events',
    )
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3])
    expect(events[0]).toMatchObject({
      type: 'wiki_move',
      article: 'Dog',
      version: 1,
      isComplete: false,
      status: 'playing',
      moveCount: 1,
      timestamp: m1.body.moves[0].timestamp,
    })
    expect(events[1]).toMatchObject({
      type: 'wiki_move',
      article: 'Germany',
      version: 2,
      isComplete: true,
      status: 'won',
      moveCount: 2,
    })
    expect(events[2]).toMatchObject({ type: 'wiki_status', status: 'won', isComplete: true, version: 2 })
  })

  it('serves the paths with and without a trailing slash', async () => {
    const g = await s.call('POST', '/game/', { body: { player: 'human', startArticle: 'Cat', endArticle: 'Germany' } })
    expect(g.status).toBe(201)
    expect((await s.call('GET', `/game/${g.body.id}/`)).status).toBe(200)
    expect(
      (await s.call('POST', `/game/${g.body.id}/`, { token: g.body.token, body: { article: 'Dog' } })).body.version,
    ).toBe(1)
    expect((await s.call('GET', '/articles/?q=cat')).status).toBe(200)
    expect((await s.call('GET', '/articles/Cat/')).body.title).toBe('Cat')
  })

  it('accepts moves in any spelling and answers in reading form', async () => {
    const g = await humanGame('Cat', 'Germany')
    const m = await move(g.id, g.token, 'dog')
    expect(m.body.currentArticle).toBe('Dog')
    const g2 = await humanGame('Georgia_%28country%29', 'France')
    expect((await s.call('GET', `/game/${g2.id}`)).body.startArticle).toBe('Georgia (country)')
    expect((await move(g2.id, g2.token, 'Europe')).status).toBe(200)
  })

  it('treats a repeated move (a double click) as a no-op', async () => {
    const g = await humanGame('Cat', 'Germany')
    const a = await move(g.id, g.token, 'Dog')
    const b = await move(g.id, g.token, 'Dog')
    expect(b.status).toBe(200)
    expect(b.body).toEqual(a.body)
  })
})

describe('invalid input changes nothing', () => {
  it('refuses a move to an article that is not linked from the current one (400 NOT_A_LINK)', async () => {
    const g = await humanGame()
    const r = await move(g.id, g.token, 'Germany')
    expect(r.status).toBe(400)
    expect(r.body.error.code).toBe('NOT_A_LINK')
    expect((await s.call('GET', `/game/${g.id}`)).body).toMatchObject({ version: 0, seq: 0, moves: [] })
  })

  it('refuses a move to the current article itself', async () => {
    const g = await humanGame()
    expect((await move(g.id, g.token, 'Cat')).body.error.code).toBe('NOT_A_LINK')
  })

  it('refuses an unknown article in a body with 400 UNKNOWN_ARTICLE', async () => {
    const g = await humanGame()
    const r = await move(g.id, g.token, 'Nowhere at all')
    expect(r.status).toBe(400)
    expect(r.body.error.code).toBe('UNKNOWN_ARTICLE')
    for (const body of [
      { player: 'human', startArticle: 'Nowhere at all', endArticle: 'Cat' },
      { player: 'ai', startArticle: 'Cat', endArticle: 'Nowhere' },
    ]) {
      const c = await s.call('POST', '/game', { body })
      expect(c.status).toBe(400)
      expect(c.body.error.code).toBe('UNKNOWN_ARTICLE')
    }
  })

  it('refuses malformed bodies with 400 VALIDATION', async () => {
    for (const body of [
      {},
      { player: 'robot', startArticle: 'Cat', endArticle: 'Dog' },
      { player: 'human', difficulty: 'extreme' },
      { player: 'human', difficulty: 12 },
    ]) {
      const r = await s.call('POST', '/game', { body })
      expect(r.status).toBe(400)
      expect(r.body.error.code).toBe('VALIDATION')
    }
    const g = await humanGame()
    for (const body of [{}, { article: '' }, { article: 7 }, { article: 'Dog', expectedVersion: -1 }]) {
      const r = await s.call('POST', `/game/${g.id}`, { token: g.token, body })
      expect(r.status).toBe(400)
    }
  })

  it('refuses a start equal to the end, or an end that cannot be reached', async () => {
    const same = await s.call('POST', '/game', { body: { player: 'human', startArticle: 'Cat', endArticle: 'cat' } })
    expect(same.status).toBe(400)
    // Donation has no outgoing links: nothing is reachable from it
    const stuck = await s.call('POST', '/game', {
      body: { player: 'human', startArticle: 'Donation', endArticle: 'Cat' },
    })
    expect(stuck.status).toBe(400)
    expect(stuck.body.error.code).toBe('VALIDATION')
  })

  it('answers 404 for an unknown game, valid id or not', async () => {
    for (const id of [crypto.randomUUID(), 'not-a-uuid']) {
      expect((await s.call('GET', `/game/${id}`)).body.error.code).toBe('GAME_NOT_FOUND')
      const r = await move(id, 'whatever', 'Dog')
      expect(r.status).toBe(404)
    }
  })

  it("answers 401 without a token or with another game's token, 403 with the worker token", async () => {
    const g = await humanGame()
    const other = await humanGame()
    const none = await move(g.id, undefined, 'Dog')
    expect(none.status).toBe(401)
    expect(none.body.error.code).toBe('UNAUTHORIZED')
    expect((await move(g.id, other.token, 'Dog')).status).toBe(401)
    expect((await move(g.id, 'garbage', 'Dog')).status).toBe(401)
    const worker = await move(g.id, WORKER, 'Dog')
    expect(worker.status).toBe(403)
    expect(worker.body.error.code).toBe('FORBIDDEN')
    // and the player may not use the worker's PATCH
    const patch = await s.call('PATCH', `/game/${g.id}`, { token: g.token, body: { article: 'Dog' } })
    expect(patch.status).toBe(403)
    expect((await s.call('GET', `/game/${g.id}`)).body.version).toBe(0)
  })

  it('answers 409 GAME_OVER for a move after the game is won', async () => {
    const g = await humanGame('Cat', 'Germany')
    await move(g.id, g.token, 'Dog')
    await move(g.id, g.token, 'Germany')
    const r = await move(g.id, g.token, 'Europe')
    expect(r.status).toBe(409)
    expect(r.body.error.code).toBe('GAME_OVER')
    // repeating the winning move is still the harmless no-op
    expect((await move(g.id, g.token, 'Germany')).status).toBe(200)
  })

  it('answers 409 VERSION_CONFLICT to a human move with a stale expectedVersion', async () => {
    const g = await humanGame('Cat', 'Germany')
    await move(g.id, g.token, 'Dog', { expectedVersion: 0 })
    const r = await move(g.id, g.token, 'Cat', { expectedVersion: 0 })
    expect(r.status).toBe(409)
    expect(r.body.error.code).toBe('VERSION_CONFLICT')
  })
})

// The optimal distance is hidden while a game is played; the tests read it from the database.
const optimal = async (id: string) =>
  ((await s.db.sql`select optimal_distance as d from wiki_games where id = ${id}`)[0] as { d: number }).d

describe('random games by difficulty', () => {
  it('picks start and target at the optimal distance of each difficulty', async () => {
    for (const [difficulty, distance] of [
      ['easy', 2],
      ['medium', 3],
      ['hard', 4],
      [1, 1],
      [5, 5],
    ] as const) {
      const g = await s.call('POST', '/game', { body: { player: 'human', difficulty } })
      expect(g.status).toBe(201)
      expect(g.body.optimalDistance).toBeNull()
      expect(await optimal(g.body.id)).toBe(distance)
      expect(g.body.startArticle).not.toBe(g.body.endArticle)
    }
  })

  it('defaults to medium, and keeps a given start or target', async () => {
    const d = await s.call('POST', '/game', { body: { player: 'human' } })
    expect(await optimal(d.body.id)).toBe(3)
    const fromCat = await s.call('POST', '/game', {
      body: { player: 'human', startArticle: 'cat', difficulty: 'easy' },
    })
    expect(fromCat.body).toMatchObject({ startArticle: 'Cat' })
    expect(await optimal(fromCat.body.id)).toBe(2)
    const toGermany = await s.call('POST', '/game', { body: { player: 'human', endArticle: 'Germany', difficulty: 2 } })
    expect(toGermany.body).toMatchObject({ endArticle: 'Germany' })
    expect(await optimal(toGermany.body.id)).toBe(2)
  })

  it('refuses a distance no pair has with a clear 400', async () => {
    const r = await s.call('POST', '/game', { body: { player: 'human', startArticle: 'Cat', difficulty: 9 } })
    expect(r.status).toBe(400)
  })
})

describe('OpenAPI', () => {
  it('documents every wiki route', async () => {
    const doc = (await s.call('GET', '/swagger/json')).body
    for (const p of ['/game', '/game/{id}', '/game/{id}/fail', '/articles', '/articles/{title}'])
      expect(doc.paths[p]).toBeDefined()
    expect(doc.paths['/game/{id}'].patch.responses['409']).toBeDefined()
  })
})

describe('idempotent retries', () => {
  it('returns the same game and token to a retried POST /game with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': `wiki-${crypto.randomUUID()}` }
    const body = { player: 'human', startArticle: 'Cat', endArticle: 'Germany' }
    const a = await s.call('POST', '/game', { body, headers })
    const b = await s.call('POST', '/game', { body, headers })
    expect(a.status).toBe(201)
    expect(b.status).toBe(201)
    expect(b.body).toEqual(a.body)
    expect(b.headers.get('idempotent-replayed')).toBe('true')
    const [{ n }] = (await s.db.sql`select count(*)::int as n from wiki_games where id = ${a.body.id}`) as any
    expect(n).toBe(1)
  })

  it('replays a retried human move even after a later move', async () => {
    const g = await s.call('POST', '/game', { body: { player: 'human', startArticle: 'Cat', endArticle: 'Germany' } })
    const links = (await s.call('GET', '/articles/Cat')).body.links as string[]
    const [first] = links.filter((l) => l !== 'Germany')
    const headers = { 'idempotency-key': `move-${crypto.randomUUID()}` }
    const m1 = await s.call('POST', `/game/${g.body.id}`, { token: g.body.token, body: { article: first }, headers })
    expect(m1.body.version).toBe(1)
    const back = (await s.call('GET', `/articles/${encodeURIComponent(first!)}`)).body.links as string[]
    if (back.includes('Cat'))
      await s.call('POST', `/game/${g.body.id}`, { token: g.body.token, body: { article: 'Cat' } })
    const retry = await s.call('POST', `/game/${g.body.id}`, { token: g.body.token, body: { article: first }, headers })
    expect(retry.body).toEqual(m1.body)
  })
})
