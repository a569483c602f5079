// Loop mechanics of the turn consumer on a real Redis with a fake step (no api): requeue until
// done, reclaim from a dead consumer, dead letter once, NOGROUP repair, hand back on close.

import { afterEach, beforeEach, describe, expect, it } from 'bun:test'
import { createAiTurns, enqueueAiTurn, keys, listAiTurns, type Redis, readAiDeadLetters } from '@gamenight/bus'
import { ApiCallError } from '@gamenight/client'
import { createLogger } from '@gamenight/log'
import { waitFor } from '../../../tests/support/proc.ts'
import { testRedis } from '../../../tests/support/redis.ts'
import { createConsumer } from './consumer.ts'
import { createMetrics } from './metrics.ts'
import { type Step, sleep } from './step.ts'
import { createSweeper } from './sweeper.ts'

const log = createLogger('worker-test', { level: 'error' })
let r: Awaited<ReturnType<typeof testRedis>>
let reader: Redis
const stops: (() => Promise<unknown>)[] = []

beforeEach(async () => {
  r = await testRedis('worker-loop')
  reader = r.client.duplicate()
  reader.on('error', () => {})
  await reader.connect()
})
afterEach(async () => {
  for (const s of stops.splice(0)) await s()
  await reader.close()
  await r.cleanup()
})

function start(
  step: Step,
  opts: {
    claimIdleMs?: number
    maxDeliveries?: number
    consumer?: string
    fail?: (id: string, reason: string) => Promise<unknown>
    admit?: (inFlight: number) => boolean
  } = {},
) {
  const k = keys(r.prefix)
  const metrics = createMetrics()
  const turns = createAiTurns(r.client, k, opts.consumer ?? `c-${crypto.randomUUID().slice(0, 6)}`)
  const consumer = createConsumer({
    reader,
    turns,
    step,
    // Only the outcome matters to the consumer, not the game the api answers with.
    api: {
      fail: async (id, reason) => {
        await opts.fail?.(id, reason)
        return { ok: true, value: {} as never, status: 200 }
      },
    },
    log,
    metrics,
    concurrency: 4,
    blockMs: 100,
    claimIdleMs: opts.claimIdleMs ?? 300,
    maxDeliveries: opts.maxDeliveries ?? 3,
    admit: opts.admit,
  })
  void consumer.start()
  stops.push(() => consumer.close(2000))
  return { consumer, turns, metrics, k }
}

// Game ids are UUIDs (AiTurnEntry); these name games the fake step plays.
const [g1, g2, orphan, poison, fine, before, after, held, queued, lost1, lost2] = Array.from(
  { length: 11 },
  (): string => crypto.randomUUID(),
) as [string, string, string, string, string, string, string, string, string, string, string]
const enqueue = (gameId: string) => enqueueAiTurn(r.client, r.keys, gameId)
const gamesInStream = async () => (await listAiTurns(r.client, r.keys)).map((e) => e.gameId)

