// Wiki race REST routes (CONTRACT §4). Thin: read the token, call the service, shape the reply.
import {
  CreateWikiGameBody,
  FailGameBody,
  HumanMoveBody,
  WikiGameCreated,
  WikiGameList,
  WikiGameState,
  WikiPlayer,
  WikiStatus,
  WorkerMoveBody,
} from '@gamenight/contracts'
import { Elysia, t } from 'elysia'
import { bearer, hashToken } from '../http/auth.ts'
import { AuthHeaders, errors, IdempotencyHeaders, reply } from '../http/docs.ts'
import { idempotencyKey } from '../http/idempotency.ts'
import * as svc from './service.ts'

const GameParams = t.Object({ id: t.String({ examples: ['0b8f1c52-4f6e-4d0a-9a53-2f1f5e0c7d11'] }) })
const ListQuery = t.Object({
  player: t.Optional(WikiPlayer),
  status: t.Optional(WikiStatus),
  limit: t.Optional(t.Integer({ minimum: 1, maximum: 1000, default: 50 })),
  order: t.Optional(
    t.Union([t.Literal('newest'), t.Literal('oldest')], { description: 'by last change; default newest' }),
  ),
})
const tags = ['wiki']
const secured = [{ bearer: [] }]

export const wikiRoutes = (deps: svc.Deps) =>
  new Elysia({ name: 'wiki' })
    .post(
      '/game',
      async ({ body, headers, set, path }) => {
        const idem = idempotencyKey(headers, 'anonymous', 'POST', path, body)
        return reply(set, await svc.createGame(deps, body, idem))
      },
      {
        body: CreateWikiGameBody,
        headers: IdempotencyHeaders,
        response: { 201: WikiGameCreated, ...errors(400, 413, 415, 503) },
        detail: {
          tags,
          summary: 'Start a wiki race',
          description:
            'Give `startArticle` and `endArticle` (any spelling: spaces or underscores, URL-encoded or not), or omit one or both and they are chosen at random at the `difficulty` (optimal distance: easy 2, medium 3, hard 4, or a number 1–9). The end must be reachable from the start. A human game returns a `token` for its moves; an AI game is enqueued for the worker. A new game has version 0 and `currentArticle` = `startArticle`.',
        },
      },
    )
    .get('/game', ({ query }) => svc.list(deps, query), {
      query: ListQuery,
      response: { 200: WikiGameList, ...errors(400) },
      detail: {
        tags,
        summary: 'List games',
        description:
          'Filter by `player` and `status` (e.g. `?player=ai&status=playing` for live AI games to watch, or for the worker sweeper with `order=oldest`). Summaries without `moves`.',
      },
    })
    .get('/game/:id', ({ params }) => svc.state(deps, params.id), {
      params: GameParams,
      response: { 200: WikiGameState, ...errors(404) },
      detail: { tags, summary: 'Game state', description: 'Anyone may watch. `seq` and `version` as of one instant.' },
    })
    .post(
      '/game/:id',
      async ({ params, body, headers, set, path }) => {
        const token = bearer(headers)
        const idem = idempotencyKey(headers, token ? hashToken(token).toString('hex') : 'anonymous', 'POST', path, body)
        return reply(set, await svc.humanMove(deps, params.id, token, body, idem))
      },
      {
        params: GameParams,
        body: HumanMoveBody,
        headers: IdempotencyHeaders,
        response: { 200: WikiGameState, ...errors(400, 401, 403, 404, 409, 413, 415) },
        detail: {
          tags,
          security: secured,
          summary: "Move (human, with the game's token)",
          description:
            '`article` must be linked from the current article (400 NOT_A_LINK) and exist (400 UNKNOWN_ARTICLE). Repeating the last move is a no-op returning the current state. Reaching the end wins; the `stepLimit`-th move that does not fails the game (`failureReason: "step_limit"`). 409 GAME_OVER once finished; 409 VERSION_CONFLICT on a stale `expectedVersion`. Broadcasts `wiki_move` (and `wiki_status` when the status changes) with the same version.',
        },
      },
    )
    .patch('/game/:id', ({ params, body, headers }) => svc.workerMove(deps, params.id, bearer(headers), body), {
      params: GameParams,
      body: WorkerMoveBody,
      headers: AuthHeaders,
      response: { 200: WikiGameState, ...errors(400, 401, 403, 404, 409, 413, 415) },
      detail: {
        tags,
        security: secured,
        summary: 'Move (AI worker, with WORKER_TOKEN)',
        description:
          'Idempotent: the same article as the last move changes nothing and returns the current state (checked first, so a retry after success never fails). With `expectedVersion`, a stale writer gets 409 VERSION_CONFLICT and nothing changes. `isComplete` is ignored: the server decides. (ext) `reason` (1–200 characters) says why the AI chose the move; it is stored with the move, returned in `moves` and sent in `wiki_move`. Otherwise as POST.',
      },
    })
    .post('/game/:id/fail', ({ params, body, headers }) => svc.fail(deps, params.id, bearer(headers), body.reason), {
      params: GameParams,
      body: FailGameBody,
      headers: AuthHeaders,
      response: { 200: WikiGameState, ...errors(400, 401, 403, 404, 409, 413, 415) },
      detail: {
        tags,
        security: secured,
        summary: 'Give up an AI game (worker, with WORKER_TOKEN)',
        description:
          "Marks the game `failed` with `failureReason: reason` (the worker's dead-letter path) and broadcasts `wiki_status`. Failing a failed game is a no-op; a won game is 409 GAME_OVER.",
      },
    })
