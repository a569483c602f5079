// Issue 9, rule 1: a question scores once per player, race-free, against a real api and Postgres.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { type ApiSuite, join, newGame, startApiSuite } from './support/suite.ts'

let s: ApiSuite
beforeAll(async () => {
  s = await startApiSuite('scoring')
})
afterAll(async () => {
  await s?.stop()
})

/** 12 categories × 10 questions: a fresh question for every round of a race. */
const fullBoard = {
  categories: Array.from({ length: 12 }, (_, c) => ({
    name: `Category ${c + 1}`,
    questions: Array.from({ length: 10 }, (_, q) => ({ value: (q + 1) * 100, prompt: `Q${c}.${q}`, answer: 'A' })),
  })),
}

const snapshot = async (g: { id: string; hostToken: string }) =>
  (await s.call('GET', `/api/games/${g.id}`, { token: g.hostToken })).body
const answer = (g: { id: string; hostToken: string }, body: object) =>
  s.call('POST', `/api/games/${g.id}/answers`, { token: g.hostToken, body })
const code = (r: { status: number; body: any }) => ({ status: r.status, code: r.body?.error?.code })

describe('a question scores once per player', () => {
  it('refuses a second answer of the same player on the same question with 409 PLAYER_ALREADY_ANSWERED, changing nothing', async () => {
    const g = await newGame(s)
    const p = await join(s, g.id, 'Ada')
    const q = g.categories[0]!.questions[1]!
    const first = await answer(g, { playerId: p.id, questionId: q.id, isCorrect: true })
    expect(first.body).toMatchObject({ score: q.value, version: 1 })
    const before = await snapshot(g)
    for (const again of [{ isCorrect: true }, { isCorrect: false }, { isCorrect: true, points: 5 }]) {
      const r = await answer(g, { playerId: p.id, questionId: q.id, ...again })
      expect(code(r)).toEqual({ status: 409, code: 'PLAYER_ALREADY_ANSWERED' })
    }
    expect(await snapshot(g)).toEqual(before)
    // Another player may still answer it, and the same player another question.
    const other = await join(s, g.id, 'Bo')
    expect((await answer(g, { playerId: other.id, questionId: q.id, isCorrect: false })).status).toBe(200)
    const next = g.categories[1]!.questions[0]!
    expect((await answer(g, { playerId: p.id, questionId: next.id, isCorrect: true })).status).toBe(200)
  })

  it('lets the host record the player again once the earlier answer is undone', async () => {
    const g = await newGame(s)
    const p = await join(s, g.id, 'Cy')
    const q = g.categories[2]!.questions[2]!
    const wrong = await answer(g, { playerId: p.id, questionId: q.id, isCorrect: true })
    await s.call('DELETE', `/api/games/${g.id}/answers/${wrong.body.answerId}`, { token: g.hostToken })
    const right = await answer(g, { playerId: p.id, questionId: q.id, isCorrect: false })
    expect(right.status).toBe(200)
    expect(right.body).toMatchObject({ score: -q.value, version: 3 })
    expect(code(await answer(g, { playerId: p.id, questionId: q.id, isCorrect: true }))).toEqual({
      status: 409,
      code: 'PLAYER_ALREADY_ANSWERED',
    })
  })

  it('refuses an answer on a question already marked answered with 409 QUESTION_ANSWERED, changing nothing', async () => {
    const g = await newGame(s)
    const p = await join(s, g.id, 'Dee')
    const q = g.categories[3]!.questions[0]!
    await s.call('PATCH', `/api/questions/${q.id}`, { token: g.hostToken, body: { answered: true } })
    const before = await snapshot(g)
    const r = await answer(g, { playerId: p.id, questionId: q.id, isCorrect: true })
    expect(code(r)).toEqual({ status: 409, code: 'QUESTION_ANSWERED' })
    expect(await snapshot(g)).toEqual(before)
    // Reopened by the host, it can be scored again.
    await s.call('PATCH', `/api/questions/${q.id}`, { token: g.hostToken, body: { answered: false } })
    expect((await answer(g, { playerId: p.id, questionId: q.id, isCorrect: true })).status).toBe(200)
  })

  it('applies exactly one of two host consoles pressing "Right" for the same player and question at the same instant, round after round', async () => {
    const g = await newGame(s, { name: 'Two consoles', board: fullBoard })
    const p = await join(s, g.id, 'Eve')
    const questions = g.categories.flatMap((c) => c.questions)
    let expected = 0
    for (const [round, q] of questions.entries()) {
      // Every fourth round, four consoles at once.
      const consoles = round % 4 === 3 ? 4 : 2
      const replies = await Promise.all(
        Array.from({ length: consoles }, () => answer(g, { playerId: p.id, questionId: q.id, isCorrect: true })),
      )
      const applied = replies.filter((r) => r.status === 200)
      expect(applied).toHaveLength(1)
      expect(replies.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(
        Array(consoles - 1).fill('PLAYER_ALREADY_ANSWERED'),
      )
      expected += q.value
      expect(applied[0]!.body).toMatchObject({ score: expected, version: round + 1 })
    }
    const snap = await snapshot(g)
    expect(snap.players[0]).toMatchObject({ score: expected, version: questions.length })
    const [live] = await s.db.sql<{ n: number }[]>`
      select count(*)::int as n from answers where player_id = ${p.id} and undone_at is null`
    expect(live!.n).toBe(questions.length)
  })

  it('keeps the rule in the database itself: a second live answer row cannot be written', async () => {
    const g = await newGame(s)
    const p = await join(s, g.id, 'Fay')
    const q = g.categories[0]!.questions[0]!
    await answer(g, { playerId: p.id, questionId: q.id, isCorrect: true })
    const insert = s.db.sql`
      insert into answers (game_id, player_id, question_id, is_correct, points, delta)
      values (${g.id}, ${p.id}, ${q.id}, true, 1, 1)`
    await expect(insert).rejects.toMatchObject({ code: '23505' })
  })
})
