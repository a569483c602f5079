// The clue lifecycle on the server (issue 9, rules 2, 3 and 4): buzzers closed while a clue is read,
// too-early lockouts, automatic opening after the read time, reaction times from this clue's
// opening, undo of a wrong "Right" reopening the clue, wagers locked once a clue is shown, and the
// Final's wagers revealed as the host judges them.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { clueBoard } from './support/boards.ts'
import { startService, waitFor } from './support/proc.ts'
import { type ApiSuite, join, newGame, startApiSuite } from './support/suite.ts'

let s: ApiSuite
beforeAll(async () => {
  s = await startApiSuite('clue', { BUZZER_LOCKOUT_MS: '1500', TRIVIA_TICK_MS: '50' })
})
afterAll(async () => {
  await s?.stop()
})

async function setup(readTimeMs: number) {
  const g = await newGame(s, { name: 'Clues', board: clueBoard, readTimeMs })
  const snap = (await s.call('GET', `/api/games/${g.id}`, { token: g.hostToken })).body
  const [a, b, c] = [await join(s, g.id, 'Ann'), await join(s, g.id, 'Bob'), await join(s, g.id, 'Cat')]
  const host = (method: string, path: string, body?: unknown) =>
    s.call(method, `/api/games/${g.id}${path}`, { token: g.hostToken, body })
  const press = (p: { id: string; token: string }) =>
    s.call('POST', `/api/games/${g.id}/buzzer`, { token: p.token, body: { buzzerId: p.id } })
  return {
    g,
    a,
    b,
    c,
    host,
    press,
    plain: snap.categories[0].questions[0].id as string,
    dd: snap.categories[0].questions[1].id as string,
    other: snap.categories[0].questions[2].id as string,
    final: snap.final.questionId as string,
    snapshot: (token = g.hostToken) => s.call('GET', `/api/games/${g.id}`, { token }).then((r) => r.body),
  }
}

const eventsOf = async (gameId: string, type: string) =>
  (await s.events()).filter((e) => e.gameId === gameId && e.type === type)
/** The outbox publishes after commit: waits for the game's latest `type` event to match. */
const latest = (gameId: string, type: string, want: Record<string, unknown>) =>
  waitFor(
    async () => {
      const last = (await eventsOf(gameId, type)).at(-1)
      try {
        expect(last).toMatchObject(want)
        return last
      } catch {
        return null
      }
    },
    10_000,
    `${type} ${JSON.stringify(want)}`,
  )

