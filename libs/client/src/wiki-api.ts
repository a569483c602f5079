// Wiki race REST calls (CONTRACT §4), typed from the shared contracts.
import {
  ArticleSearchResult,
  ArticleView,
  type CreateWikiGameBody,
  WikiGameCreated,
  WikiGameState,
} from '@gamenight/contracts'
import { createHttp, type HttpOptions } from './http.ts'

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
  }
}
