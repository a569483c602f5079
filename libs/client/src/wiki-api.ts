// Wiki race REST calls (CONTRACT §4), typed from the shared contracts: the browser's and tests' calls,
// and the AI worker's (with WORKER_TOKEN as the token: its move, fail, the list of games to sweep).
import {
  ArticleSearchResult,
  ArticleView,
  type CreateWikiGameBody,
  WikiGameCreated,
  WikiGameList,
  WikiGameState,
  type WikiPlayer,
  type WikiStatus,
  type WorkerMoveBody,
} from '@gamenight/contracts'
import { Type as t } from '@sinclair/typebox'
import { createHttp, type HttpOptions } from './http.ts'

/** Filters of `GET /game`; `limit` 1..1000 (the api's default 50). */
export type WikiGameFilter = {
  player?: WikiPlayer
  status?: WikiStatus
  order?: 'oldest' | 'newest'
  limit?: number
}

export type WikiApi = ReturnType<typeof createWikiApi>
const enc = encodeURIComponent

export function createWikiApi(opts: HttpOptions) {
  const { request } = createHttp(opts)
  return {
    createGame: (body: CreateWikiGameBody) =>
      request('POST', '/game', WikiGameCreated, { body, mutation: true, token: null }),
    getGame: (gameId: string) => request('GET', `/game/${enc(gameId)}`, WikiGameState, { token: null }),
    /** A human move with the game's token; `expectedVersion` turns a stale click into 409 VERSION_CONFLICT. */
    move: (gameId: string, article: string, expectedVersion?: number) =>
      request('POST', `/game/${enc(gameId)}`, WikiGameState, {
        body: expectedVersion === undefined ? { article } : { article, expectedVersion },
        mutation: true,
      }),
    searchArticles: (q: string) => request('GET', `/articles?q=${enc(q)}`, ArticleSearchResult, { token: null }),
    article: (title: string) => request('GET', `/articles/${enc(title)}`, ArticleView, { token: null }),
    /** Games by filter, most recently changed first unless `order: 'oldest'` (the worker's sweeper). */
    listGames: (f: WikiGameFilter = {}) => {
      const q = new URLSearchParams(Object.entries(f).map(([k, v]) => [k, String(v)]))
      return request('GET', `/game${q.size ? `?${q}` : ''}`, WikiGameList)
    },
    /** The AI worker's move (WORKER_TOKEN). The same article as the last move is a no-op (the seed's idempotency). */
    workerMove: (gameId: string, body: WorkerMoveBody) =>
      request('PATCH', `/game/${enc(gameId)}`, WikiGameState, { body }),
    /** Gives up an AI game with `reason` (cut to the api's 500 characters; WORKER_TOKEN). Failing a failed game is a no-op, a won one 409. */
    fail: (gameId: string, reason: string) =>
      request('POST', `/game/${enc(gameId)}/fail`, WikiGameState, {
        body: { reason: reason.slice(0, 500) },
        mutation: true,
      }),
    /** `GET /healthz`: the api process answers. */
    health: () => request('GET', '/healthz', t.Object({ status: t.String() }), { token: null }),
  }
}
