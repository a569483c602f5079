// Issue 9, rule 5: the host ends the game; the standings are final and nothing changes after.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { waitFor } from './support/proc.ts'
import { type ApiSuite, join, newGame, startApiSuite } from './support/suite.ts'

let s: ApiSuite
beforeAll(async () => {
  s = await startApiSuite('gameover')
})
afterAll(async () => {
  await s?.stop()
})

const board = {
  categories: [
    {
      name: 'Planets',
      questions: [
        { value: 300, prompt: 'Red planet?', answer: 'Mars' },
        { value: 500, prompt: 'Ringed planet?', answer: 'Saturn' },
        { value: 100, prompt: 'Closest to the Sun?', answer: 'Mercury', dailyDouble: true },
      ],
    },
  ],
  final: { category: 'Capitals', prompt: 'Capital of Australia?', answer: 'Canberra' },
}
type Game = Awaited<ReturnType<typeof newGame>>

const post = (path: string, token: string | undefined, body?: unknown) => s.call('POST', path, { token, body })
const read = async (g: Game, token = g.hostToken) => (await s.call('GET', `/api/games/${g.id}`, { token })).body
const code = (r: { status: number; body: any }) => ({ status: r.status, code: r.body?.error?.code })

/** Ada 300 + Final (wagers 200, right) = 500; Bo 500 + Final (wagers 0, wrong) = 500; Cy 100, no Final. */
async function playToTheEnd() {
  const g = await newGame(s, { name: 'Finale', board })
  const [ada, bo, cy] = [await join(s, g.id, 'Ada'), await join(s, g.id, 'Bo'), await join(s, g.id, 'Cy')]
  const snap = await read(g)
  const [q300, q500, q100] = snap.categories[0].questions.map((q: any) => q.id)
  const final = snap.final.questionId
  const answer = (playerId: string, questionId: string, isCorrect: boolean) =>
    post(`/api/games/${g.id}/answers`, g.hostToken, { playerId, questionId, isCorrect })
  await answer(ada.id, q300, true)
  await answer(bo.id, q500, true)
  await answer(cy.id, q100, true)
  await post(`/api/games/${g.id}/wagers`, ada.token, { playerId: ada.id, questionId: final, amount: 200 })
  await post(`/api/games/${g.id}/wagers`, bo.token, { playerId: bo.id, questionId: final, amount: 0 })
  await answer(ada.id, final, true)
  await answer(bo.id, final, false)
  return { g, ada, bo, cy, final, q300, q500 }
}

