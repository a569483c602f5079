// Races with real concurrency: many answers for one player at once, many buzzers at once.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { waitFor } from './support/proc.ts'
import { type ApiSuite, join, newGame, startApiSuite } from './support/suite.ts'

let s: ApiSuite
beforeAll(async () => {
  s = await startApiSuite('races')
})
afterAll(async () => {
  await s?.stop()
})

/** A board at the schema's maximum: 12 categories × 10 questions. */
const fullBoard = {
  categories: Array.from({ length: 12 }, (_, c) => ({
    name: `Category ${c + 1}`,
    questions: Array.from({ length: 10 }, (_, q) => ({ value: (q + 1) * 100, prompt: `Q${c}.${q}`, answer: 'A' })),
  })),
}

describe('rapid successive updates', () => {
  it('applies 120 concurrent answers for one player (one per question) exactly once each, with versions v+1 … v+120', async () => {
    const g = await newGame(s, { name: 'Full board', board: fullBoard })
    const p = await join(s, g.id, 'Speedy')
    const questions = g.categories.flatMap((c) => c.questions)
    expect(questions).toHaveLength(120)
    // A mix of right and wrong answers with explicit points so the expected total is known.
    const requests = questions.map((q, i) => ({
      playerId: p.id,
      questionId: q.id,
      isCorrect: i % 3 !== 0,
      points: 10 + (i % 7),
    }))
    const n = requests.length
    const expected = requests.reduce((sum, r) => sum + (r.isCorrect ? r.points : -r.points), 0)
    const replies = await Promise.all(
      requests.map((body) => s.call('POST', `/api/games/${g.id}/answers`, { token: g.hostToken, body })),
    )
    expect(replies.every((r) => r.status === 200)).toBe(true)
    const versions = replies.map((r) => r.body.version).sort((a, b) => a - b)
    expect(versions).toEqual(Array.from({ length: n }, (_, i) => i + 1))
    // The reply carrying the last version carries the final score.
    const last = replies.find((r) => r.body.version === n)!
    expect(last.body.score).toBe(expected)
    const snap = await s.call('GET', `/api/games/${g.id}`, { token: g.hostToken })
    expect(snap.body.players[0]).toMatchObject({ score: expected, version: n })
    expect(snap.body.seq).toBe(n + 1) // player_joined + the answers

    // Every version is broadcast exactly once, with the score the reply for that version had.
    const events = await waitFor(
      async () => {
        const e = (await s.events()).filter((e) => e.type === 'update_score' && e.playerId === p.id)
        return e.length >= n ? e : null
      },
      10000,
      `${n} update_score events`,
    )
    const byVersion = new Map<number, number>()
    for (const e of events) byVersion.set(e.version, e.score)
    expect(byVersion.size).toBe(n)
    for (const r of replies) expect(byVersion.get(r.body.version)).toBe(r.body.score)
    // seq values are distinct and gap-free.
    const seqs = (await s.events())
      .filter((e) => e.gameId === g.id)
      .map((e) => e.seq)
      .sort((a, b) => a - b)
    expect([...new Set(seqs)]).toEqual(Array.from({ length: n + 1 }, (_, i) => i + 1))
  })
})

describe('buzzer arbitration', () => {
  it('has exactly one winner when every player presses at once', async () => {
    const g = await newGame(s)
    const players = await Promise.all(Array.from({ length: 25 }, (_, i) => join(s, g.id, `P${i}`)))
    for (let round = 0; round < 3; round++) {
      const presses = await Promise.all(
        players.map((p) => s.call('POST', `/api/games/${g.id}/buzzer`, { token: p.token, body: { buzzerId: p.id } })),
      )
      expect(presses.every((r) => r.status === 200)).toBe(true)
      const winners = presses.filter((r) => r.body.won)
      expect(winners).toHaveLength(1)
      const winnerId = winners[0]!.body.winnerId
      expect(presses.every((r) => r.body.winnerId === winnerId)).toBe(true)
      const snap = await s.call('GET', `/api/games/${g.id}`, { token: g.hostToken })
      expect(snap.body.buzzer).toMatchObject({ armed: false, winnerId })
      await s.call('POST', `/api/games/${g.id}/buzzer/reset`, { token: g.hostToken })
    }
  })
})
