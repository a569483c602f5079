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

/** The first key of the outbox's per-game advisory locks (the second is the game id's hash). */
const OUTBOX_LOCK_SPACE = 0x6f7574 // "out"

/** One pass of drainOutbox: how many events it published, and whether more may be waiting. */
export type DrainPass = { published: number; more: boolean }

/**
 * Claims up to `limit` unpublished events (oldest first), hands them to `publish` in id order, and
 * keeps them deleted only if it succeeds: the claim is the delete itself, inside a transaction that
 * a crash or a Redis error rolls back, leaving them for the next pass (duplicates allowed, loss
 * not). Four round trips a pass (begin, games, delete … returning, commit).
 *
 * Several api replicas drain the same outbox, and each game's events must reach its backlog in seq
 * order (else every client of the game sees a gap and resyncs). Row locks alone (SKIP LOCKED) let
 * two replicas hold events of one game and publish the later ones first, so a pass first takes
 * games: among the games of the oldest `4 × limit` events, up to `limit / 4` that no other pass
 * holds (a transaction-scoped advisory lock per game, pg_try_advisory_xact_lock, never waited on).
 * Then, in a statement of its own (a fresh snapshot, so nothing the previous holder left is
 * missed), it claims those games' events in that window in id order. One game is published by one
 * replica at a time, in order; other games go to other replicas in parallel. `more`: the window,
 * the game count or the batch was full, so another pass may find events at once.
 */
export async function drainOutbox(
  sql: Sql,
  limit: number,
  publish: (rows: OutboxRow[]) => Promise<void>,
): Promise<DrainPass> {
  const window = limit * 4
  const maxGames = Math.max(1, Math.floor(limit / 4))
  return sql.begin(async (tx) => {
    const games = await tx<{ gameId: string; last: string; seen: number }[]>`
      with w as (select id, game_id from outbox order by id limit ${window}),
           c as materialized (select game_id, min(id) as first from w group by game_id order by first)
      select game_id as "gameId", (select max(id) from w) as last, (select count(*)::int from w) as seen from c
      where pg_try_advisory_xact_lock(${OUTBOX_LOCK_SPACE}, hashtext(game_id::text))
      limit ${maxGames}`
    if (games.length === 0) return { published: 0, more: false }
    const rows = await tx<OutboxRow[]>`
      delete from outbox where id in (
        select id from outbox where game_id = any(${games.map((g) => g.gameId)}::uuid[]) and id <= ${games[0]!.last}
        order by id limit ${limit} for update)
      returning id, game_id as "gameId", seq, event`
    // DELETE … RETURNING has no order of its own; a game's events go out in commit (id) order.
    rows.sort((a, b) => Number(a.id) - Number(b.id))
    if (rows.length > 0) await publish(rows)
    const more = games[0]!.seen === window || games.length === maxGames || rows.length === limit
    return { published: rows.length, more }
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