describe('the clue lifecycle (rule 2)', () => {
  it('keeps the buzzers closed while a clue is read: a press is 409 TOO_EARLY and locks that player out', async () => {
    const t = await setup(60_000)
    const sel = await t.host('POST', '/clue', { questionId: t.plain })
    expect(sel.status).toBe(200)
    expect(sel.body).toMatchObject({ success: true, questionId: t.plain, phase: 'reading', lockedOut: [], tried: [] })
    expect(sel.body.opensInMs).toBeGreaterThan(50_000)
    const early = await t.press(t.a)
    expect(early.status).toBe(409)
    expect(early.body.error.code).toBe('TOO_EARLY')
    const snap = await t.snapshot(t.a.token)
    expect(snap.buzzer).toMatchObject({ armed: false, winnerId: null })
    expect(snap.clue.lockedOut.map((l: any) => l.playerId)).toEqual([t.a.id])
    await latest(t.g.id, 'clue_updated', { phase: 'reading', lockedOut: [{ playerId: t.a.id }] })

    const open = await t.host('POST', '/clue/open')
    expect(open.body).toMatchObject({ phase: 'open', opensAt: null })
    // Still locked out once the buzzers open; the others are not.
    const locked = await t.press(t.a)
    expect(locked.status).toBe(409)
    expect(locked.body.error.code).toBe('LOCKED_OUT')
    const won = await t.press(t.b)
    expect(won.body).toMatchObject({ success: true, won: true, winnerId: t.b.id })
    expect(won.body.reactionMs).toBeLessThan(5000)
  })

  it('opens the buzzers by themselves after the read time, announced without anyone pressing', async () => {
    const t = await setup(400)
    const sel = await t.host('POST', '/clue', { questionId: t.plain })
    expect(sel.body.phase).toBe('reading')
    const opened = await waitFor(
      async () => (await eventsOf(t.g.id, 'clue_updated')).find((e) => e.phase === 'open'),
      10_000,
      'clue_updated open from the ticker',
    )
    // The opening instant is the scheduled one (opens_at), whenever the ticker announced it.
    expect(opened.openedAt).toBe(sel.body.opensAt)
    await latest(t.g.id, 'buzzer_reset', { armed: true })
    expect((await t.snapshot()).buzzer.armed).toBe(true)
  })

  it('measures the reaction time from the moment this clue opened, not from an old arming', async () => {
    const t = await setup(0)
    // The old way: the buzzer armed long before anyone reads the clue.
    await t.host('POST', '/buzzer/reset')
    await Bun.sleep(1500)
    const sel = await t.host('POST', '/clue', { questionId: t.plain })
    expect(sel.body.phase).toBe('open')
    const r = await t.press(t.a)
    expect(r.body.won).toBe(true)
    expect(r.body.reactionMs).toBeLessThan(1000)
  })

  it('opens a clue once when many host consoles press "open" at the same instant', async () => {
    const t = await setup(60_000)
    await t.host('POST', '/clue', { questionId: t.plain })
    const before = (await t.snapshot()).buzzer.version
    const replies = await Promise.all(Array.from({ length: 8 }, () => t.host('POST', '/clue/open')))
    expect(replies.map((r) => r.status)).toEqual(Array(8).fill(200))
    expect(new Set(replies.map((r) => r.body.version)).size).toBe(1)
    expect((await t.snapshot()).buzzer).toMatchObject({ armed: true, version: before + 1 })
  })

  it('refuses lifecycle moves that do not fit: no clue, opening a hidden Daily Double, a player', async () => {
    const t = await setup(0)
    expect((await t.host('POST', '/clue/open')).body.error.code).toBe('NO_CLUE')
    expect((await t.host('POST', '/clue/close')).body.error.code).toBe('NO_CLUE')
    await t.host('POST', '/clue', { questionId: t.dd })
    const hidden = await t.host('POST', '/clue/open')
    expect(hidden.status).toBe(409)
    expect(hidden.body.error.code).toBe('CLUE_PHASE')
    const byPlayer = await s.call('POST', `/api/games/${t.g.id}/clue`, {
      token: t.a.token,
      body: { questionId: t.plain },
    })
    expect(byPlayer.status).toBe(403)
    const unknown = await t.host('POST', '/clue', { questionId: crypto.randomUUID() })
    expect(unknown.body.error.code).toBe('QUESTION_NOT_FOUND')
    const closed = await t.host('POST', '/clue/close')
    expect(closed.body).toMatchObject({ phase: 'closed' })
    expect((await t.snapshot()).clue).toMatchObject({ questionId: t.dd, phase: 'closed' })
  })
})

describe('automatic opening with several api replicas', () => {
  it('opens a due clue exactly once when the replica that selected it was killed and another runs its ticker', async () => {
    const other = await startService('api', { ...s.env, TRIVIA_TICK_MS: '50' })
    try {
      const t = await setup(800)
      const sel = await fetch(`${other.url}/api/games/${t.g.id}/clue`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.g.hostToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ questionId: t.plain }),
      }).then((r) => r.json())
      expect(sel.phase).toBe('reading')
      // The replica that selected it (and holds its timer) dies before the read time is over.
      await other.kill('SIGKILL')
      const opened = await latest(t.g.id, 'clue_updated', { phase: 'open' })
      expect(opened.openedAt).toBe(sel.opensAt)
      await Bun.sleep(300)
      const opens = (await eventsOf(t.g.id, 'clue_updated')).filter((e) => e.phase === 'open')
      expect(opens).toHaveLength(1)
      expect((await eventsOf(t.g.id, 'buzzer_reset')).filter((e) => e.armed)).toHaveLength(1)
    } finally {
      await other.kill('SIGKILL')
    }
  })
})

describe('the arbitration window under real concurrency', () => {
  it('gives the clue to exactly one of ten players pressing at once inside the window, and tells each the same winner', async () => {
    const g = await newGame(s, { name: 'Rush', board: clueBoard, readTimeMs: 0 })
    const questionId = (await s.call('GET', `/api/games/${g.id}`, { token: g.hostToken })).body.categories[0]
      .questions[0].id
    const players = []
    for (let i = 0; i < 10; i++) players.push(await join(s, g.id, `Rusher ${i}`))
    // Every phone measured at 20 ms one way (as the relay would store it): an 80 ms window.
    for (const p of players)
      await s.redis.client.hSet(
        s.redis.keys.relayClock(g.id),
        p.id,
        JSON.stringify({ offsetMs: 0, delayMs: 20, at: Date.now() }),
      )
    await s.call('POST', `/api/games/${g.id}/clue`, { token: g.hostToken, body: { questionId } })
    const replies = await Promise.all(
      players.map((p) => s.call('POST', `/api/games/${g.id}/buzzer`, { token: p.token, body: { buzzerId: p.id } })),
    )
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(200))
    const winners = replies.filter((r) => r.body.won)
    expect(winners).toHaveLength(1)
    const winnerId = winners[0]!.body.winnerId
    expect(new Set(replies.map((r) => r.body.winnerId))).toEqual(new Set([winnerId]))
    // The winner has the smallest reaction time of the presses in the window.
    const inWindow = replies.filter((r) => r.body.version === winners[0]!.body.version)
    expect(Math.min(...inWindow.map((r) => r.body.reactionMs))).toBe(winners[0]!.body.reactionMs)
    const snap = (await s.call('GET', `/api/games/${g.id}`, { token: g.hostToken })).body
    expect(snap.buzzer).toMatchObject({ armed: false, winnerId })
  })
})

