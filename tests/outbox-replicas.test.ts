// Several api replicas drain one outbox (libs/db drainOutbox): every event goes out once, and each
// game's events go out in seq order even when the replicas work at the same time — else every
// client of the game would see a gap and resync.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { createSql, drainOutbox, type OutboxRow } from '@gamenight/db'
import { freshDatabase, type TestDb } from './support/db.ts'

let db: TestDb
beforeAll(async () => {
  db = await freshDatabase('outbox-replicas')
})
afterAll(async () => {
  await db?.drop()
})

/** `perGame` events for each of `games` new games, interleaved (ids in order seq, game) as many commits leave them. */
async function fillOutbox(games: number, perGame: number): Promise<string[]> {
  const ids = Array.from({ length: games }, () => crypto.randomUUID())
  await db.sql`
    insert into outbox (game_id, seq, event)
    select g, i, jsonb_build_object('type', 'test', 'gameId', g, 'seq', i)
    from unnest(${ids}::uuid[]) g, generate_series(1, ${perGame}::int) i
    order by i, g`
  return ids
}

async function outboxLeft(): Promise<number> {
  const [r] = await db.sql<{ n: number }[]>`select count(*)::int as n from outbox`
  return r!.n
}

describe('outbox drained by several replicas', () => {
  it("publishes every event once and each game's events in seq order while three replicas drain at once", async () => {
    const games = await fillOutbox(100, 30)
    const published: { replica: number; gameId: string; seq: number }[] = []
    // Each replica has its own connection, as api processes do; a publish takes a little while
    // (Redis), so the replicas' passes overlap.
    await Promise.all(
      [0, 1, 2].map(async (replica) => {
        const sql = createSql(db.url, { max: 1 })
        try {
          while ((await outboxLeft()) > 0) {
            await drainOutbox(sql, 200, async (rows: OutboxRow[]) => {
              await Bun.sleep(1 + Math.random() * 10)
              for (const r of rows) published.push({ replica, gameId: r.gameId, seq: Number(r.seq) })
            })
          }
        } finally {
          await sql.end()
        }
      }),
    )
    expect(published.length).toBe(games.length * 30)
    for (const g of games)
      expect(published.filter((p) => p.gameId === g).map((p) => p.seq)).toEqual(
        Array.from({ length: 30 }, (_, i) => i + 1),
      )
    // Not one replica doing it all while the others wait: games spread over the replicas.
    expect(new Set(published.map((p) => p.replica)).size).toBeGreaterThan(1)
  }, 60_000)

  it('leaves the events of a pass whose publish fails for the next pass, still in order', async () => {
    await fillOutbox(1, 5)
    const sql = createSql(db.url, { max: 1 })
    try {
      const failed = drainOutbox(sql, 200, async () => {
        throw new Error('redis away')
      })
      await expect(failed).rejects.toThrow('redis away')
      expect(await outboxLeft()).toBe(5)
      const seqs: number[] = []
      const published = await drainOutbox(sql, 200, async (rows) => {
        for (const r of rows) seqs.push(Number(r.seq))
      })
      expect(published).toBe(5)
      expect(seqs).toEqual([1, 2, 3, 4, 5])
      expect(await outboxLeft()).toBe(0)
    } finally {
      await sql.end()
    }
  })
})
