// Wiki race persistence: articles (loaded by libs/wikigraph), games and moves. Every mutation is
// one transaction that locks the game row first, changes it with `version` bumped by exactly one,
// and records its events in the outbox (emit bumps `seq`), so a response and its broadcast agree.
import {
  badRequest,
  conflict,
  notFound,
  type WikiGameState,
  type WikiGameSummary,
  type WikiPlayer,
  type WikiStatus,
} from '@gamenight/contracts'
import type { Sql, TransactionSql } from 'postgres'
import { emit } from './outbox.ts'

type Q = Sql | TransactionSql
export type ArticleRef = { id: number; name: string; title: string; playable: boolean }
export type WikiGameAuth = { id: string; player: WikiPlayer; tokenHash: Buffer | null }

type GameRow = {
  id: string
  player: WikiPlayer
  startArticle: string
  endArticle: string
  currentArticle: string
  status: WikiStatus
  failureReason: string | null
  version: number
  seq: number
  moveCount: number
  stepLimit: number
  optimalDistance: number | null
  createdAt: Date
  updatedAt: Date
}

const gameNotFound = (id: string) => notFound('GAME_NOT_FOUND', `no game ${id}`)

async function selectGames(
  q: Q,
  where: { id?: string; player?: WikiPlayer; status?: WikiStatus },
  opts: { lock?: boolean; limit?: number; newestFirst?: boolean } = {},
) {
  return q<GameRow[]>`
    select id, player, start_article as "startArticle", end_article as "endArticle",
           current_article as "currentArticle", status, failure_reason as "failureReason", version, seq,
           move_count as "moveCount", step_limit as "stepLimit", optimal_distance as "optimalDistance",
           created_at as "createdAt", updated_at as "updatedAt"
    from wiki_games
    where true
      ${where.id !== undefined ? q`and id = ${where.id}` : q``}
      ${where.player !== undefined ? q`and player = ${where.player}` : q``}
      ${where.status !== undefined ? q`and status = ${where.status}` : q``}
    ${where.id === undefined ? (opts.newestFirst ? q`order by updated_at desc, id` : q`order by updated_at, id`) : q``}
    ${opts.limit !== undefined ? q`limit ${opts.limit}` : q``}
    ${opts.lock ? q`for update` : q``}`
}

function summary(g: GameRow): WikiGameSummary {
  return {
    id: g.id,
    player: g.player,
    startArticle: g.startArticle,
    endArticle: g.endArticle,
    currentArticle: g.currentArticle,
    isComplete: g.status === 'won',
    status: g.status,
    failureReason: g.failureReason,
    version: g.version,
    seq: g.seq,
    moveCount: g.moveCount,
    stepLimit: g.stepLimit,
    // Hidden while playing: it is a hint to a person and off-limits to the AI player.
    optimalDistance: g.status === 'playing' ? null : g.optimalDistance,
    createdAt: g.createdAt.toISOString(),
    updatedAt: g.updatedAt.toISOString(),
  }
}

// ---- articles ----------------------------------------------------------------------------------

/**
 * The article with this reading-form title, else the one whose own text writes its title this way
 * (`alias`: `AC/DC` for `AC DC`), else a unique case-insensitive match of either.
 */
export async function findArticle(q: Q, title: string): Promise<ArticleRef | null> {
  const exact = await q<ArticleRef[]>`
    select id, name, title, playable from wiki_articles where title = ${title} or alias = ${title}
    order by title = ${title} desc limit 1`
  if (exact[0]) return exact[0]
  const loose = await q<ArticleRef[]>`
    select id, name, title, playable from wiki_articles
    where lower(title) = lower(${title}) or lower(alias) = lower(${title}) limit 2`
  return loose.length === 1 ? loose[0]! : null
}

export async function readArticle(q: Q, a: ArticleRef) {
  const [row] = await q<{ text: string }[]>`select text from wiki_articles where id = ${a.id}`
  const links = await q<{ title: string }[]>`
    select t.title from wiki_links l join wiki_articles t on t.id = l.target_id
    where l.source_id = ${a.id} order by t.id`
  return { title: a.title, name: a.name, links: links.map((l) => l.title), text: row!.text, playable: a.playable }
}

/**
 * Titles that start with `query` first, then titles in which every word of `query` starts a word
 * (`war world` finds `World War II`); playable articles only; case-insensitive. The title as the
 * article's text writes it counts too (`AC/DC` finds `AC DC`); results are reading-form titles.
 */