describe('turn consumer', () => {
  it('re-enqueues a game after each turn until the step says it is over, then leaves the stream empty', async () => {
    const turnsOf = new Map<string, number>()
    const step: Step = async (gameId) => {
      const n = (turnsOf.get(gameId) ?? 0) + 1
      turnsOf.set(gameId, n)
      return { requeue: n < 3, status: n < 3 ? 'playing' : 'won', moved: true }
    }
    const { k } = start(step)
    await enqueue(g1)
    await enqueue(g2)
    await waitFor(() => turnsOf.get(g1) === 3 && turnsOf.get(g2) === 3, 5000, 'three turns each')
    await waitFor(async () => (await r.client.xLen(k.aiTurns)) === 0, 2000, 'empty stream')
    const pending = await r.client.xPending(k.aiTurns, k.aiGroup)
    expect(pending.pending).toBe(0)
  })

  it('at the memory ceiling plays one turn at a time, never none, and all of them', async () => {
    let running = 0
    let most = 0
    const played: string[] = []
    const step: Step = async (gameId) => {
      most = Math.max(most, ++running)
      await sleep(30)
      running--
      played.push(gameId)
      return { requeue: false, status: 'won', moved: true }
    }
    // The ceiling (memory-ceiling.ts) admits a new turn only when nothing is in flight.
    start(step, { admit: (inFlight) => inFlight === 0 })
    const games = Array.from({ length: 6 }, () => crypto.randomUUID())
    for (const g of games) await enqueue(g)
    await waitFor(() => played.length === games.length, 8000, 'every turn played')
    expect(most).toBe(1)
    expect(played.sort()).toEqual([...games].sort())
  })

  it('reclaims a turn left pending by a dead consumer after the idle timeout', async () => {
    const k = keys(r.prefix)
    await r.client.xGroupCreate(k.aiTurns, k.aiGroup, '0', { MKSTREAM: true })
    await enqueue(orphan)
    // A "worker" that reads the entry and dies without acking.
    await r.client.xReadGroup(k.aiGroup, 'dead-worker', { key: k.aiTurns, id: '>' }, { COUNT: 1 })
    const seen: string[] = []
    const { metrics } = start(
      async (g) => {
        seen.push(g)
        return { requeue: false, status: 'won', moved: true }
      },
      {
        claimIdleMs: 200,
      },
    )
    await waitFor(() => seen.includes(orphan), 5000, 'reclaimed turn')
    expect(await metrics.render()).toContain('gamenight_worker_reclaims_total 1')
    await waitFor(async () => (await r.client.xPending(k.aiTurns, k.aiGroup)).pending === 0, 2000, 'acked')
  })

  it('dead-letters a turn that keeps failing exactly once and marks its game failed with the reason', async () => {
    const failed: [string, string][] = []
    let tries = 0
    const step: Step = async (gameId) => {
      if (gameId === poison) {
        tries++
        throw new ApiCallError({ status: 500, code: 'INTERNAL', message: 'boom' })
      }
      return { requeue: false, status: 'won', moved: true }
    }
    const { k } = start(step, {
      claimIdleMs: 100,
      maxDeliveries: 2,
      fail: async (id, reason) => void failed.push([id, reason]),
    })
    await enqueue(poison)
    await enqueue(fine)
    await waitFor(async () => (await r.client.xLen(k.aiDeadLetter)) === 1, 8000, 'dead letter')
    await sleep(500) // a second dead letter would show up by now
    const dead = await readAiDeadLetters(r.client, k)
    expect(dead.length).toBe(1)
    expect(dead[0]!.gameId).toBe(poison)
    expect(tries).toBeGreaterThanOrEqual(2)
    expect(failed.length).toBe(1)
    expect(failed[0]![1]).toContain('boom')
    expect(await r.client.xLen(k.aiTurns)).toBe(0)
  })

  it('dead-letters an entry that is not an AI turn on its first delivery, without playing it, and goes on', async () => {
    const seen: string[] = []
    const { k } = start(async (g) => {
      seen.push(g)
      return { requeue: false, status: 'won', moved: true }
    })
    // Written behind the bus's back, as a buggy or foreign producer would.
    await r.client.xAdd(k.aiTurns, '*', { gameId: 'not-a-uuid' })
    await r.client.xAdd(k.aiTurns, '*', { game: g1 })
    await enqueue(fine)
    await waitFor(() => seen.includes(fine), 3000, 'the good turn')
    await waitFor(async () => (await r.client.xLen(k.aiDeadLetter)) === 2, 3000, 'two dead letters')
    const dead = await readAiDeadLetters(r.client, k)
    expect(dead.map((d) => [d.gameId, d.deliveries])).toEqual([
      ['', '1'],
      ['', '1'],
    ])
    for (const d of dead) expect(d.reason).toContain('not an AI turn entry: /gameId')
    expect(seen).toEqual([fine])
    expect(await r.client.xLen(k.aiTurns)).toBe(0)
  })

  it('recreates the stream and group after they vanish (NOGROUP) and keeps consuming', async () => {
    const seen: string[] = []
    const { k, metrics } = start(async (g) => {
      seen.push(g)
      return { requeue: false, status: 'won', moved: true }
    })
    await enqueue(before)
    await waitFor(() => seen.includes(before), 3000, 'first turn')
    await r.client.del(k.aiTurns)
    await sleep(300)
    await enqueue(after)
    await waitFor(() => seen.includes(after), 5000, 'turn after repair')
    expect(await metrics.render()).toMatch(/gamenight_worker_group_repairs_total [1-9]/)
  })

  it('on close hands back a turn not yet moved and leaves the group with nothing pending', async () => {
    let started = false
    const step: Step = async (_g, signal) => {
      started = true
      await sleep(60_000, signal)
      throw new (await import('./step.ts')).HandBack('stopping')
    }
    const { consumer, k, turns } = start(step)
    await enqueue(held)
    await waitFor(() => started, 3000, 'turn started')
    await consumer.close(2000)
    expect(await gamesInStream()).toEqual([held])
    expect((await r.client.xPending(k.aiTurns, k.aiGroup)).pending).toBe(0)
    const names = (await r.client.xInfoConsumers(k.aiTurns, k.aiGroup)).map((c) => c.name)
    expect(names).not.toContain(turns.consumer)
  })
})

describe('sweeper', () => {
  it('re-enqueues only the unfinished games that have no entry in the stream', async () => {
    const k = keys(r.prefix)
    const turns = createAiTurns(r.client, k, 'sweeper-test')
    await turns.ensureGroup()
    await enqueue(queued)
    const metrics = createMetrics()
    const sweeper = createSweeper({
      redis: r.client,
      keys: k,
      turns,
      api: {
        listGames: async () => ({
          ok: true,
          value: { games: [queued, lost1, lost2].map((id) => ({ id }) as never) },
          status: 200,
        }),
      },
      log,
      metrics,
      intervalMs: 60_000,
      claimIdleMs: 1000,
    })
    expect(await sweeper.sweep()).toBe(2)
    expect((await gamesInStream()).sort()).toEqual([queued, lost1, lost2].sort())
    // The lock holds for the interval: a second sweep right away does nothing.
    expect(await sweeper.sweep()).toBe(0)
  })
})
