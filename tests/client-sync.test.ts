// libs/client against a real api and real relay processes (seed's Testing list): out-of-order
// broadcasts, a relay dying during an API call, and many clients over two relays in a burst.

import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { publishEvents } from '@gamenight/bus'
import { createTriviaClient, type TriviaClient } from '@gamenight/client'
import { type Proc, waitFor } from './support/proc.ts'
import { startRelay, triviaView } from './support/relay.ts'
import { type ApiSuite, join, newGame, startApiSuite } from './support/suite.ts'

let s: ApiSuite
let relayA: Proc
let relayB: Proc
const clients: TriviaClient[] = []
beforeAll(async () => {
  s = await startApiSuite('clientsync')
  ;[relayA, relayB] = await Promise.all([startRelay(s.env), startRelay(s.env)])
})
afterAll(async () => {
  for (const c of clients) c.close()
  await Promise.all([relayA?.kill(), relayB?.kill()])
  await s?.stop()
})

const relayUrl = (r: Proc) => `ws://127.0.0.1:${r.port}`
function client(
  relay: Proc,
  gameId: string,
  token: string,
  extra: Partial<Parameters<typeof createTriviaClient>[0]> = {},
) {
  const c = createTriviaClient({
    apiUrl: s.api.url,
    relayUrl: relayUrl(relay),
    gameId,
    token,
    backoff: { baseMs: 100, maxMs: 1000 },
    ...extra,
  })
  clients.push(c)
  return c
}
async function restView(gameId: string, hostToken: string) {
  const r = await s.call('GET', `/api/games/${gameId}`, { token: hostToken })
  return triviaView(r.body)
}
const converged = (c: TriviaClient, gameId: string, hostToken: string, what: string, timeoutMs = 20000) =>
  waitFor(
    async () => {
      const st = c.getState()
      if (st.connection !== 'open' || !st.synced) return false
      return JSON.stringify(triviaView(st.game)) === JSON.stringify(await restView(gameId, hostToken))
    },
    timeoutMs,
    what,
  )

async function gameWithPlayers(n: number, body?: unknown) {
  const g = await newGame(s, body)
  const players = []
  for (let i = 0; i < n; i++) players.push(await join(s, g.id, `P${i}`))
  const questions = g.categories.flatMap((c) => c.questions)
  return { g, players, questions }
}