export async function searchArticles(q: Q, query: string, limit: number): Promise<{ title: string }[]> {
  const needle = query.trim().toLowerCase()
  const like = needle.replace(/[\\%_]/g, (c) => `\\${c}`)
  const words = needle
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `\\m${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)
  if (words.length === 0) return []
  return q<{ title: string }[]>`
    select title from wiki_articles
    where playable and (lower(title) like ${`${like}%`} or lower(title) ~ all(${words}::text[])
                        or lower(alias) like ${`${like}%`} or lower(alias) ~ all(${words}::text[]))
    order by lower(title) like ${`${like}%`} or coalesce(lower(alias) like ${`${like}%`}, false) desc, length(title), title
    limit ${limit}`
}

// ---- games -------------------------------------------------------------------------------------

export async function createGame(
  tx: TransactionSql,
  g: {
    player: WikiPlayer
    start: string
    end: string
    tokenHash: Buffer | null
    stepLimit: number
    optimalDistance: number | null
  },
): Promise<string> {
  const [row] = await tx<{ id: string }[]>`
    insert into wiki_games (player, start_article, end_article, current_article, token_hash, step_limit, optimal_distance)
    values (${g.player}, ${g.start}, ${g.end}, ${g.start}, ${g.tokenHash}, ${g.stepLimit}, ${g.optimalDistance})
    returning id`
  return row!.id
}

export async function findGameAuth(q: Q, gameId: string): Promise<WikiGameAuth | null> {
  const [g] = await q<WikiGameAuth[]>`select id, player, token_hash as "tokenHash" from wiki_games where id = ${gameId}`
  return g ?? null
}

export async function loadState(q: Q, gameId: string): Promise<WikiGameState | null> {
  const [g] = await selectGames(q, { id: gameId })
  if (!g) return null
  const moves = await q<{ article: string; createdAt: Date; reason: string | null }[]>`
    select article, created_at as "createdAt", reason from wiki_moves where game_id = ${gameId} order by ply`
  return {
    ...summary(g),
    moves: moves.map((m) => ({
      article: m.article,
      timestamp: m.createdAt.toISOString(),
      ...(m.reason !== null ? { reason: m.reason } : {}),
    })),
  }
}

/** The state as of one instant: moves, version and seq agree with each other. */
export async function readState(sql: Sql, gameId: string): Promise<WikiGameState | null> {
  return sql.begin('isolation level repeatable read read only', (tx) => loadState(tx, gameId))
}

export async function listGames(
  sql: Sql,
  f: { player?: WikiPlayer; status?: WikiStatus; limit: number; newestFirst: boolean },
): Promise<WikiGameSummary[]> {
  const rows = await selectGames(
    sql,
    { player: f.player, status: f.status },
    { limit: f.limit, newestFirst: f.newestFirst },
  )
  return rows.map(summary)
}

async function lockGame(tx: TransactionSql, gameId: string): Promise<GameRow> {
  const [g] = await selectGames(tx, { id: gameId }, { lock: true })
  if (!g) throw gameNotFound(gameId)
  return g
}

/**
 * Moves the game to `to`. The same article as the last move is a no-op that returns the current
 * state (a retried request), checked before anything else so a retry after success never fails.
 * `reason` (AI moves, 1-200 characters) is stored with the move and sent in its `wiki_move`.
 */
export async function move(
  tx: TransactionSql,
  gameId: string,
  to: ArticleRef,
  expectedVersion?: number,
  reason?: string,
): Promise<WikiGameState> {
  const g = await lockGame(tx, gameId)
  if (g.moveCount > 0 && g.currentArticle === to.title) return (await loadState(tx, gameId))!
  if (g.status !== 'playing') throw conflict('GAME_OVER', `the game is over (${g.status})`)
  if (expectedVersion !== undefined && expectedVersion !== g.version) {
    throw conflict('VERSION_CONFLICT', `expected version ${expectedVersion}, but the game is at version ${g.version}`)
  }
  const [link] = await tx`
    select 1 from wiki_links l join wiki_articles s on s.id = l.source_id
    where s.title = ${g.currentArticle} and l.target_id = ${to.id}`
  if (!link) throw badRequest('NOT_A_LINK', `"${to.title}" is not linked from "${g.currentArticle}"`)

  const ply = g.moveCount + 1
  const won = to.title === g.endArticle
  const status: WikiStatus = won ? 'won' : ply >= g.stepLimit ? 'failed' : 'playing'
  const failureReason = status === 'failed' ? 'step_limit' : null
  const [m] = await tx<{ createdAt: Date }[]>`
    insert into wiki_moves (game_id, ply, article, reason) values (${gameId}, ${ply}, ${to.title}, ${reason ?? null})
    returning created_at as "createdAt"`
  const [u] = await tx<{ version: number }[]>`
    update wiki_games set current_article = ${to.title}, move_count = ${ply}, version = version + 1,
      status = ${status}, failure_reason = ${failureReason}, updated_at = now(),
      finished_at = ${status === 'playing' ? null : tx`now()`}
    where id = ${gameId} returning version`
  const version = u!.version
  await emit(tx, 'wiki_games', gameId, {
    type: 'wiki_move',
    article: to.title,
    timestamp: m!.createdAt.toISOString(),
    version,
    isComplete: won,
    status,
    moveCount: ply,
    ...(reason !== undefined ? { reason } : {}),
  })
  if (status !== 'playing') {
    await emit(tx, 'wiki_games', gameId, {
      type: 'wiki_status',
      status,
      isComplete: won,
      version,
      ...(failureReason ? { failureReason } : {}),
    })
  }
  return (await loadState(tx, gameId))!
}

/** Marks a game failed (e.g. its AI turn went to the dead-letter stream). Failing a failed game is a no-op. */
export async function failGame(tx: TransactionSql, gameId: string, reason: string): Promise<WikiGameState> {
  const g = await lockGame(tx, gameId)
  if (g.status === 'failed') return (await loadState(tx, gameId))!
  if (g.status === 'won') throw conflict('GAME_OVER', 'the game was already won')
  const [u] = await tx<{ version: number }[]>`
    update wiki_games set status = 'failed', failure_reason = ${reason}, version = version + 1,
      updated_at = now(), finished_at = now()
    where id = ${gameId} returning version`
  await emit(tx, 'wiki_games', gameId, {
    type: 'wiki_status',
    status: 'failed',
    isComplete: false,
    version: u!.version,
    failureReason: reason,
  })
  return (await loadState(tx, gameId))!
}
