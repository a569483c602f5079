// The trivia REST contract (CONTRACT §3, §5) against a real api process, Postgres and Redis.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { waitFor } from './support/proc.ts'
import { type ApiSuite, join, newGame, startApiSuite } from './support/suite.ts'

let s: ApiSuite
beforeAll(async () => {
  s = await startApiSuite('trivia')
})
afterAll(async () => {
  await s?.stop()
})

describe('creating and joining', () => {
  it('creates a game with the bundled 5 × 5 board and shows the host prompts and answers', async () => {
    const g = await newGame(s)
    expect(g.hostToken.length).toBeGreaterThan(30)
    expect(g.categories).toHaveLength(5)
    for (const c of g.categories) expect(c.questions).toHaveLength(5)
    const snap = await s.call('GET', `/api/games/${g.id}`, { token: g.hostToken })
    expect(snap.status).toBe(200)
    expect(snap.body.role).toBe('host')
    expect(snap.body.seq).toBe(0)
    expect(snap.body.categories[0].questions[0].prompt).toBeString()
    expect(snap.body.categories[0].questions[0].answer).toBeString()
  })

  it('creates a game with its own board', async () => {
    const board = {
      categories: [{ name: 'Cats', questions: [{ value: 100, prompt: 'Meow?', answer: 'Yes', dailyDouble: true }] }],
    }
    const g = await newGame(s, { name: 'Custom', board })
    expect(g.categories).toEqual([
      {
        name: 'Cats',
        round: 1,
        questions: [
          expect.objectContaining({
            value: 100,
            answered: false,
            version: 0,
            prompt: 'Meow?',
            answer: 'Yes',
            dailyDouble: true,
          }),
        ],
      },
    ] as never)
  })

  it('joins a player with score 0 and version 0 and broadcasts player_joined', async () => {
    const g = await newGame(s)
    const p = await join(s, g.id, 'Ada')
    expect(p).toMatchObject({ name: 'Ada', score: 0, version: 0 })
    expect(p.token.length).toBeGreaterThan(30)
    const ev = await waitFor(
      async () => (await s.events()).find((e) => e.type === 'player_joined' && e.playerId === p.id),
      5000,
      'player_joined',
    )
    expect(ev).toMatchObject({ gameId: g.id, seq: 1, name: 'Ada', score: 0, version: 0 })
  })

  it('never shows prompts, answers or daily doubles to players or the TV view', async () => {
    const g = await newGame(s)
    const p = await join(s, g.id, 'Bo')
    for (const token of [p.token, g.viewToken]) {
      const snap = await s.call('GET', `/api/games/${g.id}`, { token })
      expect(snap.status).toBe(200)
      const text = JSON.stringify(snap.body)
      expect(text).not.toContain('"prompt"')
      expect(text).not.toContain('"answer"')
      expect(text).not.toContain('dailyDouble')
      expect(text).not.toContain('Nitrogen')
    }
    const mine = await s.call('GET', `/api/games/${g.id}`, { token: p.token })
    expect(mine.body).toMatchObject({ role: 'player', playerId: p.id })
  })

  it('serves every path with and without the trailing slash', async () => {
    const g = await s.call('POST', '/api/games/', { body: { name: 'slash' } })
    expect(g.status).toBe(201)
    const snap = await s.call('GET', `/api/games/${g.body.id}/`, { token: g.body.hostToken })
    expect(snap.status).toBe(200)
    const p = await s.call('POST', `/api/games/${g.body.id}/players/`, { body: { name: 'Cy' } })
    expect(p.status).toBe(201)
    const q = g.body.categories[0].questions[0].id
    const a = await s.call('POST', `/api/games/${g.body.id}/answers/`, {
      token: g.body.hostToken,
      body: { playerId: p.body.id, questionId: q, isCorrect: true },
    })
    expect(a.status).toBe(200)
    const t = await s.call('PATCH', `/api/questions/${q}/`, { token: g.body.hostToken, body: { answered: true } })
    expect(t.status).toBe(200)
    const b = await s.call('POST', `/api/games/${g.body.id}/buzzer/`, {
      token: p.body.token,
      body: { buzzerId: p.body.id },
    })
    expect(b.status).toBe(200)
  })
})