describe('game over', () => {
  it("ends the game with final standings, tied winners and the Final's wagers and answers, in the reply, the snapshot and one game_over event", async () => {
    const { g, ada, bo, cy, final } = await playToTheEnd()
    expect((await read(g)).status).toBe('playing')
    expect((await read(g)).result).toBeNull()
    const end = await post(`/api/games/${g.id}/end`, g.hostToken)
    expect(end.status).toBe(200)
    const result = {
      endedAt: expect.any(String),
      standings: [
        { rank: 1, playerId: ada.id, name: 'Ada', score: 500 },
        { rank: 1, playerId: bo.id, name: 'Bo', score: 500 },
        { rank: 3, playerId: cy.id, name: 'Cy', score: 100 },
      ],
      winnerIds: [ada.id, bo.id],
      final: {
        questionId: final,
        category: 'Capitals',
        prompt: 'Capital of Australia?',
        answer: 'Canberra',
        entries: [
          { playerId: ada.id, wager: 200, isCorrect: true, delta: 200 },
          { playerId: bo.id, wager: 0, isCorrect: false, delta: 0 },
          { playerId: cy.id, wager: null, isCorrect: null, delta: null },
        ],
      },
    }
    expect(end.body).toEqual({ success: true, status: 'finished', ...result })
    // Everyone sees the same result, and the Final's wagers are no longer secret.
    for (const token of [g.hostToken, g.viewToken, cy.token]) {
      const snap = await read(g, token)
      expect(snap.status).toBe('finished')
      expect(snap.result).toEqual({ ...result, endedAt: end.body.endedAt })
      expect(snap.wagers.map((w: any) => w.amount).sort()).toEqual([0, 200])
    }
    const events = await waitFor(
      async () => {
        const evs = (await s.events()).filter((e) => e.gameId === g.id && e.type === 'game_over')
        return evs.length ? evs : null
      },
      5000,
      'game_over',
    )
    expect(events).toHaveLength(1)
    expect(events[0]).toEqual({
      type: 'game_over',
      gameId: g.id,
      seq: (await read(g)).seq,
      status: 'finished',
      ...result,
      endedAt: end.body.endedAt,
    })
  })

  it('refuses every later change with 409 GAME_OVER and changes nothing', async () => {
    const { g, ada, bo, q500 } = await playToTheEnd()
    const answerId = (
      await post(`/api/games/${g.id}/answers`, g.hostToken, { playerId: ada.id, questionId: q500, isCorrect: false })
    ).body.answerId
    await post(`/api/games/${g.id}/end`, g.hostToken)
    const before = await read(g)
    const refused = [
      post(`/api/games/${g.id}/answers`, g.hostToken, { playerId: bo.id, questionId: q500, isCorrect: true }),
      s.call('DELETE', `/api/games/${g.id}/answers/${answerId}`, { token: g.hostToken }),
      s.call('PATCH', `/api/games/${g.id}/players/${ada.id}`, { token: g.hostToken, body: { score: 99999 } }),
      s.call('PATCH', `/api/questions/${q500}`, { token: g.hostToken, body: { answered: true } }),
      post(`/api/games/${g.id}/buzzer`, ada.token, { buzzerId: ada.id }),
      post(`/api/games/${g.id}/buzzer`, g.hostToken, { buzzerId: bo.id }),
      post(`/api/games/${g.id}/buzzer/reset`, g.hostToken),
      post(`/api/games/${g.id}/wagers`, ada.token, {
        playerId: ada.id,
        questionId: before.final.questionId,
        amount: 1,
      }),
      post(`/api/games/${g.id}/players`, undefined, { name: 'Latecomer' }),
    ]
    for (const r of await Promise.all(refused)) expect(code(r)).toEqual({ status: 409, code: 'GAME_OVER' })
    expect(await read(g)).toEqual(before)
  })

  it('answers ending twice with the same result and no second event', async () => {
    const { g } = await playToTheEnd()
    const ends = await Promise.all([1, 2, 3].map(() => post(`/api/games/${g.id}/end`, g.hostToken)))
    expect(ends.map((r) => r.status)).toEqual([200, 200, 200])
    expect(new Set(ends.map((r) => JSON.stringify(r.body))).size).toBe(1)
    const seq = (await read(g)).seq
    await Bun.sleep(300)
    const evs = (await s.events()).filter((e) => e.gameId === g.id && e.type === 'game_over')
    expect(evs).toHaveLength(1)
    expect(evs[0].seq).toBe(seq)
  })

  it('lets only the host end the game', async () => {
    const { g, ada } = await playToTheEnd()
    expect(code(await post(`/api/games/${g.id}/end`, undefined))).toEqual({ status: 401, code: 'UNAUTHORIZED' })
    expect(code(await post(`/api/games/${g.id}/end`, ada.token))).toEqual({ status: 403, code: 'FORBIDDEN' })
    expect(code(await post(`/api/games/${g.id}/end`, g.viewToken))).toEqual({ status: 403, code: 'FORBIDDEN' })
    expect((await read(g)).status).toBe('playing')
  })

  it('counts an answer racing the end in the final standings or refuses it with GAME_OVER, never both or neither', async () => {
    const g = await newGame(s)
    const players = await Promise.all(['P1', 'P2', 'P3', 'P4'].map((n) => join(s, g.id, n)))
    const questions = g.categories.flatMap((c) => c.questions)
    const answers = players.flatMap((p, i) =>
      questions.slice(i * 5, i * 5 + 5).map((q) => ({ playerId: p.id, questionId: q.id, isCorrect: true, points: 1 })),
    )
    const replies = await Promise.all([
      ...answers.map((body) => post(`/api/games/${g.id}/answers`, g.hostToken, body)),
      post(`/api/games/${g.id}/end`, g.hostToken),
    ])
    const end = replies.pop()!
    expect(end.status).toBe(200)
    for (const r of replies) expect([200, 409]).toContain(r.status)
    for (const r of replies.filter((r) => r.status === 409)) expect(r.body.error.code).toBe('GAME_OVER')
    for (const p of players) {
      const applied = replies.filter((r, i) => r.status === 200 && answers[i]!.playerId === p.id).length
      expect(end.body.standings.find((x: any) => x.playerId === p.id).score).toBe(applied)
    }
  })
})
