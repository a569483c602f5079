// Whether a link's game exists, for the web pages the api serves (a bad link gets a 404 page before
// any form is filled), and the short join code a TV shows beside its QR code: the first 8 hex
// digits of the game's UUID, resolved by a primary-key range scan (no extra column).
import { isUuid, normaliseJoinCode } from '@gamenight/contracts'
import type { Sql } from './connect.ts'

/** Whether a trivia game (`games`) or a wiki race (`wiki_games`) with this id exists; a non-UUID id never does. */
export async function gameExists(sql: Sql, kind: 'trivia' | 'wiki', id: string): Promise<boolean> {
  if (!isUuid(id)) return false
  const rows =
    kind === 'trivia'
      ? await sql`select 1 from games where id = ${id}`
      : await sql`select 1 from wiki_games where id = ${id}`
  return rows.length > 0
}

/**
 * The trivia game whose id starts with a join code (contracts' `joinCode`: 8 hex digits, any case,
 * spaces and dashes ignored); null when none does, or when two do (a 1 in 4 billion chance per pair of games).
 */
export async function gameByJoinCode(sql: Sql, raw: string): Promise<string | null> {
  const code = normaliseJoinCode(raw)
  if (!code) return null
  const rows = await sql<{ id: string }[]>`
    select id from games
    where id between ${`${code}-0000-0000-0000-000000000000`} and ${`${code}-ffff-ffff-ffff-ffffffffffff`}
    limit 2`
  return rows.length === 1 ? rows[0]!.id : null
}
