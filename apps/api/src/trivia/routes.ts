// Trivia REST routes (CONTRACT §3). Thin: parse token and headers, call the service, shape the reply.
import {
  AnswerBody,
  AnswerResult,
  BuzzerBody,
  BuzzerResetResult,
  BuzzerResult,
  CreateGameBody,
  EndGameResult,
  GameCreated,
  JoinBody,
  PlayerJoined,
  ScoreResult,
  SetScoreBody,
  Snapshot,
  ToggleBody,
  ToggleResult,
  WagerBody,
  WagerResult,
} from '@gamenight/contracts'
import { Elysia, t } from 'elysia'
import { bearer, hashToken } from '../http/auth.ts'
import { AuthHeaders, errors, IdempotencyHeaders, reply } from '../http/docs.ts'
import { idempotencyKey } from '../http/idempotency.ts'
import { clueRoutes } from './clue-routes.ts'
import * as svc from './service.ts'

const GameParams = t.Object({ id: t.String() })
const scope = (token: string | null) => (token ? hashToken(token).toString('hex') : 'anonymous')
const tags = ['trivia']
const secured = [{ bearer: [] }]

export const triviaRoutes = (deps: svc.Deps) =>
  new Elysia({ name: 'trivia' })
    .use(clueRoutes(deps))
    .post(
      '/api/games',
      async ({ body, headers, set, path }) => {
        const idem = idempotencyKey(headers, 'anonymous', 'POST', path, body)
        return reply(set, await svc.createGame(deps, body, idem))
      },
      {
        body: CreateGameBody,
        headers: IdempotencyHeaders,
        response: { 201: GameCreated, ...errors(400, 413, 415, 422) },
        detail: {
          tags,
          summary: 'Create a trivia game',
          description:
            'Without `board`, the bundled sample board (5 × 5) is used. Returns the host token (keep it) and a read-only view token for a TV.',
        },
      },
    )
    .get('/api/games/:id', ({ params, headers }) => svc.snapshot(deps, params.id, bearer(headers)), {
      params: GameParams,
      headers: AuthHeaders,
      response: { 200: Snapshot, ...errors(401, 404) },
      detail: {
        tags,
        security: secured,
        summary: 'Game snapshot',
        description:
          'Players, scores and versions, the board with question states and versions, and `seq`. Prompts and answers only for the host.',
      },
    })
    .post(
      '/api/games/:id/players',
      async ({ params, body, headers, set, path }) => {
        const idem = idempotencyKey(headers, 'anonymous', 'POST', path, body)
        return reply(set, await svc.join(deps, params.id, body.name, idem))
      },
      {
        params: GameParams,
        body: JoinBody,
        headers: IdempotencyHeaders,
        response: { 201: PlayerJoined, ...errors(400, 404, 409, 413, 415, 422) },
        detail: {
          tags,
          summary: 'Join a game as a player',
          description:
            'Returns the player token. The name is normalised (NFC, trimmed, control and invisible characters removed; nothing visible left: 400 VALIDATION) and unique in the game ignoring case: 409 NAME_TAKEN with `error.suggestion` (e.g. "Alice 2"). 409 GAME_OVER once the game is over. Broadcasts `player_joined`.',
        },
      },
    )
    .post(
      '/api/games/:id/answers',
      async ({ params, body, headers, set, path }) => {
        const token = bearer(headers)
        const idem = idempotencyKey(headers, scope(token), 'POST', path, body)
        return reply(set, await svc.answer(deps, params.id, token, body, idem))
      },
      {
        params: GameParams,
        body: AnswerBody,
        headers: IdempotencyHeaders,
        response: { 200: AnswerResult, ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
        detail: {
          tags,
          security: secured,
          summary: 'Record an answer (host)',
          description:
            'Correct adds `points` (default: the wager on a Daily Double or the Final, else the question value), incorrect subtracts it. A question scores once per player: 409 PLAYER_ALREADY_ANSWERED while an earlier answer stands (undo it first), 409 QUESTION_ANSWERED once the question is marked answered. Broadcasts `update_score` with the same version.',
        },
      },
    )
    .delete(
      '/api/games/:id/answers/:answerId',
      async ({ params, headers, set, path }) => {
        const token = bearer(headers)
        const idem = idempotencyKey(headers, scope(token), 'DELETE', path, null)
        return reply(set, await svc.undoAnswer(deps, params.id, token, params.answerId, idem))
      },
      {
        params: t.Object({ id: t.String(), answerId: t.String() }),
        headers: IdempotencyHeaders,
        response: { 200: ScoreResult, ...errors(401, 403, 404, 409, 422) },
        detail: {
          tags,
          security: secured,
          summary: 'Undo an answer (host)',
          description:
            'Restores the score as a new version. Broadcasts `update_score`. With an `Idempotency-Key`, a retry after a lost response gets the first response instead of 409 ALREADY_UNDONE.',
        },
      },
    )
    .patch(
      '/api/games/:id/players/:playerId',
      async ({ params, body, headers, set }) =>
        reply(set, await svc.setScore(deps, params.id, bearer(headers), params.playerId, body.score)),
      {
        params: t.Object({ id: t.String(), playerId: t.String() }),
        body: SetScoreBody,
        headers: AuthHeaders,
        response: { 200: ScoreResult, ...errors(400, 401, 403, 404, 409, 413, 415) },
        detail: {
          tags,
          security: secured,
          summary: 'Correct a score (host)',
          description: 'Broadcasts `update_score`; setting the current score changes nothing.',
        },
      },
    )
    .patch(
      '/api/questions/:id',
      async ({ params, body, headers, set }) =>
        reply(set, await svc.toggleQuestion(deps, params.id, bearer(headers), body.answered)),
      {
        params: GameParams,
        body: ToggleBody,
        headers: AuthHeaders,
        response: { 200: ToggleResult, ...errors(400, 401, 403, 404, 409, 413, 415) },
        detail: {
          tags,
          security: secured,
          summary: 'Mark a question answered or not (host)',
          description:
            'Broadcasts `toggle_question`. Setting the state it already has changes nothing and returns the current version.',
        },
      },
    )
    .post(
      '/api/games/:id/buzzer',
      async ({ params, body, headers, set, path }) => {
        const token = bearer(headers)
        const idem = idempotencyKey(headers, scope(token), 'POST', path, body)
        return reply(set, await svc.pressBuzzer(deps, params.id, token, body, idem))
      },
      {
        params: GameParams,
        body: BuzzerBody,
        headers: IdempotencyHeaders,
        response: { 200: BuzzerResult, ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
        detail: {
          tags,
          security: secured,
          summary: 'Press a buzzer (the player, or the host for a player)',
          description:
            'While the clue is being read (buzzers closed) a press is 409 TOO_EARLY and locks the player out for BUZZER_LOCKOUT_MS (409 LOCKED_OUT meanwhile; `clue_updated.lockedOut`). ' +
            "Once open, the earliest reaction time wins: with the phones' clocks measured by the relay, the press waits out a short arbitration window (at most BUZZER_WINDOW_MAX_MS) for presses still on slower links, and `pressedAt` / `sawOpenAt` (the phone's own clock) give the reaction time, bounded by the measured delay. " +
            'Without measures the first press wins at once. Later presses answer `won: false`. Broadcasts `buzzer_pressed` (every press of the window, the winner first).',
        },
      },
    )
    .post(
      '/api/games/:id/buzzer/reset',
      async ({ params, headers, set, path }) => {
        const token = bearer(headers)
        const idem = idempotencyKey(headers, scope(token), 'POST', path, null)
        return reply(set, await svc.resetBuzzer(deps, params.id, token, idem))
      },
      {
        params: GameParams,
        headers: IdempotencyHeaders,
        response: { 200: BuzzerResetResult, ...errors(401, 403, 404, 409, 422) },
        detail: {
          tags,
          security: secured,
          summary: 'Re-arm the buzzer (host)',
          description: 'Broadcasts `buzzer_reset`.',
        },
      },
    )
    .post(
      '/api/games/:id/end',
      async ({ params, headers, set, path }) => {
        const token = bearer(headers)
        const idem = idempotencyKey(headers, scope(token), 'POST', path, null)
        return reply(set, await svc.endGame(deps, params.id, token, idem))
      },
      {
        params: GameParams,
        headers: IdempotencyHeaders,
        response: { 200: EndGameResult, ...errors(401, 403, 404, 422) },
        detail: {
          tags,
          security: secured,
          summary: 'End the game (host)',
          description:
            'The game becomes `finished` for good: final standings (ties share a rank), the winners, and the Final with every wager and judgement. Broadcasts `game_over`. Every later change to the game is 409 GAME_OVER. Ending a finished game again returns the same result and sends no event.',
        },
      },
    )
    .post(
      '/api/games/:id/wagers',
      async ({ params, body, headers, set, path }) => {
        const token = bearer(headers)
        const idem = idempotencyKey(headers, scope(token), 'POST', path, body)
        return reply(set, await svc.placeWager(deps, params.id, token, body, idem))
      },
      {
        params: GameParams,
        body: WagerBody,
        headers: IdempotencyHeaders,
        response: { 200: WagerResult, ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
        detail: {
          tags,
          security: secured,
          summary: 'Place or change a wager on a Daily Double or the Final (the player, or the host for a player)',
          description:
            "Daily Double: up to the player's score or the round's top value, whichever is more. Final: up to the player's score (0 if not positive). " +
            'Recording an answer without `points` then scores the wager. Broadcasts `wager_placed` (amount null for the Final: secret until the Final is marked answered).',
        },
      },
    )