function shuffle<T>(xs: T[]): T[] {
  const out = xs.slice()
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

describe('client sync', () => {
  it('ends in the REST state when the broadcasts arrive shuffled and duplicated', async () => {
    const { g, players, questions } = await gameWithPlayers(3)
    const before = await s.call('GET', `/api/games/${g.id}`, { token: g.hostToken })
    const seq0 = before.body.seq
    // History the client will only ever learn from broadcasts: its snapshot reads are frozen at `before`.
    // Answers on questions 0-19 (each player answers a question once), toggles on 20-24.
    for (let i = 0; i < 30; i++) {
      const p = players[i % 3]!
      const q = questions[i % 20]!
      const r = await s.call('POST', `/api/games/${g.id}/answers`, {
        token: g.hostToken,
        body: { playerId: p.id, questionId: q.id, isCorrect: i % 4 !== 0 },
      })
      expect(r.status).toBe(200)
      if (i % 5 === 0)
        await s.call('PATCH', `/api/questions/${questions[20 + ((i / 5) % 5)]!.id}`, {
          token: g.hostToken,
          body: { answered: i % 10 === 0 },
        })
    }
    await s.call('POST', `/api/games/${g.id}/buzzer`, { token: players[1]!.token, body: { buzzerId: players[1]!.id } })
    await s.call('POST', `/api/games/${g.id}/buzzer`, { token: players[2]!.token, body: { buzzerId: players[2]!.id } })
    const final = await s.call('GET', `/api/games/${g.id}`, { token: g.hostToken })
    const events = await waitFor(
      async () => {
        const evs = (await s.events()).filter((e) => e.gameId === g.id && e.seq > seq0)
        return evs.length === final.body.seq - seq0 && evs
      },
      10000,
      'all events on the stream',
    )

    const frozenFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input)
      if ((init?.method ?? 'GET') === 'GET' && url.endsWith(`/api/games/${g.id}`)) {
        return new Response(JSON.stringify({ ...before.body, role: 'host' }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        })
      }
      return fetch(input, init)
    }) as typeof fetch
    const c = client(relayA, g.id, g.hostToken, { fetch: frozenFetch })
    await waitFor(() => c.getState().connection === 'open' && c.getState().synced, 10000, 'client open')
    expect(triviaView(c.getState().game)).toEqual(triviaView(before.body))

    const messy = shuffle([...events, ...events.filter((_, i) => i % 3 === 0), ...events.slice(-5)])
    for (const e of messy)
      await publishEvents(s.redis.client, s.redis.keys, [{ gameId: g.id, event: e }], { maxLen: 1000, ttlSec: 3600 })
    const want = triviaView(final.body)
    await waitFor(
      () => JSON.stringify(triviaView(c.getState().game)) === JSON.stringify(want),
      10000,
      'client state equals REST',
    )
    expect(triviaView(c.getState().game)).toEqual(want)
    expect(c.getState().seq).toBe(final.body.seq)
    c.close()
  })

  it('ends in the final state when its relay dies during an API call and comes back', async () => {
    const { g, players, questions } = await gameWithPlayers(2)
    const relayC = await startRelay(s.env)
    const host = client(relayC, g.id, g.hostToken)
    const watcher = client(relayC, g.id, players[0]!.token)
    await converged(watcher, g.id, g.hostToken, 'watcher synced')
    await converged(host, g.id, g.hostToken, 'host synced')
    const call = host.answer({ playerId: players[0]!.id, questionId: questions[0]!.id, isCorrect: true })
    await relayC.kill('SIGKILL')
    const r = await call
    expect(r.ok).toBe(true)
    await waitFor(() => watcher.getState().connection === 'reconnecting', 5000, 'watcher sees the drop')
    // More changes while nobody is connected: only the resync on reconnect can bring them.
    const r2 = await host.answer({ playerId: players[1]!.id, questionId: questions[1]!.id, isCorrect: false })
    expect(r2.ok).toBe(true)
    await host.toggleQuestion(questions[0]!.id, true)
    const back = await startRelay(s.env, { port: relayC.port })
    await converged(watcher, g.id, g.hostToken, 'watcher converged after the relay came back')
    await converged(host, g.id, g.hostToken, 'host converged after the relay came back')
    const p0 = watcher.getState().game!.players.find((p) => p.id === players[0]!.id)!
    expect(p0).toMatchObject({ score: questions[0]!.value, version: r.ok ? r.value.version : -1 })
    host.close()
    watcher.close()
    await back.kill()
  })

  it('keeps clients on two relays synchronized through a burst of 200 answers', async () => {
    // 12 × 10 questions, so each of the 200 answers is a player's first on its question.
    const board = {
      categories: Array.from({ length: 12 }, (_, c) => ({
        name: `C${c}`,
        questions: Array.from({ length: 10 }, (_, q) => ({ value: (q + 1) * 100, prompt: 'P', answer: 'A' })),
      })),
    }
    const { g, players, questions } = await gameWithPlayers(6, { name: 'Burst', board })
    const host = client(relayA, g.id, g.hostToken)
    const watchers = [
      ...players.slice(0, 3).map((p) => client(relayA, g.id, p.token)),
      ...players.slice(3).map((p) => client(relayB, g.id, p.token)),
      client(relayA, g.id, g.viewToken),
      client(relayB, g.id, g.viewToken),
    ]
    for (const c of [host, ...watchers])
      await waitFor(() => c.getState().connection === 'open' && c.getState().synced, 10000, 'client open')
    const jobs = Array.from(
      { length: 200 },
      (_, i) => () =>
        host.answer({
          playerId: players[i % players.length]!.id,
          questionId: questions[Math.floor(i / players.length)]!.id,
          isCorrect: i % 3 !== 0,
        }),
    )
    const results = []
    while (jobs.length) results.push(...(await Promise.all(jobs.splice(0, 25).map((j) => j()))))
    expect(results.every((r) => r.ok)).toBe(true)
    for (const c of [host, ...watchers])
      await converged(c, g.id, g.hostToken, 'client converged after the burst', 30000)
    // Every client saw the burst through broadcasts: its seq reached the game's.
    const final = await s.call('GET', `/api/games/${g.id}`, { token: g.hostToken })
    for (const c of watchers) expect(c.getState().seq).toBe(final.body.seq)
  }, 60000)
})
