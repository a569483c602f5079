// The fair buzzer over the internet (issue 9, rule 2): two phones behind TCP proxies that add 200 ms
// and 10 ms each way to ALL their traffic (relay socket and api calls). The relay measures each
// phone's clock and delay over its socket; the api waits a bounded window after the first press and
// the earliest reaction time wins, with the phone's claimed times bounded by its measured delay.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { createTriviaClient, type TriviaClient } from '@gamenight/client'
import { type Proc, waitFor } from './support/proc.ts'
import { startRelay } from './support/relay.ts'
import { type ApiSuite, join, newGame, startApiSuite } from './support/suite.ts'
import { type TcpProxy, tcpProxy } from './support/tcp-proxy.ts'

const SLOW_MS = 200
const FAST_MS = 10

let s: ApiSuite
let relay: Proc
const proxies: TcpProxy[] = []
const clients: TriviaClient[] = []
beforeAll(async () => {
  s = await startApiSuite('fairbuzz', { BUZZER_WINDOW_MAX_MS: '250', BUZZER_CLOCK_TOLERANCE_MS: '40' })
  relay = await startRelay({ ...s.env, RELAY_CLOCK_PING_MS: '300' })
})
afterAll(async () => {
  for (const c of clients) c.close()
  for (const p of proxies) p.close()
  await relay?.kill()
  await s?.stop()
})

/** A phone on a link with `delayMs` each way, its clock `skewMs` off; records when it saw each arming open. */
function phone(gameId: string, token: string, delayMs: number, skewMs = 0) {
  const api = tcpProxy('127.0.0.1', s.api.port, { delayMs })
  const ws = tcpProxy('127.0.0.1', relay.port, { delayMs })
  proxies.push(api, ws)
  const now = () => Date.now() + skewMs
  const c = createTriviaClient({
    apiUrl: `http://127.0.0.1:${api.port}`,
    relayUrl: `ws://127.0.0.1:${ws.port}`,
    gameId,
    token,
    now,
    backoff: { baseMs: 100, maxMs: 1000 },
  })
  clients.push(c)
  const sawOpen = new Map<number, number>()
  c.subscribe((st) => {
    const b = st.game?.buzzer
    if (b?.armed && !sawOpen.has(b.version)) sawOpen.set(b.version, now())
  })
  return { c, now, sawOpen }
}

async function table() {
  const g = await newGame(s, {
    name: 'Remote night',
    readTimeMs: 0,
    board: {
      categories: [
        {
          name: 'Net',
          questions: [100, 200, 300].map((value) => ({ value, prompt: `p${value}`, answer: 'a' })),
        },
      ],
    },
  })
  const slowP = await join(s, g.id, 'Far away')
  const fastP = await join(s, g.id, 'Next door')
  // The far phone's clock is also 5 s ahead: offsets are measured, not assumed.
  const slow = phone(g.id, slowP.token, SLOW_MS, 5000)
  const fast = phone(g.id, fastP.token, FAST_MS)
  // Both phones measured by the relay (stored for the api), with delays that match their links.
  const clocks = await waitFor(
    async () => {
      const all = await s.redis.client.hGetAll(s.redis.keys.relayClock(g.id))
      if (!all[slowP.id] || !all[fastP.id]) return null
      return { slow: JSON.parse(all[slowP.id]!), fast: JSON.parse(all[fastP.id]!) }
    },
    20_000,
    'both phone clocks measured',
  )
  expect(clocks.slow.delayMs).toBeGreaterThanOrEqual(SLOW_MS - 5)
  expect(clocks.slow.delayMs).toBeLessThan(SLOW_MS + 150)
  expect(Math.abs(clocks.slow.offsetMs - 5000)).toBeLessThan(60)
  expect(clocks.fast.delayMs).toBeLessThan(FAST_MS + 100)
  const questions = g.categories[0]!.questions.map((q) => q.id)
  /** Selects the next clue (open at once) and waits until both phones show its buzzers open. */
  async function openClue(questionId: string) {
    const r = await s.call('POST', `/api/games/${g.id}/clue`, { token: g.hostToken, body: { questionId } })
    expect(r.body.phase).toBe('open')
    const version = (await s.call('GET', `/api/games/${g.id}`, { token: g.hostToken })).body.buzzer.version
    await waitFor(() => slow.sawOpen.has(version) && fast.sawOpen.has(version), 10_000, 'both phones see it open')
    return version as number
  }
  return { g, slowP, fastP, slow, fast, questions, openClue }
}

describe('the fair buzzer over the internet', () => {
  it('gives the clue to the player on the slow link who presses 80 ms sooner', async () => {
    const t = await table()
    await t.openClue(t.questions[0]!)
    // A human's reaction after the far phone shows it open; the near one presses 80 ms later.
    await Bun.sleep(150)
    const slowPress = t.slow.c.pressBuzzer()
    await Bun.sleep(80)
    const fastPress = t.fast.c.pressBuzzer()
    const [a, b] = await Promise.all([slowPress, fastPress])
    if (!a.ok || !b.ok) throw new Error(`press failed: ${JSON.stringify([a, b])}`)
    expect(a.value).toMatchObject({ won: true, winnerId: t.slowP.id })
    expect(b.value).toMatchObject({ won: false, winnerId: t.slowP.id })
    expect(a.value.version).toBe(b.value.version)
    // The winner's reaction is its own (about 150 ms), not its network's.
    expect(a.value.reactionMs!).toBeLessThan(b.value.reactionMs!)
    expect(a.value.reactionMs!).toBeGreaterThanOrEqual(100)
    const presses = await waitFor(
      async () => {
        const ev = (await s.events()).filter((e) => e.gameId === t.g.id && e.type === 'buzzer_pressed')
        return ev.length >= 2 ? ev : null
      },
      10_000,
      'both presses broadcast',
    )
    expect(presses.map((e) => [e.buzzerId, e.won])).toEqual([
      [t.slowP.id, true],
      [t.fastP.id, false],
    ])
  })

  it('does not give the clue to a phone that lies about its press time or when it saw the buzzers open', async () => {
    const t = await table()
    const press = (who: 'fast', times: { pressedAt: number; sawOpenAt: number }) =>
      t[who].c.api.pressBuzzer(t.g.id, t.fastP.id, times)
    for (const [i, lie] of [
      // Claims it pressed 120 ms after seeing the clue (it really pressed about 420 ms after).
      (saw: number, now: number) => ({ pressedAt: saw + 120, sawOpenAt: saw, now }),
      // Claims it saw the clue only 120 ms before its real press.
      (_saw: number, now: number) => ({ pressedAt: now, sawOpenAt: now - 120, now }),
    ].entries()) {
      const version = await t.openClue(t.questions[i]!)
      await Bun.sleep(150)
      const honest = t.slow.c.pressBuzzer()
      await Bun.sleep(80)
      const { now, ...times } = lie(t.fast.sawOpen.get(version)!, t.fast.now())
      expect(now - times.sawOpenAt).toBeGreaterThan(0)
      const [a, b] = await Promise.all([honest, press('fast', times)])
      if (!a.ok || !b.ok) throw new Error(`press failed: ${JSON.stringify([a, b])}`)
      expect(a.value).toMatchObject({ won: true, winnerId: t.slowP.id })
      expect(b.value.won).toBe(false)
      // The lie was bounded by the liar's measured delay: far from the 120 ms it claimed.
      expect(b.value.reactionMs!).toBeGreaterThan(300)
    }
  })
})
