// Rounds, Daily Double and Final wagers.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { waitFor } from './support/proc.ts'
import { type ApiSuite, join, newGame, startApiSuite } from './support/suite.ts'

let s: ApiSuite
beforeAll(async () => {
  s = await startApiSuite('wagers')
})
afterAll(async () => {
  await s?.stop()
})

const board = {
  categories: [
    {
      name: 'One',
      questions: [
        { value: 200, prompt: 'p1', answer: 'a1' },
        { value: 400, prompt: 'p2', answer: 'a2', dailyDouble: true },
      ],
    },
    { name: 'Two', round: 2, questions: [{ value: 800, prompt: 'p3', answer: 'a3', dailyDouble: true }] },
  ],
  final: { category: 'Rivers', prompt: 'The longest river in Africa', answer: 'The Nile' },
}

async function setup() {
  const g = await newGame(s, { name: 'Wagers', board })
  const snap = (await s.call('GET', `/api/games/${g.id}`, { token: g.hostToken })).body
  const p = await join(s, g.id, 'Wanda')
  const o = await join(s, g.id, 'Otto')
  return {
    g,
    snap,
    p,
    o,
    dd1: snap.categories[0].questions[1].id,
    dd2: snap.categories[1].questions[0].id,
    plain: snap.categories[0].questions[0].id,
    final: snap.final.questionId,
  }
}

describe('rounds and the Final', () => {
  it('keeps rounds on categories and shows the Final prompt only to the host', async () => {
    const { g, snap, p } = await setup()
    expect(snap.categories.map((c: any) => [c.name, c.round])).toEqual([
      ['One', 1],
      ['Two', 2],
    ])
    expect(snap.final).toMatchObject({
      category: 'Rivers',
      answered: false,
      version: 0,
      prompt: 'The longest river in Africa',
      answer: 'The Nile',
    })
    const mine = (await s.call('GET', `/api/games/${g.id}`, { token: p.token })).body
    expect(mine.final).toEqual({ questionId: snap.final.questionId, category: 'Rivers', answered: false, version: 0 })
  })
})

describe('Daily Double wagers', () => {
  it('lets a player with a low score wager up to the round top value, and scores the wager', async () => {
    const { g, p, dd1 } = await setup()
    const tooHigh = await s.call('POST', `/api/games/${g.id}/wagers`, {
      token: p.token,
      body: { playerId: p.id, questionId: dd1, amount: 401 },
    })
    expect(tooHigh.status).toBe(400)
    expect(tooHigh.body.error.code).toBe('WAGER_TOO_HIGH')
    const w = await s.call('POST', `/api/games/${g.id}/wagers`, {
      token: p.token,
      body: { playerId: p.id, questionId: dd1, amount: 300 },
    })
    expect(w.body).toEqual({ success: true, playerId: p.id, questionId: dd1, amount: 300, version: 1 })
    const changed = await s.call('POST', `/api/games/${g.id}/wagers`, {
      token: p.token,
      body: { playerId: p.id, questionId: dd1, amount: 400 },
    })
    expect(changed.body.version).toBe(2)
    const a = await s.call('POST', `/api/games/${g.id}/answers`, {
      token: g.hostToken,
      body: { playerId: p.id, questionId: dd1, isCorrect: true },
    })
    expect(a.body.score).toBe(400)
    const ev = await waitFor(
      async () => (await s.events()).filter((e) => e.type === 'wager_placed' && e.playerId === p.id),
      5000,
      'wager events',
    )
    expect(ev.map((e: any) => [e.amount, e.version])).toEqual([
      [300, 1],
      [400, 2],
    ])
  })

  it('lets a leading player wager the whole score', async () => {
    const { g, p, dd2 } = await setup()
    await s.call('PATCH', `/api/games/${g.id}/players/${p.id}`, { token: g.hostToken, body: { score: 5000 } })
    const w = await s.call('POST', `/api/games/${g.id}/wagers`, {
      token: g.hostToken,
      body: { playerId: p.id, questionId: dd2, amount: 5000 },
    })
    expect(w.status).toBe(200)
    const wrong = await s.call('POST', `/api/games/${g.id}/answers`, {
      token: g.hostToken,
      body: { playerId: p.id, questionId: dd2, isCorrect: false },
    })
    expect(wrong.body.score).toBe(0)
  })

  it('refuses wagers on plain questions, on answered ones, for someone else, and from the TV', async () => {
    const { g, p, o, dd1, plain } = await setup()
    const cases: [any, number, string][] = [
      [
        await s.call('POST', `/api/games/${g.id}/wagers`, {
          token: p.token,
          body: { playerId: p.id, questionId: plain, amount: 10 },
        }),
        400,
        'WAGER_NOT_ALLOWED',
      ],
      [
        await s.call('POST', `/api/games/${g.id}/wagers`, {
          token: p.token,
          body: { playerId: o.id, questionId: dd1, amount: 10 },
        }),
        403,
        'FORBIDDEN',
      ],
      [
        await s.call('POST', `/api/games/${g.id}/wagers`, {
          token: g.viewToken,
          body: { playerId: p.id, questionId: dd1, amount: 10 },
        }),
        403,
        'FORBIDDEN',
      ],
      [
        await s.call('POST', `/api/games/${g.id}/wagers`, {
          token: p.token,
          body: { playerId: p.id, questionId: dd1, amount: -1 },
        }),
        400,
        'VALIDATION',
      ],
    ]
    await s.call('PATCH', `/api/questions/${dd1}`, { token: g.hostToken, body: { answered: true } })
    cases.push([
      await s.call('POST', `/api/games/${g.id}/wagers`, {
        token: p.token,
        body: { playerId: p.id, questionId: dd1, amount: 10 },
      }),
      409,
      'QUESTION_ANSWERED',
    ])
    for (const [r, status, code] of cases) expect([r.status, r.body.error.code]).toEqual([status, code])
    const snap = (await s.call('GET', `/api/games/${g.id}`, { token: g.hostToken })).body
    expect(snap.wagers).toEqual([])
  })
})

