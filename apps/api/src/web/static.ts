// Serves the built web client (apps/web/dist) at `/`: hashed assets cached forever, index.html
// for every client route (SPA fallback), and `/config.json` telling the browser where the relay is.
// Client routes live under `/trivia` and `/race` so they never shadow the api's own paths
// (`/api`, `/game`, `/articles`, `/swagger`, `/healthz`, `/readyz`, `/metrics`). A link to a game
// or race that does not exist, a join code that names none, and an unknown address get a 404 HTML
// page with a way out (link-pages.ts) instead of the client; `/j/<code>` redirects to the game.

import { join, normalize } from 'node:path'
import { Elysia } from 'elysia'
import { errorBody, errorResponse } from '../http/errors.ts'
import { joinPage, noSuchJoinCode, noSuchRace, noSuchTriviaGame, unknownPage } from './link-pages.ts'

export type WebOptions = {
  /** Directory holding index.html and assets/ (the output of `bun run --cwd apps/web build`). */
  dir: string
  /**
   * Where browsers open the relay, as given by PUBLIC_RELAY_URL: `''` the page's own origin (an
   * ingress routes `/ws` to the relay), `:3001` the page's host on that port (local default), or a
   * full `ws(s)://host[:port]` URL.
   */
  relayUrl: string
  /** Builds the client when index.html is missing (web/build.ts); absent: answer 503 WEB_NOT_BUILT. */
  build?: () => Promise<void>
  /** Looks games up for links; absent: every game link gets the client, which then says what is wrong. */
  games?: GameLookup
}

/** Where the web pages learn whether a link's game exists (libs/db lookup.ts). */
export type GameLookup = {
  exists(kind: 'trivia' | 'wiki', id: string): Promise<boolean>
  /** The trivia game a short join code names, or null. */
  byJoinCode(code: string): Promise<string | null>
}

/** Paths of the api itself: an unknown one is answered in the contract's error JSON, never a page. */
const API_PATHS = /^\/(api|game|articles|swagger|healthz|readyz|metrics)(\/|$)/

export function webStatic(opts: WebOptions) {
  const dir = normalize(opts.dir)
  const index = () => Bun.file(join(dir, 'index.html'))

  const page = async () => {
    let file = index()
    if (!(await file.exists()) && opts.build) {
      // A fresh checkout: the first request for a page waits for the build (a few seconds).
      await opts.build().catch(() => {})
      file = index()
    }
    if (!(await file.exists())) {
      return errorResponse(
        503,
        errorBody(
          'WEB_NOT_BUILT',
          `the web client is not built (no ${join(dir, 'index.html')}): run \`bun run --cwd apps/web build\``,
        ),
      )
    }
    // Never cached: it names the current hashed assets.
    return new Response(file, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' } })
  }

  // A lookup that fails (database unavailable) serves the client, which reports what it cannot load.
  const exists = (kind: 'trivia' | 'wiki', id: string) => opts.games?.exists(kind, id).catch(() => true) ?? true
  const triviaPage = async (id: string) => ((await exists('trivia', id)) ? page() : noSuchTriviaGame(id))
  const joinByCode = async (code: string) => {
    const id = await opts.games?.byJoinCode(code).catch(() => null)
    return id ? Response.redirect(`/trivia/${id}`, 302) : noSuchJoinCode(code)
  }

  const hide = { detail: { hide: true } }
  return new Elysia({ name: 'web' })
    .get('/config.json', () => ({ relayUrl: opts.relayUrl }), {
      detail: { hide: true },
      afterHandle: ({ set }) => {
        set.headers['cache-control'] = 'no-cache'
      },
    })
    .get(
      '/assets/*',
      async ({ params }) => {
        const rel = params['*']
        const path = normalize(join(dir, 'assets', rel))
        // A path that climbs out of assets/ (../) is simply not found.
        if (!path.startsWith(`${join(dir, 'assets')}/`))
          return errorResponse(404, errorBody('NOT_FOUND', 'no such asset'))
        const file = Bun.file(path)
        if (!(await file.exists())) return errorResponse(404, errorBody('NOT_FOUND', `no asset ${rel}`))
        // Asset names carry a content hash: safe to cache for a year.
        return new Response(file, { headers: { 'cache-control': 'public, max-age=31536000, immutable' } })
      },
      hide,
    )
    .get('/', page, hide)
    .get('/index.html', page, hide)
    .get('/trivia', page, hide)
    .get('/trivia/new', page, hide)
    .get('/trivia/:id', ({ params }) => triviaPage(params.id), hide)
    .get('/trivia/:id/host', ({ params }) => triviaPage(params.id), hide)
    .get('/trivia/:id/tv', ({ params }) => triviaPage(params.id), hide)
    .get('/race', page, hide)
    .get('/race/new', page, hide)
    .get('/race/:id', async ({ params }) => ((await exists('wiki', params.id)) ? page() : noSuchRace(params.id)), hide)
    .get('/j', ({ query }) => (String(query.code ?? '').trim() ? joinByCode(String(query.code)) : joinPage()), hide)
    .get('/j/:code', ({ params }) => joinByCode(params.code), hide)
    .get(
      '/*',
      ({ path, request }) =>
        !API_PATHS.test(path) && (request.headers.get('accept') ?? '').includes('text/html')
          ? unknownPage(path)
          : errorResponse(404, errorBody('NOT_FOUND', `no route for ${path}`)),
      hide,
    )
}
