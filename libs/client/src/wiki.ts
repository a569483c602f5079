// A wiki race for a UI or a test: the game (moves, current article, status) kept in sync by
// snapshots and `wiki_move` / `wiki_status` broadcasts, and the human player's move.
import type { WikiGameState } from '@gamenight/contracts'
import type { Backoff } from './backoff.ts'
import { createGameSync, type GameState } from './game-sync.ts'
import { createWikiApi } from './wiki-api.ts'
import { applyWikiEvent, mergeWikiSnapshot } from './wiki-state.ts'

export type WikiState = GameState<WikiGameState>
export type WikiClientOptions = {
  apiUrl: string
  relayUrl: string
  gameId: string
  /** The game's token for a human player's moves; none to watch. */
  token?: string | null
  fetch?: typeof fetch
  WebSocket?: typeof WebSocket
  backoff?: Backoff
}

export type WikiClient = ReturnType<typeof createWikiClient>

export function createWikiClient(o: WikiClientOptions) {
  const api = createWikiApi({ baseUrl: o.apiUrl, token: o.token ?? undefined, fetch: o.fetch })
  const sync = createGameSync<WikiGameState, WikiGameState>({
    ...o,
    fetchSnapshot: () => api.getGame(o.gameId),
    merge: mergeWikiSnapshot,
    apply: applyWikiEvent,
  })
  return {
    ...sync,
    api,
    /** Moves to `article`; refused with 409 VERSION_CONFLICT if the game moved on since this state. */
    async move(article: string) {
      const r = await api.move(o.gameId, article, sync.getState().game?.version)
      if (!r.ok) sync.setError({ source: 'api', ...r.error })
      return r
    },
  }
}
