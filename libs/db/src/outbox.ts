// The transactional outbox: an event is inserted in the same transaction as its mutation, with the
// game's next seq, so a committed change always has its event on record.
import type { Sql, TransactionSql } from 'postgres'

type Tx = TransactionSql | Sql
export type OutboxRow = { id: number; gameId: string; seq: number; event: Record<string, unknown> }

/** Takes the game's next seq (locking the game row) and records the event under it. */
export async function emit(
  tx: Tx,
  table: 'games' | 'wiki_games',
  gameId: string,
  event: { type: string } & Record<string, unknown>,
): Promise<number> {
  const [g] = await tx.unsafe<{ seq: number }[]>(`update ${table} set seq = seq + 1 where id = $1 returning seq`, [
    gameId,
  ])
  if (!g) throw new Error(`emit: game ${gameId} vanished inside its transaction`)
  const full = { ...event, gameId, seq: g.seq }
  await tx`insert into outbox (game_id, seq, event) values (${gameId}, ${g.seq}, ${tx.json(full as never)})`
  return g.seq
}

/** The advisory-lock namespace of "this transaction publishes this game's events" (any constant of ours). */
const PUBLISH_LOCK = 0x6e6f7574

/**
 * Claims up to `limit` unpublished events, hands them to `publish`, and deletes them only if it
 * succeeds: a crash or a Redis error leaves them in place for the next pass (duplicates allowed,
 * loss not). Several api replicas drain the same outbox, and a game's events still go out in seq
 * order: a pass takes whole games, each under a transaction-scoped advisory lock on the game, so
 * while one replica publishes a game's events no other takes any of that game's rows (its later rows
 * wait for the commit, after the publish). Games are taken oldest row first; a game another replica
 * holds is skipped for the next one (`bench outbox-replicas` measures it).
 */
export async function drainOutbox(
  sql: Sql,
  limit: number,
  publish: (rows: OutboxRow[]) => Promise<void>,
): Promise<number> {
  return sql.begin(async (tx) => {
    const head = await tx<{ gameId: string }[]>`
      select game_id as "gameId" from outbox order by id limit ${limit * 4}`
    if (head.length === 0) return 0
    // Games in the order of their oldest row, with how many of the head's rows each has.
    const counts = new Map<string, number>()
    for (const r of head) counts.set(r.gameId, (counts.get(r.gameId) ?? 0) + 1)
    const candidates = [...counts.keys()]
    const mine: string[] = []
    let rows = 0
    for (let at = 0; at < candidates.length && rows < limit; ) {
      // The next games that would fill the batch, locked in one round trip; those held elsewhere are skipped.
      const chunk: string[] = []
      for (let n = rows; at < candidates.length && n < limit; at++) {
        chunk.push(candidates[at]!)
        n += counts.get(candidates[at]!)!
      }
      const got = await tx<{ gameId: string; ok: boolean }[]>`
        select g::text as "gameId", pg_try_advisory_xact_lock(${PUBLISH_LOCK}, hashtext(g::text)) as ok
        from unnest(${chunk}::uuid[]) g`
      for (const r of got)
        if (r.ok) {
          mine.push(r.gameId)
          rows += counts.get(r.gameId) ?? 0
        }
    }
    if (mine.length === 0) return 0
    const claimed = await tx<OutboxRow[]>`
      select id, game_id as "gameId", seq, event from outbox
      where game_id = any(${mine}::uuid[]) order by id limit ${limit} for update`
    if (claimed.length === 0) return 0
    await publish(claimed)
    await tx`delete from outbox where id in ${tx(claimed.map((r) => r.id))}`
    return claimed.length
  })
}

export async function outboxBacklog(sql: Sql): Promise<number> {
  const [r] = await sql<{ n: number }[]>`select count(*)::int as n from outbox`
  return r?.n ?? 0
}

/** Stored Idempotency-Key responses older than `hours` are forgotten; a retry that late is a new request. */
export async function pruneIdempotencyKeys(sql: Sql, hours: number): Promise<number> {
  const r = await sql`delete from idempotency_keys where created_at < now() - make_interval(hours => ${hours})`
  return r.count
}
