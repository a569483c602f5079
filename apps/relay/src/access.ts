// Who may join a room: libs/db's access rule (roomAccess: token → role, with the game's seq), plus
// what the relay adds: a database that is down is a 503 the client retries, not a 500.
import { AppError, type Member } from '@gamenight/contracts'
import { isUnavailable, roomAccess, type Sql } from '@gamenight/db'

export type Access = Member & { gameId: string; kind: 'trivia' | 'wiki'; seq: number }

// Checks of the same token for the same game that overlap share one query: a crowd joining at once
// (every TV and spectator of a game has the game's view token) costs the database one round trip,
// and nobody gets an answer older than the moment they asked.
const inFlight = new Map<string, Promise<Access>>()

/** The joiner's role in `gameId`; throws AppError 404 (unknown game), 401 (foreign token), 503 (no database). */
export function resolveAccess(sql: Sql, gameId: string, token: string | null): Promise<Access> {
  const key = `${gameId}\n${token ?? ''}`
  let p = inFlight.get(key)
  if (!p) {
    p = check(sql, gameId, token).finally(() => inFlight.delete(key))
    inFlight.set(key, p)
  }
  return p
}

async function check(sql: Sql, gameId: string, token: string | null): Promise<Access> {
  try {
    return await roomAccess(sql, gameId, token)
  } catch (err) {
    if (err instanceof AppError) throw err
    if (isUnavailable(err)) throw new AppError(503, 'UNAVAILABLE', 'the database is unavailable; retry shortly')
    throw err
  }
}
