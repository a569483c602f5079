// Trivia REST calls (CONTRACT §3), typed from the shared contracts. Paths are the contract's.
import {
  type AnswerBody,
  AnswerResult,
  BuzzerResetResult,
  BuzzerResult,
  ClueResult,
  type CreateGameBody,
  EndGameResult,
  GameCreated,
  PlayerJoined,
  ScoreResult,
  Snapshot,
  ToggleResult,
  type WagerBody,
  WagerResult,
} from '@gamenight/contracts'
import { createHttp, type HttpOptions } from './http.ts'

export type TriviaApi = ReturnType<typeof createTriviaApi>
const enc = encodeURIComponent

export function createTriviaApi(opts: HttpOptions) {
  const { request } = createHttp(opts)
  return {
    createGame: (body: CreateGameBody) =>
      request('POST', '/api/games', GameCreated, { body, mutation: true, token: null }),
    snapshot: (gameId: string) => request('GET', `/api/games/${enc(gameId)}`, Snapshot),
    join: (gameId: string, name: string) =>
      request('POST', `/api/games/${enc(gameId)}/players`, PlayerJoined, {
        body: { name },
        mutation: true,
        token: null,
      }),
    answer: (gameId: string, body: AnswerBody) =>
      request('POST', `/api/games/${enc(gameId)}/answers`, AnswerResult, { body, mutation: true }),
    /** Its Idempotency-Key makes a retry after a lost response return the first response. */
    undoAnswer: (gameId: string, answerId: string) =>
      request('DELETE', `/api/games/${enc(gameId)}/answers/${enc(answerId)}`, ScoreResult, { mutation: true }),
    setScore: (gameId: string, playerId: string, score: number) =>
      request('PATCH', `/api/games/${enc(gameId)}/players/${enc(playerId)}`, ScoreResult, {
        body: { score },
        mutation: true,
      }),
    toggleQuestion: (questionId: string, answered: boolean) =>
      request('PATCH', `/api/questions/${enc(questionId)}`, ToggleResult, { body: { answered }, mutation: true }),
    /** `times`: the phone's own clock at the press and when it showed the buzzers open (the fair buzzer). */
    pressBuzzer: (gameId: string, buzzerId: string, times: { pressedAt?: number; sawOpenAt?: number } = {}) =>
      request('POST', `/api/games/${enc(gameId)}/buzzer`, BuzzerResult, {
        body: { buzzerId, ...times },
        mutation: true,
      }),
    /** The clue lifecycle (host): select a clue, reveal a Daily Double or the Final, open its buzzers, close it. */
    selectClue: (gameId: string, questionId: string) =>
      request('POST', `/api/games/${enc(gameId)}/clue`, ClueResult, { body: { questionId }, mutation: true }),
    revealClue: (gameId: string) =>
      request('POST', `/api/games/${enc(gameId)}/clue/reveal`, ClueResult, { mutation: true }),
    openClue: (gameId: string) =>
      request('POST', `/api/games/${enc(gameId)}/clue/open`, ClueResult, { mutation: true }),
    closeClue: (gameId: string) =>
      request('POST', `/api/games/${enc(gameId)}/clue/close`, ClueResult, { mutation: true }),
    resetBuzzer: (gameId: string) =>
      request('POST', `/api/games/${enc(gameId)}/buzzer/reset`, BuzzerResetResult, { mutation: true }),
    /** Ends the game for good (host): final standings and winners; ending it again returns the same result. */
    endGame: (gameId: string) => request('POST', `/api/games/${enc(gameId)}/end`, EndGameResult, { mutation: true }),
    /** A Daily Double or Final wager (the player, or the host for a player); a change is a new version. */
    placeWager: (gameId: string, body: WagerBody) =>
      request('POST', `/api/games/${enc(gameId)}/wagers`, WagerResult, { body, mutation: true }),
  }
}
