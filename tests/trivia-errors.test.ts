// Every bad request gets the contract's error JSON with the right status and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { type ApiSuite, join, newGame, startApiSuite } from './support/suite.ts'

let s: ApiSuite
let g: Awaited<ReturnType<typeof newGame>>
let p: Awaited<ReturnType<typeof join>>
let other: Awaited<ReturnType<typeof newGame>>
let q: string

beforeAll(async () => {
  s = await startApiSuite('errors')
  g = await newGame(s)
  p = await join(s, g.id, 'Pat')
  other = await newGame(s, { name: 'Other' })
  q = g.categories[0]!.questions[0]!.id
})
afterAll(async () => {
  await s?.stop()
})

async function state() {
  const snap = await s.call('GET', `/api/games/${g.id}`, { token: g.hostToken })
  return snap.body
}

function expectError(r: { status: number; body: any }, status: number, code: string) {
  expect({ status: r.status, code: r.body?.error?.code }).toEqual({ status, code })
  expect(r.body.success).toBe(false)
  expect(r.body.error.message).toBeString()
}

const unknownId = '00000000-0000-4000-8000-000000000000'

describe('errors change nothing', () => {
  it('answers every bad answer request with a 4xx and leaves scores, versions and seq as they were', async () => {
    const before = await state()
    const host = g.hostToken
    const cases: [string, Promise<any>, number, string][] = [
      [
        'missing token',
        s.call('POST', `/api/games/${g.id}/answers`, { body: { playerId: p.id, questionId: q, isCorrect: true } }),
        401,
        'UNAUTHORIZED',
      ],
      [
        'garbage token',
        s.call('POST', `/api/games/${g.id}/answers`, {
          token: 'nope',
          body: { playerId: p.id, questionId: q, isCorrect: true },
        }),
        401,
        'UNAUTHORIZED',
      ],
      [
        'host token of another game',
        s.call('POST', `/api/games/${g.id}/answers`, {
          token: other.hostToken,
          body: { playerId: p.id, questionId: q, isCorrect: true },
        }),
        401,
        'UNAUTHORIZED',
      ],
      [
        'player token',
        s.call('POST', `/api/games/${g.id}/answers`, {
          token: p.token,
          body: { playerId: p.id, questionId: q, isCorrect: true },
        }),
        403,
        'FORBIDDEN',
      ],
      [
        'view token',
        s.call('POST', `/api/games/${g.id}/answers`, {
          token: g.viewToken,
          body: { playerId: p.id, questionId: q, isCorrect: true },
        }),
        403,
        'FORBIDDEN',
      ],
      [
        'unknown game',
        s.call('POST', `/api/games/${unknownId}/answers`, {
          token: host,
          body: { playerId: p.id, questionId: q, isCorrect: true },
        }),
        404,
        'GAME_NOT_FOUND',
      ],
      [
        'malformed game id',
        s.call('POST', `/api/games/not-a-uuid/answers`, {
          token: host,
          body: { playerId: p.id, questionId: q, isCorrect: true },
        }),
        404,
        'GAME_NOT_FOUND',
      ],
      [
        'unknown player',
        s.call('POST', `/api/games/${g.id}/answers`, {
          token: host,
          body: { playerId: unknownId, questionId: q, isCorrect: true },
        }),
        404,
        'PLAYER_NOT_FOUND',
      ],
      [
        'question of another game',
        s.call('POST', `/api/games/${g.id}/answers`, {
          token: host,
          body: { playerId: p.id, questionId: other.categories[0]!.questions[0]!.id, isCorrect: true },
        }),
        404,
        'QUESTION_NOT_FOUND',
      ],
      [
        'missing field',
        s.call('POST', `/api/games/${g.id}/answers`, { token: host, body: { playerId: p.id, isCorrect: true } }),
        400,
        'VALIDATION',
      ],
      [
        'wrong type',
        s.call('POST', `/api/games/${g.id}/answers`, {
          token: host,
          body: { playerId: p.id, questionId: q, isCorrect: 'yes' },
        }),
        400,
        'VALIDATION',
      ],
      [
        'negative points',
        s.call('POST', `/api/games/${g.id}/answers`, {
          token: host,
          body: { playerId: p.id, questionId: q, isCorrect: true, points: -5 },
        }),
        400,
        'VALIDATION',
      ],
      [
        'fractional points',
        s.call('POST', `/api/games/${g.id}/answers`, {
          token: host,
          body: { playerId: p.id, questionId: q, isCorrect: true, points: 1.5 },
        }),
        400,
        'VALIDATION',
      ],
      [
        'playerId not a uuid',
        s.call('POST', `/api/games/${g.id}/answers`, {
          token: host,
          body: { playerId: 7, questionId: q, isCorrect: true },
        }),
        400,
        'VALIDATION',
      ],
      [
        'malformed JSON',
        s.call('POST', `/api/games/${g.id}/answers`, {
          token: host,
          raw: '{"playerId":',
          headers: { 'content-type': 'application/json' },
        }),
        400,
        'MALFORMED_JSON',
      ],
      [
        'JSON array body',
        s.call('POST', `/api/games/${g.id}/answers`, {
          token: host,
          raw: '[1,2]',
          headers: { 'content-type': 'application/json' },
        }),
        400,
        'VALIDATION',
      ],
      [
        'not JSON',
        s.call('POST', `/api/games/${g.id}/answers`, {
          token: host,
          raw: 'playerId=1',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'text/plain',
        s.call('POST', `/api/games/${g.id}/answers`, {
          token: host,
          raw: JSON.stringify({ playerId: p.id, questionId: q, isCorrect: true }),
          headers: { 'content-type': 'text/plain' },
        }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'body over 64 KiB',
        s.call('POST', `/api/games/${g.id}/answers`, {
          token: host,
          body: { playerId: p.id, questionId: q, isCorrect: true, pad: 'x'.repeat(70 * 1024) },
        }),
        413,
        'PAYLOAD_TOO_LARGE',
      ],
    ]
    for (const [name, promise, status, code] of cases) {
      const r = await promise
      try {
        expectError(r, status, code)
      } catch (_e) {
        throw new Error(`${name}: got ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`)
      }
    }
    const validation = await s.call('POST', `/api/games/${g.id}/answers`, {
      token: host,
      body: { playerId: p.id, isCorrect: 'x' },
    })
    expect(validation.body.error.details.length).toBeGreaterThan(0)
    expect(validation.body.error.details[0]).toEqual({ path: expect.any(String), message: expect.any(String) })
    expect(await state()).toEqual(before)
  })

  it('refuses bad toggles, buzzes, score corrections, undos and joins without changing anything', async () => {
    const before = await state()
    const cases: [string, Promise<any>, number, string][] = [
      [
        'toggle without token',
        s.call('PATCH', `/api/questions/${q}`, { body: { answered: true } }),
        401,
        'UNAUTHORIZED',
      ],
      [
        'toggle by a player',
        s.call('PATCH', `/api/questions/${q}`, { token: p.token, body: { answered: true } }),
        403,
        'FORBIDDEN',
      ],
      [
        'toggle by another host',
        s.call('PATCH', `/api/questions/${q}`, { token: other.hostToken, body: { answered: true } }),
        401,
        'UNAUTHORIZED',
      ],
      [
        'toggle unknown question',
        s.call('PATCH', `/api/questions/${unknownId}`, { token: g.hostToken, body: { answered: true } }),
        404,
        'QUESTION_NOT_FOUND',
      ],
      [
        'toggle non-boolean',
        s.call('PATCH', `/api/questions/${q}`, { token: g.hostToken, body: { answered: 1 } }),
        400,
        'VALIDATION',
      ],
      [
        'buzz without token',
        s.call('POST', `/api/games/${g.id}/buzzer`, { body: { buzzerId: p.id } }),
        401,
        'UNAUTHORIZED',
      ],
      [
        'buzz by the TV',
        s.call('POST', `/api/games/${g.id}/buzzer`, { token: g.viewToken, body: { buzzerId: p.id } }),
        403,
        'FORBIDDEN',
      ],
      [
        'buzz for an unknown player',
        s.call('POST', `/api/games/${g.id}/buzzer`, { token: g.hostToken, body: { buzzerId: unknownId } }),
        404,
        'PLAYER_NOT_FOUND',
      ],
      ['reset by a player', s.call('POST', `/api/games/${g.id}/buzzer/reset`, { token: p.token }), 403, 'FORBIDDEN'],
      [
        'score by a player',
        s.call('PATCH', `/api/games/${g.id}/players/${p.id}`, { token: p.token, body: { score: 9999 } }),
        403,
        'FORBIDDEN',
      ],
      [
        'score not an integer',
        s.call('PATCH', `/api/games/${g.id}/players/${p.id}`, { token: g.hostToken, body: { score: 'lots' } }),
        400,
        'VALIDATION',
      ],
      [
        'score of an unknown player',
        s.call('PATCH', `/api/games/${g.id}/players/${unknownId}`, { token: g.hostToken, body: { score: 5 } }),
        404,
        'PLAYER_NOT_FOUND',
      ],
      [
        'undo an unknown answer',
        s.call('DELETE', `/api/games/${g.id}/answers/${unknownId}`, { token: g.hostToken }),
        404,
        'ANSWER_NOT_FOUND',
      ],
      [
        'join with an empty name',
        s.call('POST', `/api/games/${g.id}/players`, { body: { name: '' } }),
        400,
        'VALIDATION',
      ],
      [
        'join with a huge name',
        s.call('POST', `/api/games/${g.id}/players`, { body: { name: 'n'.repeat(500) } }),
        400,
        'VALIDATION',
      ],
      [
        'join an unknown game',
        s.call('POST', `/api/games/${unknownId}/players`, { body: { name: 'Zed' } }),
        404,
        'GAME_NOT_FOUND',
      ],
      ['snapshot without token', s.call('GET', `/api/games/${g.id}`), 401, 'UNAUTHORIZED'],
      [
        'snapshot of an unknown game',
        s.call('GET', `/api/games/${unknownId}`, { token: g.hostToken }),
        404,
        'GAME_NOT_FOUND',
      ],
      ['unknown route', s.call('GET', `/api/nothing-here`), 404, 'NOT_FOUND'],
    ]
    for (const [name, promise, status, code] of cases) {
      const r = await promise
      try {
        expectError(r, status, code)
      } catch {
        throw new Error(`${name}: got ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`)
      }
    }
    expect(await state()).toEqual(before)
  })

  it('refuses boards that break the rules', async () => {
    const bad = [
      { name: 'x', board: { categories: [] } },
      { name: 'x', board: { categories: [{ name: 'C', questions: [] }] } },
      { name: 'x', board: { categories: [{ name: 'C', questions: [{ value: 100, prompt: '', answer: 'a' }] }] } },
      { name: 'x', board: { categories: [{ name: 'C', questions: [{ value: 'a lot', prompt: 'p', answer: 'a' }] }] } },
      { board: {} },
    ]
    for (const body of bad) {
      const r = await s.call('POST', '/api/games', { body })
      expectError(r, 400, 'VALIDATION')
    }
  })

  it('stores text with a NUL character as a clear 400, not a 500', async () => {
    const r = await s.call('POST', '/api/games', { body: { name: 'bad\u0000name' } })
    expectError(r, 400, 'VALIDATION')
  })
})

describe('idempotent retries', () => {
  it('returns the first response to a retried answer without applying it twice', async () => {
    const pl = await join(s, g.id, 'Retry')
    const body = { playerId: pl.id, questionId: q, isCorrect: true }
    const headers = { 'idempotency-key': `answer-${crypto.randomUUID()}` }
    const first = await s.call('POST', `/api/games/${g.id}/answers`, { token: g.hostToken, body, headers })
    const again = await s.call('POST', `/api/games/${g.id}/answers`, { token: g.hostToken, body, headers })
    expect(again.status).toBe(first.status)
    expect(again.body).toEqual(first.body)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    const snap = await state()
    expect(snap.players.find((x: any) => x.id === pl.id)).toMatchObject({ score: 200, version: 1 })
  })

  it('applies concurrent requests with one key once', async () => {
    const pl = await join(s, g.id, 'Racer')
    const body = { playerId: pl.id, questionId: q, isCorrect: true }
    const headers = { 'idempotency-key': `race-${crypto.randomUUID()}` }
    const replies = await Promise.all(
      Array.from({ length: 10 }, () =>
        s.call('POST', `/api/games/${g.id}/answers`, { token: g.hostToken, body, headers }),
      ),
    )
    expect(new Set(replies.map((r) => JSON.stringify(r.body))).size).toBe(1)
    const snap = await state()
    expect(snap.players.find((x: any) => x.id === pl.id)).toMatchObject({ score: 200, version: 1 })
  })

  it('refuses a key reused for a different request body (422, as the IETF idempotency-key draft says)', async () => {
    const pl = await join(s, g.id, 'Reuse')
    const headers = { 'idempotency-key': `reuse-${crypto.randomUUID()}` }
    await s.call('POST', `/api/games/${g.id}/answers`, {
      token: g.hostToken,
      body: { playerId: pl.id, questionId: q, isCorrect: true },
      headers,
    })
    const r = await s.call('POST', `/api/games/${g.id}/answers`, {
      token: g.hostToken,
      body: { playerId: pl.id, questionId: q, isCorrect: false },
      headers,
    })
    expectError(r, 422, 'IDEMPOTENCY_KEY_REUSED')
  })

  it('makes a retried join return the same player and token', async () => {
    const headers = { 'idempotency-key': `join-${crypto.randomUUID()}` }
    const a = await s.call('POST', `/api/games/${g.id}/players`, { body: { name: 'Once' }, headers })
    const b = await s.call('POST', `/api/games/${g.id}/players`, { body: { name: 'Once' }, headers })
    expect(b.body).toEqual(a.body)
    const snap = await state()
    expect(snap.players.filter((x: any) => x.name === 'Once')).toHaveLength(1)
  })
})

describe('OpenAPI', () => {
  it('documents every trivia route with its schemas and error responses', async () => {
    const r = await s.call('GET', '/swagger/json')
    expect(r.status).toBe(200)
    const paths = r.body.paths
    for (const [path, method] of [
      ['/api/games', 'post'],
      ['/api/games/{id}', 'get'],
      ['/api/games/{id}/players', 'post'],
      ['/api/games/{id}/answers', 'post'],
      ['/api/games/{id}/answers/{answerId}', 'delete'],
      ['/api/games/{id}/players/{playerId}', 'patch'],
      ['/api/questions/{id}', 'patch'],
      ['/api/games/{id}/buzzer', 'post'],
      ['/api/games/{id}/buzzer/reset', 'post'],
      ['/api/games/{id}/wagers', 'post'],
      ['/api/games/{id}/end', 'post'],
    ] as const) {
      const op = paths[path]?.[method]
      expect(op, `${method} ${path}`).toBeDefined()
      const codes = Object.keys(op.responses)
      expect(codes.some((c) => c.startsWith('2'))).toBe(true)
      if (path.includes('{')) expect(codes).toContain('404')
      else expect(codes).toContain('400')
    }
    const ui = await fetch(`${s.api.url}/swagger`)
    expect(ui.status).toBe(200)
    expect(await ui.text()).toContain('<html')
  })
})

describe('idempotency key retention', () => {
  it('forgets stored responses older than the retention, so a late retry is a new request', async () => {
    const { pruneIdempotencyKeys } = await import('@gamenight/db')
    const pl = await join(s, g.id, 'Late')
    const headers = { 'idempotency-key': `late-${crypto.randomUUID()}` }
    const body = { playerId: pl.id, questionId: q, isCorrect: true, points: 1 }
    await s.call('POST', `/api/games/${g.id}/answers`, { token: g.hostToken, body, headers })
    await s.db
      .sql`update idempotency_keys set created_at = now() - interval '25 hours' where key = ${headers['idempotency-key']}`
    expect(await pruneIdempotencyKeys(s.db.sql, 24)).toBeGreaterThanOrEqual(1)
    // A new request: not replayed, so the rule "a question scores once per player" refuses it.
    const again = await s.call('POST', `/api/games/${g.id}/answers`, { token: g.hostToken, body, headers })
    expect(again.headers.get('idempotent-replayed')).toBeNull()
    expectError(again, 409, 'PLAYER_ALREADY_ANSWERED')
  })
})
