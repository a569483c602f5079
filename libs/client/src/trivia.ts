// A trivia game for a UI or a test: the observable state (game, players, board, buzzer, presence,
// connection, last error) kept in sync by snapshots and broadcasts, plus the game's actions.
// Actions return the API's typed result for feedback and errors; the state itself changes only
// from broadcasts and snapshots (seed: "all clients still update from broadcasts").
import type {
  AnswerBody,
  ClearQuestionMessage,
  SelectQuestionMessage,
  ShowRoundMessage,
  Snapshot,
  WagerBody,
} from '@gamenight/contracts'
import type { Backoff } from './backoff.ts'
import { createGameSync, type GameState } from './game-sync.ts'
import type { ApiResult } from './http.ts'
import { createTriviaApi } from './trivia-api.ts'
import { applyTriviaEvent, mergeTriviaSnapshot, type TriviaGame, type Viewer } from './trivia-state.ts'

export type TriviaState = GameState<TriviaGame>
export type TriviaClientOptions = {
  /** The api's origin ('' in a browser served by the api). */
  apiUrl: string
  /** The relay's origin, `ws://…` or `wss://…`. */
  relayUrl: string
  gameId: string
  /** Host, player or view token (the snapshot needs one). */
  token: string
  fetch?: typeof fetch
  WebSocket?: typeof WebSocket
  backoff?: Backoff
  /** This phone's clock (default Date.now): reported in clock pongs and buzzer presses. */
  now?: () => number
}

export type TriviaClient = ReturnType<typeof createTriviaClient>

export function createTriviaClient(o: TriviaClientOptions) {
  const api = createTriviaApi({ baseUrl: o.apiUrl, token: o.token, fetch: o.fetch })
  const sync = createGameSync<TriviaGame, Snapshot>({
    ...o,
    fetchSnapshot: () => api.snapshot(o.gameId),
    merge: mergeTriviaSnapshot,
    // The viewer decides whether a secret (null) wager amount can be learnt from the snapshot.
    apply: (game, ev) => (game ? applyTriviaEvent(game, ev, viewer()) : { game, resync: true }),
    viewerOf: (snap) => ({ role: snap.role, ...(snap.playerId ? { playerId: snap.playerId } : {}) }),
  })
  // When this screen showed the buzzers open (its own clock), for the fair buzzer: the first state
  // in which the buzzer is armed with a new version.
  const now = o.now ?? Date.now
  let sawOpen: { version: number; at: number } | null = null
  sync.subscribe((s) => {
    const b = s.game?.buzzer
    if (b?.armed && sawOpen?.version !== b.version) sawOpen = { version: b.version, at: now() }
  })
  function viewer(): Viewer {
    const s = sync.getState()
    return { role: s.role, playerId: s.playerId }
  }
  /** Records an API failure in `lastError` too, so every screen can show it without extra code. */
  const report = async <T>(p: Promise<ApiResult<T>>) => {
    const r = await p
    if (!r.ok) sync.setError({ source: 'api', ...r.error })
    return r
  }
  return {
    ...sync,
    api,
    answer: (a: AnswerBody) => report(api.answer(o.gameId, a)),
    undoAnswer: (answerId: string) => report(api.undoAnswer(o.gameId, answerId)),
    setScore: (playerId: string, score: number) => report(api.setScore(o.gameId, playerId, score)),
    toggleQuestion: (questionId: string, answered: boolean) => report(api.toggleQuestion(questionId, answered)),
    /**
     * Presses `buzzerId`'s buzzer (default: this player's own), with this phone's time of the press
     * and of the moment it showed the buzzers open (the server checks both against the measured delay).
     */
    pressBuzzer: (buzzerId?: string) => {
      const pressedAt = now()
      const armed = sync.getState().game?.buzzer
      const times = armed?.armed && sawOpen?.version === armed.version ? { pressedAt, sawOpenAt: sawOpen.at } : {}
      return report(api.pressBuzzer(o.gameId, buzzerId ?? sync.getState().playerId ?? '', times))
    },
    /** The clue lifecycle (host): `state.game.clue` follows from `clue_updated`. */
    selectClue: (questionId: string) => report(api.selectClue(o.gameId, questionId)),
    revealClue: () => report(api.revealClue(o.gameId)),
    openClue: () => report(api.openClue(o.gameId)),
    closeClue: () => report(api.closeClue(o.gameId)),
    resetBuzzer: () => report(api.resetBuzzer(o.gameId)),
    /** Ends the game (host); `state.game.status` and `result` follow from the `game_over` broadcast. */
    endGame: () => report(api.endGame(o.gameId)),
    /** Places or changes a wager; `state.game.wagers` follows from the broadcast (a Final amount via the snapshot). */
    placeWager: (w: WagerBody) => report(api.placeWager(o.gameId, w)),
    // Coordination (relayed to every screen, `state.last[type]`; host only by convention). Each
    // returns false when not connected: coordination is not queued. Schemas: contracts relay.ts.
    /** Shows a question on every screen, with what the screens display (category, value, prompt once revealed, ...). */
    selectQuestion: (questionId: string, details: Omit<SelectQuestionMessage, 'type' | 'question'> = {}) =>
      sync.send({ type: 'select_question', question: questionId, ...details } satisfies SelectQuestionMessage),
    clearQuestion: (details: Omit<ClearQuestionMessage, 'type'> = {}) =>
      sync.send({ type: 'clear_question', ...details } satisfies ClearQuestionMessage),
    showRound: (round: number, details: Omit<ShowRoundMessage, 'type' | 'round'> = {}) =>
      sync.send({ type: 'show_round', round, ...details } satisfies ShowRoundMessage),
  }
}
