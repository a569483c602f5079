// Wiki race use cases: who may do what, article resolution, pair selection, then one transaction
// in libs/db. Plain functions; they never see the HTTP request, only the token and the input.
import {
  badRequest,
  type CreateWikiGameBody,
  DIFFICULTY_DISTANCE,
  forbidden,
  isUuid,
  notFound,
  unauthorized,
  type WikiGameCreated,
  type WikiGameState,
  type WikiPlayer,
  type WikiStatus,
} from '@gamenight/contracts'
import { type Sql, wiki, wikiRole } from '@gamenight/db'
import type { Logger } from '@gamenight/log'
import { readingTitle } from '@gamenight/wikigraph'
import { hashToken, newToken } from '../http/auth.ts'
import { type IdempotencyKey, type Outcome, runIdempotent } from '../http/idempotency.ts'
import type { EnqueueAiTurn } from './ai-turns.ts'
import type { GraphHolder } from './graph-holder.ts'

export type Deps = {
  sql: Sql
  log: Logger
  afterCommit: () => void
  graph: GraphHolder
  stepLimit: number
  workerToken: string
  enqueueAiTurn: EnqueueAiTurn
}

const gameNotFound = (id: string) => notFound('GAME_NOT_FOUND', `no game ${id}`)

/** An article named in a request body: unknown is 400 (the request is wrong, not the URL). */
export async function bodyArticle(sql: Sql, raw: string, field: string): Promise<wiki.ArticleRef> {
  const a = await wiki.findArticle(sql, readingTitle(raw))
  if (!a)
    throw badRequest('UNKNOWN_ARTICLE', `no article "${raw}"`, [{ path: `/${field}`, message: 'unknown article' }])
  return a
}

async function gameAuth(sql: Sql, gameId: string): Promise<wiki.WikiGameAuth> {
  if (!isUuid(gameId)) throw gameNotFound(gameId)
  const g = await wiki.findGameAuth(sql, gameId)
  if (!g) throw gameNotFound(gameId)
  return g
}

/** POST /game/{id}: only the human game's own token (the role from libs/db's access rule). */
function requirePlayer(deps: Deps, g: wiki.WikiGameAuth, token: string | null) {
  if (!token) throw unauthorized()
  const role = wikiRole(g, token, deps.workerToken)
  if (role === 'player') return
  if (role === 'worker') throw forbidden('the worker moves AI games with PATCH /game/{id}')
  throw unauthorized('this token does not belong to this game')
}

/** PATCH /game/{id} and /fail: only WORKER_TOKEN, and only on AI games. */
function requireWorker(deps: Deps, g: wiki.WikiGameAuth, token: string | null) {
  if (!token) throw unauthorized()
  const role = wikiRole(g, token, deps.workerToken)
  if (role === 'worker') {
    if (g.player !== 'ai') throw forbidden('a human game is moved only by its player')
    return
  }
  if (role === 'player') throw forbidden('a player token cannot act as the worker; use POST /game/{id}')
  throw unauthorized('WORKER_TOKEN required')
}

async function pickPair(deps: Deps, input: CreateWikiGameBody) {
  const start =
    input.startArticle !== undefined ? await bodyArticle(deps.sql, input.startArticle, 'startArticle') : null
  const end = input.endArticle !== undefined ? await bodyArticle(deps.sql, input.endArticle, 'endArticle') : null
  const graph = await deps.graph.get()
  if (start && end) {
    if (start.id === end.id)
      throw badRequest('VALIDATION', 'startArticle and endArticle are the same article', [
        { path: '/endArticle', message: 'same as startArticle' },
      ])
    const d = graph.distance(start.title, end.title)
    if (d === null)
      throw badRequest('VALIDATION', `"${end.title}" cannot be reached from "${start.title}"`, [
        { path: '/endArticle', message: 'unreachable from startArticle' },
      ])
    return { start: start.title, end: end.title, optimalDistance: d }
  }
  const level = input.difficulty ?? 'medium'
  const d = typeof level === 'number' ? level : DIFFICULTY_DISTANCE[level]
  const pair = graph.randomPair(d, { start: start?.title, end: end?.title })
  if (!pair)
    throw badRequest(
      'VALIDATION',
      `no article pair found at distance ${d}${start ? ` from "${start.title}"` : end ? ` to "${end.title}"` : ''}`,
      [{ path: '/difficulty', message: 'no pair at this distance' }],
    )
  return { start: pair[0], end: pair[1], optimalDistance: d }
}

export async function createGame(
  deps: Deps,
  input: CreateWikiGameBody,
  idem: IdempotencyKey | null,
): Promise<Outcome<WikiGameCreated>> {
  const pair = await pickPair(deps, input)
  const token = input.player === 'human' ? newToken() : null
  const out = await runIdempotent(deps.sql, idem, 201, async (tx): Promise<WikiGameCreated> => {
    const id = await wiki.createGame(tx, {
      player: input.player,
      start: pair.start,
      end: pair.end,
      tokenHash: token ? hashToken(token) : null,
      stepLimit: deps.stepLimit,
      optimalDistance: pair.optimalDistance,
    })
    const state = (await wiki.loadState(tx, id))!
    return token ? { ...state, token } : state
  })
  if (out.replayed) return out
  const state = out.body
  deps.afterCommit()
  if (input.player === 'ai') {
    try {
      await deps.enqueueAiTurn(state.id)
    } catch (err) {
      deps.log.warn('AI turn not enqueued; the worker sweeper will find the game', { gameId: state.id, err })
    }
  }
  return out
}

export async function state(deps: Deps, gameId: string): Promise<WikiGameState> {
  if (!isUuid(gameId)) throw gameNotFound(gameId)
  const s = await wiki.readState(deps.sql, gameId)
  if (!s) throw gameNotFound(gameId)
  return s
}

export async function list(
  deps: Deps,
  f: { player?: WikiPlayer; status?: WikiStatus; limit?: number; order?: 'oldest' | 'newest' },
) {
  return {
    games: await wiki.listGames(deps.sql, {
      player: f.player,
      status: f.status,
      limit: f.limit ?? 50,
      newestFirst: f.order !== 'oldest',
    }),
  }
}

async function applyMove(deps: Deps, gameId: string, article: string, expectedVersion?: number, reason?: string) {
  const to = await bodyArticle(deps.sql, article, 'article')
  const s = await deps.sql.begin((tx) => wiki.move(tx, gameId, to, expectedVersion, reason))
  deps.afterCommit()
  return s
}

export async function humanMove(
  deps: Deps,
  gameId: string,
  token: string | null,
  body: { article: string; expectedVersion?: number },
  idem: IdempotencyKey | null,
): Promise<Outcome<WikiGameState>> {
  requirePlayer(deps, await gameAuth(deps.sql, gameId), token)
  const to = await bodyArticle(deps.sql, body.article, 'article')
  const out = await runIdempotent(deps.sql, idem, 200, (tx) => wiki.move(tx, gameId, to, body.expectedVersion))
  if (!out.replayed) deps.afterCommit()
  return out
}

export async function workerMove(
  deps: Deps,
  gameId: string,
  token: string | null,
  body: { article: string; expectedVersion?: number; reason?: string },
) {
  requireWorker(deps, await gameAuth(deps.sql, gameId), token)
  return applyMove(deps, gameId, body.article, body.expectedVersion, body.reason)
}

export async function fail(deps: Deps, gameId: string, token: string | null, reason: string) {
  requireWorker(deps, await gameAuth(deps.sql, gameId), token)
  const s = await deps.sql.begin((tx) => wiki.failGame(tx, gameId, reason))
  deps.afterCommit()
  return s
}
