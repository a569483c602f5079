// Who a token is in a game: the one access rule, used by the api (trivia and wiki routes) and the
// relay (room joins). Tokens are stored as SHA-256 digests (tokens.ts): games.host_token_hash → host,
// games.view_token_hash → spectator (the TV board), players.token_hash → player (with its id); a wiki
// game's token_hash → player (a wiki game has exactly one, so no player id); WORKER_TOKEN → worker
// (wiki games only; what the worker may do is the wiki service's rule). No token → spectator: callers
// that need one (every REST read and write) refuse it themselves. An id that is not a UUID, or no
// such game → 404 GAME_NOT_FOUND; a token that is nobody in the game → 401.
import { type AppError, isUuid, type Role as MemberRole, notFound, unauthorized } from '@gamenight/contracts'
import { LRUCache } from 'lru-cache'
import type { Sql } from './connect.ts'
import { hashToken, sameHash } from './tokens.ts'

export type Role = MemberRole | 'worker'
export type GameKind = 'trivia' | 'wiki'
/** A token's place in one game. `playerId` only for a trivia player. */
export type Access = { gameId: string; kind: GameKind; role: Role; playerId?: string }

export type TriviaAuth = { hostTokenHash: Buffer; viewTokenHash: Buffer }
export type WikiAuth = { player: 'ai' | 'human'; tokenHash: Buffer | null }
type PlayerAuth = { id: string; gameId: string }

const UNDEFINED_TABLE = '42P01'

export const gameNotFound = (gameId: string): AppError => notFound('GAME_NOT_FOUND', `no game ${gameId}`)
const foreignToken = () => unauthorized('this token does not belong to this game')

/**
 * Positive lookups kept per process: a game's token hashes and a player token's game never change
 * once created, so they take a query off every mutation's hot path. Sizes are entries (LRU).
 */
export function createAccessCache(max: { games: number; players: number } = { games: 10_000, players: 50_000 }) {
  return {
    games: new LRUCache<string, TriviaAuth>({ max: max.games }),
    players: new LRUCache<string, PlayerAuth>({ max: max.players }),
  }
}
export type AccessCache = ReturnType<typeof createAccessCache>

async function cached<V extends {}>(c: LRUCache<string, V> | undefined, key: string, load: () => Promise<V | null>) {
  const hit = c?.get(key)
  if (hit) return hit
  const v = await load()
  if (v) c?.set(key, v)
  return v
}

async function triviaGame(sql: Sql, gameId: string) {
  const [g] = await sql<(TriviaAuth & { seq: number })[]>`
    select host_token_hash as "hostTokenHash", view_token_hash as "viewTokenHash", seq from games where id = ${gameId}`
  return g ?? null
}

async function playerByToken(sql: Sql, tokenHash: Buffer): Promise<PlayerAuth | null> {
  const [p] = await sql<PlayerAuth[]>`select id, game_id as "gameId" from players where token_hash = ${tokenHash}`
  return p ?? null
}

async function wikiGame(sql: Sql, gameId: string) {
  try {
    const [g] = await sql<(WikiAuth & { seq: number })[]>`
      select player, token_hash as "tokenHash", seq from wiki_games where id = ${gameId}`
    return g ?? null
  } catch (err) {
    // A database migrated before the wiki race has no wiki_games: then there is no such game.
    if ((err as { code?: string }).code === UNDEFINED_TABLE) return null
    throw err
  }
}

/** host / spectator / player for a token of a trivia game whose auth row is `g`; throws 401 for anyone else. */
async function triviaRole(sql: Sql, gameId: string, g: TriviaAuth, token: string, cache?: AccessCache) {
  const h = hashToken(token)
  if (sameHash(h, g.hostTokenHash)) return { role: 'host' as const }
  if (sameHash(h, g.viewTokenHash)) return { role: 'spectator' as const }
  const p = await cached(cache?.players, h.toString('hex'), () => playerByToken(sql, h))
  if (p && p.gameId === gameId) return { role: 'player' as const, playerId: p.id }
  throw foreignToken()
}

/**
 * The role of `token` in wiki game `g`: its own token → player, `workerToken` → worker, anything
 * else → null (callers answer 401 or 403 as their route says). Pure: `g` is the game's auth row.
 */
export function wikiRole(g: WikiAuth, token: string, workerToken?: string): 'player' | 'worker' | null {
  const h = hashToken(token)
  if (g.tokenHash && sameHash(h, g.tokenHash)) return 'player'
  if (workerToken && sameHash(h, hashToken(workerToken))) return 'worker'
  return null
}

/**
 * A token's access to trivia game `gameId` (null token → spectator). Throws 404 GAME_NOT_FOUND for
 * a non-UUID or unknown game, 401 for a token of another game. `cache`: see createAccessCache.
 */
export async function triviaAccess(
  sql: Sql,
  gameId: string,
  token: string | null,
  cache?: AccessCache,
): Promise<Access> {
  if (!isUuid(gameId)) throw gameNotFound(gameId)
  const g = await cached(cache?.games, gameId, async () => {
    const row = await triviaGame(sql, gameId)
    return row && { hostTokenHash: row.hostTokenHash, viewTokenHash: row.viewTokenHash }
  })
  if (!g) throw gameNotFound(gameId)
  const base = { gameId, kind: 'trivia' as const }
  return token ? { ...base, ...(await triviaRole(sql, gameId, g, token, cache)) } : { ...base, role: 'spectator' }
}

/**
 * A token's access to the room of game `gameId`, trivia or wiki, with the game's current `seq` (the
 * relay's join; the relay has no WORKER_TOKEN, so the worker's token is nobody there). Null token →
 * spectator. Throws 404 GAME_NOT_FOUND, 401 for a token that is nobody in the game.
 */
export async function roomAccess(
  sql: Sql,
  gameId: string,
  token: string | null,
): Promise<Access & { role: MemberRole; seq: number }> {
  if (!isUuid(gameId)) throw gameNotFound(gameId)
  const t = await triviaGame(sql, gameId)
  if (t) {
    const base = { gameId, kind: 'trivia' as const, seq: t.seq }
    // triviaRole never answers `worker`.
    return token ? { ...base, ...(await triviaRole(sql, gameId, t, token)) } : { ...base, role: 'spectator' }
  }
  const w = await wikiGame(sql, gameId)
  if (!w) throw gameNotFound(gameId)
  const base = { gameId, kind: 'wiki' as const, seq: w.seq }
  if (!token) return { ...base, role: 'spectator' }
  if (wikiRole(w, token) !== 'player') throw foreignToken()
  return { ...base, role: 'player' }
}
