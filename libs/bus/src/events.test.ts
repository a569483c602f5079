// Per-game events on a real Redis: what the api publishes reaches a relay's game channels in order,
// only for the games it follows; what pub/sub lost is repaired from the game's backlog; a message that
// is not a frame is skipped with a warning, never a crash.
import { afterEach, beforeEach, expect, it } from 'bun:test'
import { createLogger } from '@gamenight/log'
import { waitFor } from '../../../tests/support/proc.ts'
import { testRedis } from '../../../tests/support/redis.ts'
import { publishEvents, readEvents } from './events.ts'
import { createGameChannels, type GameChannels } from './game-channels.ts'
import type { Redis } from './redis.ts'

let r: Awaited<ReturnType<typeof testRedis>>
let sub: Redis
let channels: GameChannels
let got: [string, string][]
const warnings: string[] = []
const log = createLogger('bus-test', { level: 'warn', write: (line: string) => void warnings.push(line) })
const limits = { maxLen: 1000, ttlSec: 3600 }
const g1 = crypto.randomUUID()
const g2 = crypto.randomUUID()

beforeEach(async () => {
  r = await testRedis('bus-events')
  sub = r.client.duplicate()
  sub.on('error', () => {})
  await sub.connect()
  warnings.length = 0
  got = []
  channels = createGameChannels({
    redis: r.client,
    sub,
    keys: r.keys,
    replica: 'test',
    log,
    lastTtlMs: 60_000,
    lastMaxTypes: 8,
    checkMs: 60_000,
    batch: 2,
    onEvent: (gameId, event) => void got.push([gameId, event]),
    onFrame: () => {},
  })
})
afterEach(async () => {
  channels.close()
  sub.destroy()
  await r.cleanup()
})

it('delivers the events of followed games only, in order, and skips a message that is not a frame', async () => {
  await channels.follow(g1)
  await publishEvents(r.client, r.keys, [{ gameId: g1, event: { type: 'a', seq: 1 } }], limits)
  await r.client.sPublish(r.keys.gameChannel(g1), 'not a frame') // a foreign or broken producer
  await publishEvents(
    r.client,
    r.keys,
    [
      { gameId: g2, event: { type: 'b', seq: 1 } },
      { gameId: g1, event: { type: 'c', seq: 2 } },
    ],
    limits,
  )
  await waitFor(() => got.length === 2, 3000, 'two events')
  expect(got).toEqual([
    [g1, '{"type":"a","seq":1}'],
    [g1, '{"type":"c","seq":2}'],
  ])
  expect(channels.counters).toMatchObject({ events: 2, skipped: 1 })
  expect(warnings.join('\n')).toContain('malformed channel message dropped')
  // Every event is in its game's backlog, whoever followed it.
  expect((await readEvents(r.client, r.keys)).map((e) => e.gameId).sort()).toEqual([g1, g1, g2].sort())
  expect((await readEvents(r.client, r.keys, { gameId: g2 })).map((e) => JSON.parse(e.event).type)).toEqual(['b'])
  // The backlog expires after the game's last event and stays near its cap.
  expect(await r.client.ttl(r.keys.gameEvents(g1))).toBeGreaterThan(3500)
})

it('stops receiving a game once it is unfollowed', async () => {
  await channels.follow(g1)
  channels.unfollow(g1)
  await Bun.sleep(100)
  await publishEvents(r.client, r.keys, [{ gameId: g1, event: { type: 'a', seq: 1 } }], limits)
  await Bun.sleep(300)
  expect(got).toEqual([])
  expect(channels.size).toBe(0)
})

it('repairs events pub/sub lost from the backlog, in order, each once, and reads the tail when it starts following', async () => {
  await publishEvents(r.client, r.keys, [{ gameId: g1, event: { type: 'old', seq: 1 } }], limits)
  await channels.follow(g1)
  // The tail at follow time: the welcome's seq is never older than an event published before it.
  expect(got).toEqual([[g1, '{"type":"old","seq":1}']])
  // Three events appended without a channel message (as if pub/sub dropped them in a failover).
  for (const seq of [2, 3, 4])
    await r.client.xAdd(r.keys.gameEvents(g1), '*', { gameId: g1, event: JSON.stringify({ type: 'lost', seq }) })
  await channels.check(0) // the room was silent: it reads its backlog (2 entries a read, so twice)
  await publishEvents(r.client, r.keys, [{ gameId: g1, event: { type: 'live', seq: 5 } }], limits)
  await waitFor(() => got.length === 5, 3000, 'five events')
  expect(got.map(([, e]) => JSON.parse(e).seq)).toEqual([1, 2, 3, 4, 5])
  await channels.check(0)
  expect(got).toHaveLength(5)
  expect(channels.counters.repaired).toBe(4)
})

it('waits for the replicas asked for and says how many games lacked them, publishing all the same', async () => {
  await channels.follow(g1)
  // The test Redis has no replicas: both games are short, after at most waitMs each, and still published.
  const short = await publishEvents(
    r.client,
    r.keys,
    [
      { gameId: g1, event: { type: 'a', seq: 1 } },
      { gameId: g2, event: { type: 'b', seq: 1 } },
    ],
    { ...limits, waitReplicas: 1, waitMs: 20 },
  )
  expect(short).toBe(2)
  await waitFor(() => got.length === 1, 3000, 'the event')
  expect(await publishEvents(r.client, r.keys, [{ gameId: g1, event: { type: 'c', seq: 2 } }], limits)).toBe(0)
})
