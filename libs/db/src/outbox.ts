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

/**
 * Claims up to `limit` unpublished events (oldest first), hands them to `publish` in id order, and
 * keeps them deleted only if it succeeds: the claim is the delete itself, inside a transaction that
 * a crash or a Redis error rolls back, leaving them for the next pass (duplicates allowed, loss
 * not). Three round trips a pass (begin, delete … returning, commit). SKIP LOCKED lets several api
 * replicas drain the same outbox. Returns how many events it published.
 */
export async function drainOutbox(
  sql: Sql,
  limit: number,
  publish: (rows: OutboxRow[]) => Promise<void>,
): Promise<number> {
  return sql.begin(async (tx) => {
    const rows = await tx<OutboxRow[]>`
      delete from outbox where id in (select id from outbox order by id limit ${limit} for update skip locked)
      returning id, game_id as "gameId", seq, event`
    if (rows.length === 0) return 0
    // DELETE … RETURNING has no order of its own; a game's events go out in commit (id) order.
    rows.sort((a, b) => a.id - b.id)
    await publish(rows)
    return rows.length
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