describe('scores and questions', () => {
  it('adds the question value for a correct answer and subtracts it for a wrong one, with the same version in the event', async () => {
    const g = await newGame(s)
    const p = await join(s, g.id, 'Dee')
    const q = g.categories[1]!.questions[2]!
    const right = await s.call('POST', `/api/games/${g.id}/answers`, {
      token: g.hostToken,
      body: { playerId: p.id, questionId: q.id, isCorrect: true },
    })
    expect(right.status).toBe(200)
    expect(right.body).toMatchObject({ success: true, score: q.value, version: 1, playerId: p.id })
    expect(right.body.answerId).toBeString()
    const wrong = await s.call('POST', `/api/games/${g.id}/answers`, {
      token: g.hostToken,
      body: { playerId: p.id, questionId: g.categories[2]!.questions[0]!.id, isCorrect: false, points: 50 },
    })
    expect(wrong.body).toMatchObject({ score: q.value - 50, version: 2 })
    const evs = await waitFor(
      async () => {
        const e = (await s.events()).filter((e) => e.type === 'update_score' && e.playerId === p.id)
        return e.length === 2 ? e : null
      },
      5000,
      'two update_score events',
    )
    expect(evs.map((e) => [e.score, e.version])).toEqual([
      [q.value, 1],
      [q.value - 50, 2],
    ])
    expect(evs.map((e) => e.seq)).toEqual([2, 3])
  })

  it('toggles a question once and treats setting the same state as a no-op', async () => {
    const g = await newGame(s)
    const q = g.categories[0]!.questions[0]!
    const on = await s.call('PATCH', `/api/questions/${q.id}`, { token: g.hostToken, body: { answered: true } })
    expect(on.body).toEqual({ success: true, questionId: q.id, answered: true, version: 1 })
    const again = await s.call('PATCH', `/api/questions/${q.id}`, { token: g.hostToken, body: { answered: true } })
    expect(again.body).toEqual({ success: true, questionId: q.id, answered: true, version: 1 })
    const off = await s.call('PATCH', `/api/questions/${q.id}`, { token: g.hostToken, body: { answered: false } })
    expect(off.body.version).toBe(2)
    const snap = await s.call('GET', `/api/games/${g.id}`, { token: g.hostToken })
    expect(snap.body.seq).toBe(2)
    const evs = await waitFor(
      async () => {
        const e = (await s.events()).filter((e) => e.type === 'toggle_question' && e.questionId === q.id)
        return e.length === 2 ? e : null
      },
      5000,
      'toggle events',
    )
    expect(evs.map((e) => [e.answered, e.version])).toEqual([
      [true, 1],
      [false, 2],
    ])
  })

  it('undoes an answer as a new version and refuses to undo it twice', async () => {
    const g = await newGame(s)
    const p = await join(s, g.id, 'Eve')
    const q = g.categories[0]!.questions[4]!
    const a = await s.call('POST', `/api/games/${g.id}/answers`, {
      token: g.hostToken,
      body: { playerId: p.id, questionId: q.id, isCorrect: true },
    })
    const undo = await s.call('DELETE', `/api/games/${g.id}/answers/${a.body.answerId}`, { token: g.hostToken })
    expect(undo.body).toEqual({ success: true, playerId: p.id, score: 0, version: 2 })
    const twice = await s.call('DELETE', `/api/games/${g.id}/answers/${a.body.answerId}`, { token: g.hostToken })
    expect(twice.status).toBe(409)
    expect(twice.body.error.code).toBe('ALREADY_UNDONE')
  })

  it('replays a retried undo with the same Idempotency-Key instead of refusing it', async () => {
    const g = await newGame(s)
    const p = await join(s, g.id, 'Ivy')
    const q = g.categories[0]!.questions[0]!
    const a = await s.call('POST', `/api/games/${g.id}/answers`, {
      token: g.hostToken,
      body: { playerId: p.id, questionId: q.id, isCorrect: true },
    })
    const headers = { 'idempotency-key': `undo-${crypto.randomUUID()}` }
    const first = await s.call('DELETE', `/api/games/${g.id}/answers/${a.body.answerId}`, {
      token: g.hostToken,
      headers,
    })
    const retry = await s.call('DELETE', `/api/games/${g.id}/answers/${a.body.answerId}`, {
      token: g.hostToken,
      headers,
    })
    expect(retry.status).toBe(200)
    expect(retry.body).toEqual(first.body)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
  })

  it('lets the host correct a score', async () => {
    const g = await newGame(s)
    const p = await join(s, g.id, 'Fay')
    const set = await s.call('PATCH', `/api/games/${g.id}/players/${p.id}`, {
      token: g.hostToken,
      body: { score: 1234 },
    })
    expect(set.body).toEqual({ success: true, playerId: p.id, score: 1234, version: 1 })
    const same = await s.call('PATCH', `/api/games/${g.id}/players/${p.id}`, {
      token: g.hostToken,
      body: { score: 1234 },
    })
    expect(same.body.version).toBe(1)
  })
})

