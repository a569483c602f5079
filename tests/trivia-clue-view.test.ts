// What the current clue tells every screen (issue 9 play-test, findings 8, 9 and 11): the prompt
// once shown, the correct answer once the clue is judged or closed after it was played (never while
// it is open, nor for a clue closed unplayed), and the latest verdict, all in `clue_updated` and in
// the snapshot a reloading screen reads.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { clueBoard } from './support/boards.ts'
import { waitFor } from './support/proc.ts'
import { type ApiSuite, join, newGame, startApiSuite } from './support/suite.ts'

let s: ApiSuite
beforeAll(async () => {
  s = await startApiSuite('clueview')
})
afterAll(async () => {
  await s?.stop()
})

// No Final: only board clues are viewed here.
const board = { categories: clueBoard.categories }

async function setup(readTimeMs = 0) {
  const g = await newGame(s, { name: 'View', board, readTimeMs })
  const snap = (await s.call('GET', `/api/games/${g.id}`, { token: g.hostToken })).body
  const [a, b] = [await join(s, g.id, 'Ann'), await join(s, g.id, 'Bob')]
  const host = (method: string, path: string, body?: unknown) =>
    s.call(method, `/api/games/${g.id}${path}`, { token: g.hostToken, body })
  const [plain, dd, other] = snap.categories[0].questions.map((q: { id: string }) => q.id) as string[]
  /** The clue as a player's phone reads it (not the host). */
  const seen = async () => (await s.call('GET', `/api/games/${g.id}`, { token: a.token })).body.clue
  return { g, a, b, host, plain: plain!, dd: dd!, other: other!, seen }
}

describe('the clue every screen sees', () => {
  it('shows the prompt, keeps the answer back while open, and reveals it once judged right', async () => {
    const t = await setup()
    await t.host('POST', '/clue', { questionId: t.plain })
    expect(await t.seen()).toMatchObject({
      phase: 'open',
      prompt: 'p1',
      answer: null,
      verdict: null,
      dailyDouble: false,
    })
    await t.host('POST', '/answers', { playerId: t.a.id, questionId: t.plain, isCorrect: false })
    expect(await t.seen()).toMatchObject({
      answer: null,
      verdict: { playerId: t.a.id, isCorrect: false, delta: -200, undone: false },
    })
    await t.host('POST', '/answers', { playerId: t.b.id, questionId: t.plain, isCorrect: true })
    expect(await t.seen()).toMatchObject({
      phase: 'judged',
      answer: 'a1',
      verdict: { playerId: t.b.id, isCorrect: true, delta: 200, undone: false },
    })
    const ev = await waitFor(
      async () =>
        (await s.events()).filter((e) => e.gameId === t.g.id && e.type === 'clue_updated' && e.phase === 'judged')[0] ??
        null,
      10_000,
      'clue_updated judged',
    )
    expect(ev).toMatchObject({ answer: 'a1', prompt: 'p1', verdict: { playerId: t.b.id, isCorrect: true } })
  })

  it('says an undone answer was undone, and a new clue starts with no verdict', async () => {
    const t = await setup()
    await t.host('POST', '/clue', { questionId: t.plain })
    const wrong = await t.host('POST', '/answers', { playerId: t.a.id, questionId: t.plain, isCorrect: false })
    await t.host('DELETE', `/answers/${wrong.body.answerId}`)
    expect((await t.seen()).verdict).toMatchObject({ playerId: t.a.id, isCorrect: false, undone: true })
    await t.host('POST', '/clue', { questionId: t.other })
    expect(await t.seen()).toMatchObject({ questionId: t.other, verdict: null, answer: null })
  })

  it('reveals the answer when a played clue closes with nobody right, not when one closes unplayed', async () => {
    const t = await setup()
    await t.host('POST', '/clue', { questionId: t.plain })
    await t.host('POST', '/clue/close')
    expect(await t.seen()).toMatchObject({ phase: 'closed', answer: 'a1' })
    // Opened by mistake while still being read, then closed: the answer stays secret.
    const slow = await setup(60_000)
    await slow.host('POST', '/clue', { questionId: slow.plain })
    expect(await slow.seen()).toMatchObject({ phase: 'reading', prompt: 'p1', answer: null })
    await slow.host('POST', '/clue/close')
    expect(await slow.seen()).toMatchObject({ phase: 'closed', answer: null })
  })

  it('keeps a Daily Double hidden while wagering and after it is left unrevealed, and says it is one', async () => {
    const t = await setup()
    await t.host('POST', '/clue', { questionId: t.dd })
    expect(await t.seen()).toMatchObject({ phase: 'wagering', dailyDouble: true, prompt: null, answer: null })
    await t.host('POST', '/clue/close')
    expect(await t.seen()).toMatchObject({ phase: 'closed', prompt: null, answer: null })
  })
})