describe('a window cut short', () => {
  it('tells a press waiting in its window that nobody won when the host moves to another clue meanwhile', async () => {
    const t = await setup(60_000)
    // Measured at 200 ms one way: a 250 ms window after the first press.
    await s.redis.client.hSet(
      s.redis.keys.relayClock(t.g.id),
      t.a.id,
      JSON.stringify({ offsetMs: 0, delayMs: 200, at: Date.now() }),
    )
    await t.host('POST', '/clue', { questionId: t.plain })
    await t.host('POST', '/clue/open')
    const pending = t.press(t.a)
    await Bun.sleep(60)
    const next = await t.host('POST', '/clue', { questionId: t.other })
    expect(next.body.phase).toBe('reading')
    const r = await pending
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ won: false, winnerId: null })
    const snap = await t.snapshot()
    expect(snap.buzzer).toMatchObject({ armed: false, winnerId: null })
    await Bun.sleep(400)
    expect((await eventsOf(t.g.id, 'buzzer_pressed')).filter((e) => e.won)).toEqual([])
  })
})

describe('undo of a mistaken "Right" (rule 3)', () => {
  it('reopens the clue with the players who already tried, so the host can give the points to the right player', async () => {
    const t = await setup(0)
    await t.host('POST', '/clue', { questionId: t.plain })
    expect((await t.press(t.a)).body.won).toBe(true)
    await t.host('POST', '/answers', { playerId: t.a.id, questionId: t.plain, isCorrect: false })
    await t.host('POST', '/buzzer/reset')
    // Ann was judged on this clue: her buzzer stays locked for it.
    const again = await t.press(t.a)
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('ALREADY_TRIED')
    expect((await t.press(t.b)).body.won).toBe(true)
    const right = await t.host('POST', '/answers', { playerId: t.b.id, questionId: t.plain, isCorrect: true })
    await s.call('PATCH', `/api/questions/${t.plain}`, { token: t.g.hostToken, body: { answered: true } })
    expect((await t.snapshot()).clue).toMatchObject({ phase: 'judged', tried: [t.a.id, t.b.id] })

    const undo = await t.host('DELETE', `/answers/${right.body.answerId}`)
    expect(undo.status).toBe(200)
    const snap = await t.snapshot()
    expect(snap.clue).toMatchObject({ questionId: t.plain, phase: 'open', tried: [t.a.id, t.b.id] })
    expect(snap.categories[0].questions[0].answered).toBe(false)
    await latest(t.g.id, 'clue_updated', { phase: 'open', tried: [t.a.id, t.b.id] })
    // The right player gets the points.
    const fixed = await t.host('POST', '/answers', { playerId: t.c.id, questionId: t.plain, isCorrect: true })
    expect(fixed.status).toBe(200)
    expect(fixed.body.score).toBe(200)
    expect((await t.snapshot()).clue).toMatchObject({ phase: 'judged', tried: [t.a.id, t.b.id, t.c.id] })
  })
})

