// A Final or Daily Double wager never exceeds the player's limit when its clue is shown (issue 9,
// play-test finding 1): leaving an unrevealed wager clue voids its wagers, and the reveal lowers any
// wager a changed score left above the limit. In Jeopardy! a Final wager is 0..max(score, 0) at the
// time of the Final.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { clueBoard } from './support/boards.ts'
import { waitFor } from './support/proc.ts'
import { type ApiSuite, join, newGame, startApiSuite } from './support/suite.ts'

let s: ApiSuite
beforeAll(async () => {
  s = await startApiSuite('wagerlimit')
})
afterAll(async () => {
  await s?.stop()
})

async function setup() {
  const g = await newGame(s, { name: 'Wagers', board: clueBoard })
  const snap = (await s.call('GET', `/api/games/${g.id}`, { token: g.hostToken })).body
  const [a, b] = [await join(s, g.id, 'Ann'), await join(s, g.id, 'Bob')]
  const host = (method: string, path: string, body?: unknown) =>
    s.call(method, `/api/games/${g.id}${path}`, { token: g.hostToken, body })
  const wager = (p: { id: string; token: string }, questionId: string, amount: number) =>
    s.call('POST', `/api/games/${g.id}/wagers`, { token: p.token, body: { playerId: p.id, questionId, amount } })
  return {
    g,
    a,
    b,
    host,
    wager,
    plain: snap.categories[0].questions[0].id as string,
    dd: snap.categories[0].questions[1].id as string,
    other: snap.categories[0].questions[2].id as string,
    final: snap.final.questionId as string,
    snapshot: () => s.call('GET', `/api/games/${g.id}`, { token: g.hostToken }).then((r) => r.body),
  }
}

const eventsOf = async (gameId: string, type: string) =>
  (await s.events()).filter((e) => e.gameId === gameId && e.type === type)
const eventually = (gameId: string, type: string, n: number) =>
  waitFor(
    async () => {
      const ev = await eventsOf(gameId, type)
      return ev.length >= n ? ev : null
    },
    10_000,
    `${n} × ${type}`,
  )

describe('a wager never exceeds the limit when its clue is shown', () => {
  it('voids the Final wagers when the host goes back to the board, so a lower score cannot keep an old wager', async () => {
    const t = await setup()
    await t.host('POST', '/answers', { playerId: t.a.id, questionId: t.plain, isCorrect: true }) // Ann 200
    await t.host('POST', '/clue', { questionId: t.final })
    expect((await t.wager(t.a, t.final, 200)).status).toBe(200)
    expect((await t.host('POST', '/clue/close')).status).toBe(200)
    expect((await t.snapshot()).wagers).toEqual([])
    const [voided] = await eventually(t.g.id, 'wagers_voided', 1)
    expect(voided).toMatchObject({ questionId: t.final, playerIds: [t.a.id] })

    await t.host('POST', '/clue', { questionId: t.other })
    await t.host('POST', '/answers', { playerId: t.a.id, questionId: t.other, isCorrect: false }) // Ann -400
    await t.host('POST', '/clue', { questionId: t.final })
    const tooHigh = await t.wager(t.a, t.final, 200)
    expect(tooHigh.status).toBe(400)
    expect(tooHigh.body.error.code).toBe('WAGER_TOO_HIGH')
    expect((await t.wager(t.a, t.final, 0)).status).toBe(200)
    await t.host('POST', '/clue/reveal')
    const right = await t.host('POST', '/answers', { playerId: t.a.id, questionId: t.final, isCorrect: true })
    expect(right.body.score).toBe(-400)
  })

  it('voids the wagers of an unrevealed clue when the host picks another clue instead', async () => {
    const t = await setup()
    await t.host('POST', '/clue', { questionId: t.dd })
    expect((await t.wager(t.a, t.dd, 600)).status).toBe(200)
    await t.host('POST', '/clue', { questionId: t.plain })
    expect((await t.snapshot()).wagers).toEqual([])
    await eventually(t.g.id, 'wagers_voided', 1)
  })

  it('lowers a Final wager to the score at the reveal when the score fell while wagering', async () => {
    const t = await setup()
    await t.host('POST', '/answers', { playerId: t.a.id, questionId: t.plain, isCorrect: true }) // Ann 200
    await t.host('POST', '/answers', { playerId: t.b.id, questionId: t.other, isCorrect: true }) // Bob 600
    await t.host('POST', '/clue', { questionId: t.final })
    expect((await t.wager(t.a, t.final, 200)).status).toBe(200)
    expect((await t.wager(t.b, t.final, 300)).status).toBe(200)
    // A correction while the wagers are in (the host's ✎): Ann's 200 is now above her 50.
    expect((await t.host('PATCH', `/players/${t.a.id}`, { score: 50 })).status).toBe(200)
    await t.host('POST', '/clue/reveal')
    const wagers = (await t.snapshot()).wagers
    expect(wagers.find((w: any) => w.playerId === t.a.id)).toMatchObject({ amount: 50, version: 2 })
    expect(wagers.find((w: any) => w.playerId === t.b.id)).toMatchObject({ amount: 300, version: 1 })
    const placed = await eventually(t.g.id, 'wager_placed', 3)
    expect(placed.at(-1)).toMatchObject({ playerId: t.a.id, questionId: t.final, amount: null, version: 2 })
    const right = await t.host('POST', '/answers', { playerId: t.a.id, questionId: t.final, isCorrect: true })
    expect(right.body.score).toBe(100)
  })

  it('lowers a Daily Double wager to max(score, round top value) at the reveal', async () => {
    const t = await setup()
    await t.host('PATCH', `/players/${t.a.id}`, { score: 2000 })
    await t.host('POST', '/clue', { questionId: t.dd })
    expect((await t.wager(t.a, t.dd, 2000)).status).toBe(200)
    await t.host('PATCH', `/players/${t.a.id}`, { score: 100 })
    await t.host('POST', '/clue/reveal')
    expect((await t.snapshot()).wagers).toEqual([{ playerId: t.a.id, questionId: t.dd, amount: 600, version: 2 }])
  })

  it('never lets a wager racing "Back to board" stand above the score at the reveal, twenty at once', async () => {
    const t = await setup()
    await t.host('POST', '/answers', { playerId: t.a.id, questionId: t.plain, isCorrect: true }) // Ann 200
    await t.host('POST', '/clue', { questionId: t.final })
    const wagers = Array.from({ length: 20 }, (_, i) => t.wager(t.a, t.final, 100 + i * 5))
    const [close, ...replies] = await Promise.all([t.host('POST', '/clue/close'), ...wagers])
    expect(close!.status).toBe(200)
    for (const r of replies) expect(r.status).toBe(200)
    // Every wager committed before the close is void; one committed after it may stand for now.
    const voided = await eventsOf(t.g.id, 'wagers_voided')
    const placed = await eventsOf(t.g.id, 'wager_placed')
    const closedAt = (await eventsOf(t.g.id, 'clue_updated')).find((e) => e.phase === 'closed')!.seq
    const before = placed.filter((e) => e.seq < closedAt)
    expect(voided.length).toBe(before.length > 0 ? 1 : 0)
    expect((await t.snapshot()).wagers.length).toBe(placed.length > before.length ? 1 : 0)
    // Ann's score falls to 50 and the Final comes back: whatever stood is at most 50 once shown.
    await t.host('PATCH', `/players/${t.a.id}`, { score: 50 })
    await t.host('POST', '/clue', { questionId: t.final })
    await t.host('POST', '/clue/reveal')
    for (const w of (await t.snapshot()).wagers) expect(w.amount).toBeLessThanOrEqual(50)
  })
})