describe('Final wagers', () => {
  it('keeps Final wagers secret from other players until the Final is answered, and caps them at the score', async () => {
    const { g, p, o, final } = await setup()
    await s.call('PATCH', `/api/games/${g.id}/players/${p.id}`, { token: g.hostToken, body: { score: 1000 } })
    const over = await s.call('POST', `/api/games/${g.id}/wagers`, {
      token: p.token,
      body: { playerId: p.id, questionId: final, amount: 1001 },
    })
    expect(over.body.error.code).toBe('WAGER_TOO_HIGH')
    const negative = await s.call('POST', `/api/games/${g.id}/wagers`, {
      token: o.token,
      body: { playerId: o.id, questionId: final, amount: 1 },
    })
    expect(negative.body.error.code).toBe('WAGER_TOO_HIGH')
    await s.call('POST', `/api/games/${g.id}/wagers`, {
      token: p.token,
      body: { playerId: p.id, questionId: final, amount: 700 },
    })
    const seenBy = async (token: string) => (await s.call('GET', `/api/games/${g.id}`, { token })).body.wagers
    expect(await seenBy(p.token)).toEqual([{ playerId: p.id, questionId: final, amount: 700, version: 1 }])
    expect(await seenBy(o.token)).toEqual([{ playerId: p.id, questionId: final, amount: null, version: 1 }])
    expect(await seenBy(g.viewToken)).toEqual([{ playerId: p.id, questionId: final, amount: null, version: 1 }])
    expect(await seenBy(g.hostToken)).toEqual([{ playerId: p.id, questionId: final, amount: 700, version: 1 }])
    const ev = await waitFor(
      async () => (await s.events()).find((e) => e.type === 'wager_placed' && e.questionId === final),
      5000,
      'final wager event',
    )
    expect(ev.amount).toBeNull()
    const a = await s.call('POST', `/api/games/${g.id}/answers`, {
      token: g.hostToken,
      body: { playerId: p.id, questionId: final, isCorrect: true },
    })
    expect(a.body.score).toBe(1700)
    await s.call('PATCH', `/api/questions/${final}`, { token: g.hostToken, body: { answered: true } })
    expect(await seenBy(o.token)).toEqual([{ playerId: p.id, questionId: final, amount: 700, version: 1 }])
  })
})