describe('wagers lock when the clue is shown (rule 4)', () => {
  it('accepts a Final wager only until the Final clue is revealed, and changes nothing after', async () => {
    const t = await setup(0)
    await t.host('POST', '/answers', { playerId: t.a.id, questionId: t.plain, isCorrect: true })
    const sel = await t.host('POST', '/clue', { questionId: t.final })
    expect(sel.body.phase).toBe('wagering')
    const w = await s.call('POST', `/api/games/${t.g.id}/wagers`, {
      token: t.a.token,
      body: { playerId: t.a.id, questionId: t.final, amount: 100 },
    })
    expect(w.status).toBe(200)
    expect((await t.host('POST', '/clue/reveal')).body.phase).toBe('reading')
    const late = await s.call('POST', `/api/games/${t.g.id}/wagers`, {
      token: t.a.token,
      body: { playerId: t.a.id, questionId: t.final, amount: 200 },
    })
    expect(late.status).toBe(409)
    expect(late.body.error.code).toBe('WAGER_LOCKED')
    const hostLate = await t.host('POST', '/wagers', { playerId: t.b.id, questionId: t.final, amount: 0 })
    expect(hostLate.body.error.code).toBe('WAGER_LOCKED')
    const snap = await t.snapshot()
    expect(snap.wagers).toEqual([{ playerId: t.a.id, questionId: t.final, amount: 100, version: 1 }])
  })

  it('never accepts a Final wager after the reveal, even twenty racing it', async () => {
    const t = await setup(0)
    await t.host('POST', '/answers', { playerId: t.a.id, questionId: t.plain, isCorrect: true })
    await t.host('POST', '/clue', { questionId: t.final })
    const wagers = Array.from({ length: 20 }, (_, i) =>
      s.call('POST', `/api/games/${t.g.id}/wagers`, {
        token: t.a.token,
        body: { playerId: t.a.id, questionId: t.final, amount: i },
      }),
    )
    const [reveal, ...replies] = await Promise.all([t.host('POST', '/clue/reveal'), ...wagers])
    expect(reveal!.status).toBe(200)
    const accepted = replies.filter((r) => r.status === 200)
    const locked = replies.filter((r) => r.status === 409 && r.body.error.code === 'WAGER_LOCKED')
    expect(accepted.length + locked.length).toBe(20)
    // Commit order (seq): every accepted wager went out before the reveal, none after.
    const revealed = await latest(t.g.id, 'clue_updated', { phase: 'reading' })
    const placed = await waitFor(
      async () => {
        const ev = await eventsOf(t.g.id, 'wager_placed')
        return ev.length === accepted.length ? ev : null
      },
      10_000,
      'every accepted wager broadcast',
    )
    expect(placed.every((e) => e.seq < revealed.seq)).toBe(true)
    const stored = (await t.snapshot()).wagers
    if (accepted.length === 0) expect(stored).toEqual([])
    else
      expect(stored).toEqual([
        { playerId: t.a.id, questionId: t.final, amount: expect.any(Number), version: accepted.length },
      ])
  })

  it('accepts a Daily Double wager only until its clue is shown', async () => {
    const t = await setup(0)
    await t.host('POST', '/clue', { questionId: t.dd })
    const w = await t.host('POST', '/wagers', { playerId: t.a.id, questionId: t.dd, amount: 300 })
    expect(w.status).toBe(200)
    await t.host('POST', '/clue/reveal')
    const late = await t.host('POST', '/wagers', { playerId: t.a.id, questionId: t.dd, amount: 400 })
    expect(late.status).toBe(409)
    expect(late.body.error.code).toBe('WAGER_LOCKED')
    const judged = await t.host('POST', '/answers', { playerId: t.a.id, questionId: t.dd, isCorrect: true })
    expect(judged.body.score).toBe(300)
    expect((await t.snapshot()).clue.phase).toBe('judged')
  })

  it('reveals each Final wager and answer to the room as the host judges that player', async () => {
    const t = await setup(0)
    await t.host('POST', '/answers', { playerId: t.a.id, questionId: t.plain, isCorrect: true })
    await t.host('POST', '/answers', { playerId: t.b.id, questionId: t.other, isCorrect: true })
    await t.host('POST', '/clue', { questionId: t.final })
    await t.host('POST', '/wagers', { playerId: t.a.id, questionId: t.final, amount: 150 })
    await t.host('POST', '/wagers', { playerId: t.b.id, questionId: t.final, amount: 500 })
    await t.host('POST', '/clue/reveal')
    // Before judging, Cat sees neither amount.
    expect((await t.snapshot(t.c.token)).wagers.map((w: any) => w.amount)).toEqual([null, null])
    await t.host('POST', '/answers', { playerId: t.a.id, questionId: t.final, isCorrect: false })
    await latest(t.g.id, 'wager_revealed', {
      playerId: t.a.id,
      questionId: t.final,
      amount: 150,
      isCorrect: false,
      delta: -150,
    })
    expect(await eventsOf(t.g.id, 'wager_revealed')).toHaveLength(1)
    const cat = await t.snapshot(t.c.token)
    const amount = (id: string) => cat.wagers.find((w: any) => w.playerId === id).amount
    expect(amount(t.a.id)).toBe(150)
    expect(amount(t.b.id)).toBeNull()
    expect(cat.finalJudgements).toEqual([{ playerId: t.a.id, amount: 150, isCorrect: false, delta: -150 }])
  })
})
