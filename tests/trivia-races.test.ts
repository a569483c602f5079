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

describe('rapid successive updates', () => {
  it('applies 200 concurrent answers for one player exactly once each, with versions v+1 … v+200', async () => {
    const g = await newGame(s)
    const p = await join(s, g.id, 'Speedy')
    const questions = g.categories.flatMap((c) => c.questions)
    // A mix of right and wrong answers with explicit points so the expected total is known.
    const requests = Array.from({ length: 200 }, (_, i) => ({
      playerId: p.id,
      questionId: questions[i % questions.length]!.id,
      isCorrect: i % 3 !== 0,
      points: 10 + (i % 7),
    }))
    const expected = requests.reduce((sum, r) => sum + (r.isCorrect ? r.points : -r.points), 0)
    const replies = await Promise.all(
      requests.map((body) => s.call('POST', `/api/games/${g.id}/answers`, { token: g.hostToken, body })),
    )
    expect(replies.every((r) => r.status === 200)).toBe(true)
    const versions = replies.map((r) => r.body.version).sort((a, b) => a - b)
    expect(versions).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))
    // The reply carrying the last version carries the final score.
    const last = replies.find((r) => r.body.version === 200)!
    expect(last.body.score).toBe(expected)
    const snap = await s.call('GET', `/api/games/${g.id}`, { token: g.hostToken })
    expect(snap.body.players[0]).toMatchObject({ score: expected, version: 200 })
    expect(snap.body.seq).toBe(201) // player_joined + 200 answers

    // Every version is broadcast exactly once, with the score the reply for that version had.
    const events = await waitFor(
      async () => {
        const e = (await s.events()).filter((e) => e.type === 'update_score' && e.playerId === p.id)
        return e.length >= 200 ? e : null
      },
      10000,
      '200 update_score events',
    )
    const byVersion = new Map<number, number>()
    for (const e of events) byVersion.set(e.version, e.score)
    expect(byVersion.size).toBe(200)
    for (const r of replies) expect(byVersion.get(r.body.version)).toBe(r.body.score)
    // seq values are distinct and gap-free.
    const seqs = (await s.events())
      .filter((e) => e.gameId === g.id)
      .map((e) => e.seq)
      .sort((a, b) => a - b)
    expect([...new Set(seqs)]).toEqual(Array.from({ length: 201 }, (_, i) => i + 1))
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
