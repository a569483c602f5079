// A committed mutation's event is never lost, even when the api process dies (kill -9) between the
// database commit and the publish, or Redis is away when the commit happens.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { waitFor } from './support/proc.ts'
import { type ApiSuite, join, newGame, startApiSuite } from './support/suite.ts'

let s: ApiSuite
beforeAll(async () => {
  s = await startApiSuite('outbox')
})
afterAll(async () => {
  await s?.stop()
})

async function expectEveryCommittedVersionBroadcast(gameId: string, playerId: string) {
  const [row] = await s.db.sql<
    { version: number }[]
  >`select score_version as version from players where id = ${playerId}`
  const committed = row!.version
  // Every answer and every undo is one version.
  const [{ n }] = (await s.db.sql<
    { n: number }[]
  >`select (count(*) + count(undone_at))::int as n from answers where player_id = ${playerId}`) as any
  expect(n).toBe(committed)
  const versions = await waitFor(
    async () => {
      const v = new Set(
        (await s.events()).filter((e) => e.type === 'update_score' && e.playerId === playerId).map((e) => e.version),
      )
      return v.size >= committed ? v : null
    },
    15000,
    `${committed} update_score versions on the stream`,
  )
  for (let v = 1; v <= committed; v++) expect(versions.has(v)).toBe(true)
  // The publisher deletes rows just after their XADD succeeds, so the outbox drains a moment later.
  await waitFor(
    async () => {
      const [{ left }] = (await s.db.sql<
        { left: number }[]
      >`select count(*)::int as left from outbox where game_id = ${gameId}`) as any
      return left === 0
    },
    10000,
    'outbox drained',
  )
  return committed
}

describe('transactional outbox', () => {
  it('publishes every committed answer after the api is killed with SIGKILL mid-burst and restarted', async () => {
    const g = await newGame(s)
    const p = await join(s, g.id, 'Crashy')
    const questions = g.categories.flatMap((c) => c.questions)
    let stop = false
    // Answer and undo, over and over, each firer on a question of its own (a question scores once
    // per player until its answer is undone).
    const fire = async (_: unknown, i: number) => {
      while (!stop) {
        const a = await s
          .call('POST', `/api/games/${g.id}/answers`, {
            token: g.hostToken,
            body: { playerId: p.id, questionId: questions[i]!.id, isCorrect: true, points: 1 },
          })
          .catch(() => null)
        if (a?.status === 200)
          await s
            .call('DELETE', `/api/games/${g.id}/answers/${a.body.answerId}`, { token: g.hostToken })
            .catch(() => {})
      }
    }
    const firing = Array.from({ length: 16 }, fire)
    await waitFor(
      async () => {
        const [r] = await s.db.sql<{ v: number }[]>`select score_version as v from players where id = ${p.id}`
        return r!.v >= 100
      },
      15000,
      '100 committed answers',
    )
    const code = await s.api.kill('SIGKILL')
    expect(code).not.toBe(0)
    stop = true
    await Promise.all(firing)
    await s.restartApi()
    const committed = await expectEveryCommittedVersionBroadcast(g.id, p.id)
    expect(committed).toBeGreaterThanOrEqual(100)
  })

  it('keeps events committed while Redis is unreachable and publishes them after a kill -9 and restart', async () => {
    const g = await newGame(s)
    const p = await join(s, g.id, 'Patient')
    const questions = g.categories.flatMap((c) => c.questions)
    // Wait for the earlier events to be fully published (on the stream and deleted from the outbox).
    await waitFor(
      async () => {
        const [{ n }] = (await s.db.sql<
          { n: number }[]
        >`select count(*)::int as n from outbox where game_id = ${g.id}`) as any
        return n === 0 && (await s.events()).some((e) => e.type === 'player_joined' && e.playerId === p.id)
      },
      5000,
      'join event published',
    )
    // The api comes up on a Redis that is not there: mutations still commit, events wait in the outbox.
    await s.api.kill('SIGKILL')
    const { startService } = await import('./support/proc.ts')
    const cut = await startService(
      'api',
      { ...s.env, REDIS_URL: 'redis://127.0.0.1:1' },
      { port: s.api.port, ready: false },
    )
    await waitFor(async () => (await fetch(`${cut.url}/healthz`)).ok, 15000, 'api up without redis')
    expect((await fetch(`${cut.url}/readyz`)).status).toBe(503)
    for (let i = 0; i < 20; i++) {
      const r = await s.call('POST', `/api/games/${g.id}/answers`, {
        token: g.hostToken,
        body: { playerId: p.id, questionId: questions[i]!.id, isCorrect: true },
      })
      expect(r.status).toBe(200)
    }
    const [{ pending }] = (await s.db.sql<
      { pending: number }[]
    >`select count(*)::int as pending from outbox where game_id = ${g.id}`) as any
    expect(pending).toBe(20)
    await cut.kill('SIGKILL')
    await s.restartApi()
    expect(await expectEveryCommittedVersionBroadcast(g.id, p.id)).toBe(20)
  })
})