describe('buzzer', () => {
  it('gives the first press the win, tells later presses they lost, and re-arms on reset', async () => {
    const g = await newGame(s)
    const a = await join(s, g.id, 'A')
    const b = await join(s, g.id, 'B')
    const first = await s.call('POST', `/api/games/${g.id}/buzzer`, { token: a.token, body: { buzzerId: a.id } })
    expect(first.body).toMatchObject({ success: true, won: true, winnerId: a.id, version: 1 })
    expect(first.body.reactionMs).toBeGreaterThanOrEqual(0)
    const late = await s.call('POST', `/api/games/${g.id}/buzzer`, { token: b.token, body: { buzzerId: b.id } })
    expect(late.status).toBe(200)
    expect(late.body).toMatchObject({ success: true, won: false, winnerId: a.id, version: 1 })
    const reset = await s.call('POST', `/api/games/${g.id}/buzzer/reset`, { token: g.hostToken })
    expect(reset.body).toEqual({ success: true, armed: true, version: 2 })
    const next = await s.call('POST', `/api/games/${g.id}/buzzer`, { token: b.token, body: { buzzerId: b.id } })
    expect(next.body).toMatchObject({ won: true, winnerId: b.id, version: 3 })
    const evs = await waitFor(
      async () => {
        const e = (await s.events()).filter((e) => e.gameId === g.id && e.type.startsWith('buzzer'))
        return e.length === 4 ? e : null
      },
      5000,
      'buzzer events',
    )
    expect(evs.map((e) => [e.type, e.buzzerId ?? null, e.won ?? null])).toEqual([
      ['buzzer_pressed', a.id, true],
      ['buzzer_pressed', b.id, false],
      ['buzzer_reset', null, null],
      ['buzzer_pressed', b.id, true],
    ])
  })

  it('lets the host press for a player but not a player for someone else', async () => {
    const g = await newGame(s)
    const a = await join(s, g.id, 'A')
    const b = await join(s, g.id, 'B')
    const other = await s.call('POST', `/api/games/${g.id}/buzzer`, { token: a.token, body: { buzzerId: b.id } })
    expect(other.status).toBe(403)
    expect(other.body.error.code).toBe('FORBIDDEN')
    const host = await s.call('POST', `/api/games/${g.id}/buzzer`, { token: g.hostToken, body: { buzzerId: b.id } })
    expect(host.body).toMatchObject({ won: true, winnerId: b.id })
  })
})
