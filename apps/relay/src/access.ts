// Who may join a room: the token decides the role (CONTRACT §6). Postgres is read-only here.
// Tokens are stored as sha256 digests: games.host_token_hash → host, games.view_token_hash →
// spectator (the TV), players.token_hash → player; a wiki game's token_hash → player (no playerId:
// a wiki game has exactly one player). No token → spectator. Unknown game 404, bad token 401.
import { AppError, type Member, notFound, unauthorized } from '@gamenight/contracts'
import { hashToken as hash, isUnavailable, type Sql, sameHash as same } from '@gamenight/db'

export type Access = Member & { gameId: string; kind: 'trivia' | 'wiki'; seq: number }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const UNDEFINED_TABLE = '42P01'

const gameNotFound = (id: string) => notFound('GAME_NOT_FOUND', `no game ${id}`)
const badToken = () => unauthorized('this token does not belong to this game')

export async function resolveAccess(sql: Sql, gameId: string, token: string | null): Promise<Access> {
  if (!UUID.test(gameId)) throw gameNotFound(gameId)
  try {
    return (
      (await triviaAccess(sql, gameId, token)) ??
      (await wikiAccess(sql, gameId, token)) ??
      Promise.reject(gameNotFound(gameId))
    )
  } catch (err) {
    if (err instanceof AppError) throw err
    if (isUnavailable(err)) throw new AppError(503, 'UNAVAILABLE', 'the database is unavailable; retry shortly')
    throw err
  }
}

async function triviaAccess(sql: Sql, gameId: string, token: string | null): Promise<Access | null> {
  const [g] = await sql<{ host: Buffer; view: Buffer; seq: number }[]>`
    select host_token_hash as host, view_token_hash as view, seq from games where id = ${gameId}`
  if (!g) return null
  const base = { gameId, kind: 'trivia' as const, seq: g.seq }
  if (!token) return { ...base, role: 'spectator' }
  const h = hash(token)
  if (same(h, g.host)) return { ...base, role: 'host' }
  if (same(h, g.view)) return { ...base, role: 'spectator' }
  const [p] = await sql<{ id: string }[]>`select id from players where token_hash = ${h} and game_id = ${gameId}`
  if (p) return { ...base, role: 'player', playerId: p.id }
  throw badToken()
}

async function wikiAccess(sql: Sql, gameId: string, token: string | null): Promise<Access | null> {
  let rows: { tokenHash: Buffer | null; seq: number }[]
  try {
    rows = await sql`select token_hash as "tokenHash", seq from wiki_games where id = ${gameId}`
  } catch (err) {
    // The wiki schema may not be migrated yet on this database: then there is no such game.
    if ((err as { code?: string }).code === UNDEFINED_TABLE) return null
    throw err
  }
  const g = rows[0]
  if (!g) return null
  const base = { gameId, kind: 'wiki' as const, seq: g.seq }
  if (!token) return { ...base, role: 'spectator' }
  if (same(hash(token), g.tokenHash)) return { ...base, role: 'player' }
  throw badToken()
}
