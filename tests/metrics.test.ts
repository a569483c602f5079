// Every service answers GET /metrics in Prometheus' text format with its named series after some
// traffic: the api's requests by route pattern and status, the relay's sockets, rooms, deliveries,
// drops and stream lag, the worker's moves. Real processes on a real Postgres and Redis.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { type Proc, startService, waitFor } from './support/proc.ts'
import { openSocket, startRelay, wsUrl } from './support/relay.ts'
import { type ApiSuite, join, newGame, startApiSuite } from './support/suite.ts'

let s: ApiSuite
let relay: Proc
let worker: Proc

beforeAll(async () => {
  s = await startApiSuite('metrics')
  relay = await startRelay(s.env)
  worker = await startService('worker', {
    REDIS_URL: s.env.REDIS_URL,
    REDIS_PREFIX: s.env.REDIS_PREFIX,
    API_URL: s.api.url,
    WORKER_TOKEN: s.env.WORKER_TOKEN,
    AI_MOVE_DELAY_MS: '0',
  })
})
afterAll(async () => {
  await worker?.kill()
  await relay?.kill()
  await s?.stop()
})

/** GET /metrics, checked line by line against the text exposition format; the samples by series. */
async function scrape(p: Proc): Promise<Map<string, number>> {
  const res = await fetch(`${p.url}/metrics`)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4')
  const samples = new Map<string, number>()
  for (const line of (await res.text()).split('\n')) {
    if (line === '') continue
    if (line.startsWith('#')) {
      expect(line).toMatch(/^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$/)
      continue
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (-?[0-9.e+-]+|NaN|\+Inf|-Inf)$/.exec(line)
    expect(m, line).not.toBeNull()
    samples.set(m![1]!, Number(m![2]))
  }
  return samples
}
const series = (m: Map<string, number>, prefix: string) => [...m].filter(([k]) => k.startsWith(prefix))

describe('GET /metrics', () => {
  it('on the api counts requests by route pattern and status, with a latency histogram', async () => {
    const g = await newGame(s)
    await join(s, g.id, 'Ada')
    for (let i = 0; i < 3; i++) await s.call('GET', `/api/games/${g.id}`, { token: g.hostToken })
    expect((await s.call('GET', `/api/games/${crypto.randomUUID()}`, { token: g.hostToken })).status).toBe(404)
    const m = await scrape(s.api)
    const get = 'method="GET",route="/api/games/:id"'
    expect(m.get(`gamenight_api_http_requests_total{${get},status="200"}`)).toBeGreaterThanOrEqual(3)
    expect(m.get(`gamenight_api_http_requests_total{${get},status="404"}`)).toBe(1)
    expect(m.get('gamenight_api_http_requests_total{method="POST",route="/api/games",status="201"}')).toBe(1)
    expect(m.get(`gamenight_api_http_request_duration_seconds_count{${get},status="200"}`)).toBeGreaterThanOrEqual(3)
    expect(m.get(`gamenight_api_http_request_duration_seconds_bucket{le="+Inf",${get},status="200"}`)).toBeGreaterThan(
      0,
    )
    // Route patterns, never raw paths: no game id ever becomes a label.
    expect(series(m, 'gamenight_api_http').filter(([k]) => k.includes(g.id))).toEqual([])
    expect(m.get('gamenight_api_outbox_published_total')).toBeGreaterThanOrEqual(1)
    expect(m.has('process_cpu_seconds_total')).toBe(true)
  })

  it('on the relay shows sockets, rooms, deliveries, drops and stream lag', async () => {
    const g = await newGame(s)
    const host = await openSocket(wsUrl(relay, g.id, g.hostToken))
    const tv = await openSocket(wsUrl(relay, g.id, g.viewToken))
    host.send({ type: 'select_question', questionId: g.categories[0]!.questions[0]!.id })
    host.send('not json')
    const p = await join(s, g.id, 'Bo')
    await tv.next((e) => e.type === 'player_joined' && e.playerId === p.id, 10_000, 0, 'player_joined')
    const m = await waitFor(
      async () => ((x) => (x.get('gamenight_relay_events_delivered_total') ?? 0) >= 1 && x)(await scrape(relay)),
      5000,
      'an event delivered',
    )
    expect(m.get('gamenight_relay_sockets')).toBe(2)
    expect(m.get('gamenight_relay_rooms')).toBe(1)
    expect(m.get('gamenight_relay_messages_relayed_total')).toBe(1)
    // The message to both sockets, the event to both: four deliveries.
    expect(m.get('gamenight_relay_deliveries_total')).toBe(4)
    expect(m.get('gamenight_relay_drops_total{reason="invalid"}')).toBe(1)
    expect(m.get('gamenight_relay_drops_total{reason="rate_limited"}')).toBe(0)
    expect(m.get('gamenight_relay_stream_entries_read_total')).toBeGreaterThanOrEqual(1)
    expect(m.get('gamenight_relay_stream_lag_seconds')).toBeGreaterThanOrEqual(0)
    host.ws.close()
    tv.ws.close()
  })

  it('on the worker shows the moves it made and how long they took, after it played an AI game', async () => {
    const r = await s.call('POST', '/game', {
      body: { player: 'ai', startArticle: 'Virgil', endArticle: 'Comet Hale-Bopp' },
    })
    expect(r.status).toBe(201)
    await waitFor(
      async () => (await s.call('GET', `/game/${r.body.id}`)).body.status !== 'playing',
      30_000,
      'AI game over',
    )
    const m = await scrape(worker)
    expect(m.get('gamenight_worker_moves_total')).toBeGreaterThanOrEqual(1)
    expect(m.get('gamenight_worker_move_duration_seconds_count')).toBe(m.get('gamenight_worker_moves_total'))
    expect(m.get('gamenight_worker_games_finished_total{status="won"}')).toBe(1)
    expect(m.get('gamenight_worker_in_flight')).toBeGreaterThanOrEqual(0)
    expect(m.get('gamenight_worker_dead_letters_total')).toBe(0)
    expect(m.has('nodejs_eventloop_lag_seconds')).toBe(true)
  }, 60_000)
})
