// The event stream on a real Redis: what the api publishes is what every reader delivers, in order;
// an entry that is not an event entry is skipped with a warning, never a crash.
import { afterEach, beforeEach, expect, it } from 'bun:test'
import { createLogger } from '@gamenight/log'
import { waitFor } from '../../../tests/support/proc.ts'
import { testRedis } from '../../../tests/support/redis.ts'
import { createEventReader, publishEvents, readEvents } from './events.ts'
import type { Redis } from './redis.ts'

let r: Awaited<ReturnType<typeof testRedis>>
let reader: Redis
const warnings: string[] = []
const log = createLogger('bus-test', { level: 'warn', write: (line: string) => void warnings.push(line) })

beforeEach(async () => {
  r = await testRedis('bus-events')
  reader = r.client.duplicate()
  reader.on('error', () => {})
  await reader.connect()
  warnings.length = 0
})
afterEach(async () => {
  reader.destroy()
  await r.cleanup()
})

it('delivers every published event to a reader in order and skips an entry that is not an event entry', async () => {
  const got: [string, string][] = []
  const events = createEventReader({
    redis: reader,
    keys: r.keys,
    log,
    batch: 10,
    blockMs: 100,
    deliver: (gameId, event) => void got.push([gameId, event]),
  })
  await waitFor(() => events.lastId !== null, 2000, 'reader at the tail')
  await publishEvents(r.client, r.keys, [{ gameId: 'g1', event: { type: 'a', seq: 1 } }], 1000)
  await r.client.xAdd(r.keys.events, '*', { gameId: 'g1' }) // no event: a foreign or broken producer
  await publishEvents(
    r.client,
    r.keys,
    [
      { gameId: 'g2', event: { type: 'b', seq: 1 } },
      { gameId: 'g1', event: { type: 'c', seq: 2 } },
    ],
    1000,
  )
  await waitFor(() => got.length === 3, 3000, 'three events')
  await events.close()
  expect(got).toEqual([
    ['g1', '{"type":"a","seq":1}'],
    ['g2', '{"type":"b","seq":1}'],
    ['g1', '{"type":"c","seq":2}'],
  ])
  expect([events.read, events.skipped]).toEqual([4, 1])
  expect(warnings.join('\n')).toContain('event stream entry skipped')
  expect((await readEvents(r.client, r.keys)).map((e) => e.gameId)).toEqual(['g1', 'g2', 'g1'])
})
