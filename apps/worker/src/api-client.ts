// The worker's only way to the game state: the api over HTTP (CONTRACT §4). Responses are checked
// against the few fields the worker relies on; errors become ApiError with the contract's code, and
// `transient` says whether waiting and retrying can help (network, timeouts, 502/503/504).
import { ArticleView as ArticleBody, MOVE_REASON_MAX, validate, WikiGameState } from '@gamenight/contracts'
import { type Static, Type as t } from '@sinclair/typebox'

// The fields the worker relies on, picked from the contract's schemas (defined once there). Picked
// rather than whole: the api may add fields, and the id's `uuid` format needs a format registry.
export const GameView = t.Pick(WikiGameState, [
  'startArticle',
  'endArticle',
  'currentArticle',
  'moves',
  'isComplete',
  'status',
  'version',
])
export type GameView = Static<typeof GameView>
const ArticleView = t.Pick(ArticleBody, ['title', 'links', 'text'])
const GameList = t.Object({ games: t.Array(t.Object({ id: t.String() })) })

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly transient: boolean,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export type ApiClient = ReturnType<typeof createApiClient>

export function createApiClient(opts: { baseUrl: string; workerToken: string; timeoutMs: number }) {
  const auth = { authorization: `Bearer ${opts.workerToken}` }

  async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    let res: Response
    try {
      res = await fetch(opts.baseUrl + path, {
        method,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(opts.timeoutMs),
      })
    } catch (err) {
      throw new ApiError(0, 'UNREACHABLE', `${method} ${path}: ${(err as Error).message}`, true)
    }
    const text = await res.text()
    let json: any = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {}
    if (!res.ok) {
      const code = json?.error?.code ?? `HTTP_${res.status}`
      const msg = json?.error?.message ?? text.slice(0, 200)
      throw new ApiError(
        res.status,
        code,
        `${method} ${path}: ${res.status} ${code} ${msg}`,
        [502, 503, 504].includes(res.status),
      )
    }
    return json
  }

  function game(json: unknown, what: string): GameView {
    const r = validate(GameView, json)
    if (!r.ok) throw new ApiError(200, 'BAD_RESPONSE', `${what}: unexpected game shape: ${r.message}`, false)
    return r.value
  }

  const gamePath = (id: string) => `/game/${encodeURIComponent(id)}`

  return {
    async getGame(id: string): Promise<GameView> {
      return game(await request('GET', gamePath(id)), `GET /game/${id}`)
    },
    /**
     * PATCH a move. Same article as the last move is a no-op on the api (seed's idempotency).
     * `reason` (why the AI chose it) is cut to the contract's MOVE_REASON_MAX characters.
     */
    async move(id: string, article: string, expectedVersion: number, reason?: string): Promise<GameView> {
      const body = { article, expectedVersion, ...(reason ? { reason: reason.slice(0, MOVE_REASON_MAX) } : {}) }
      return game(await request('PATCH', gamePath(id), body, auth), `PATCH /game/${id}`)
    },
    async fail(id: string, reason: string): Promise<void> {
      await request('POST', `${gamePath(id)}/fail`, { reason: reason.slice(0, 500) }, auth)
    },
    /** Ids of unfinished AI games (the sweeper's view of what should be in the stream). */
    async playingAiGames(limit: number): Promise<string[]> {
      const json = await request('GET', `/game?player=ai&status=playing&order=oldest&limit=${limit}`, undefined, auth)
      const r = validate(GameList, json)
      if (!r.ok) throw new ApiError(200, 'BAD_RESPONSE', `GET /game: unexpected shape: ${r.message}`, false)
      return r.value.games.map((g) => g.id)
    },
    /** An article in reading form, or null if the api does not know it. */
    async article(title: string): Promise<{ title: string; text: string; links: string[] } | null> {
      let json: unknown
      try {
        json = await request('GET', `/articles/${encodeURIComponent(title)}`)
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null
        throw err
      }
      const r = validate(ArticleView, json)
      if (!r.ok)
        throw new ApiError(200, 'BAD_RESPONSE', `GET /articles/${title}: unexpected shape: ${r.message}`, false)
      return r.value
    },
    async healthy(): Promise<void> {
      await request('GET', '/healthz')
    },
  }
}
