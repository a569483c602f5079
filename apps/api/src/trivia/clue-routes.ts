// The clue lifecycle's REST routes (CONTRACT §3 "Clue lifecycle"): host only, idempotent with an
// Idempotency-Key. Thin, as routes.ts: the work is libs/db clue.ts through service.ts.
import { ClueResult, SelectClueBody } from '@gamenight/contracts'
import { Elysia, t } from 'elysia'
import { bearer, hashToken } from '../http/auth.ts'
import { errors, IdempotencyHeaders, reply } from '../http/docs.ts'
import { idempotencyKey } from '../http/idempotency.ts'
import * as svc from './service.ts'

const GameParams = t.Object({ id: t.String() })
const scope = (token: string | null) => (token ? hashToken(token).toString('hex') : 'anonymous')
const tags = ['trivia']
const secured = [{ bearer: [] }]

/** POST /clue/{reveal,open,close}: the same handler for each move. */
const lifecycleOf =
  (deps: svc.Deps) =>
  (op: 'reveal' | 'open' | 'close') =>
  async ({
    params,
    headers,
    set,
    path,
  }: {
    params: { id: string }
    headers: Record<string, string | undefined>
    set: Parameters<typeof reply>[0]
    path: string
  }) => {
    const token = bearer(headers)
    const idem = idempotencyKey(headers, scope(token), 'POST', path, null)
    return reply(set, await svc.clue(deps, params.id, token, { op }, idem))
  }

export const clueRoutes = (deps: svc.Deps, lifecycle = lifecycleOf(deps)) =>
  new Elysia({ name: 'trivia-clue' })
    .post(
      '/api/games/:id/clue',
      async ({ params, body, headers, set, path }) => {
        const token = bearer(headers)
        const idem = idempotencyKey(headers, scope(token), 'POST', path, body)
        return reply(set, await svc.clue(deps, params.id, token, { op: 'select', ...body }, idem))
      },
      {
        params: GameParams,
        body: SelectClueBody,
        headers: IdempotencyHeaders,
        response: { 200: ClueResult, ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
        detail: {
          tags,
          security: secured,
          summary: 'Select the current clue (host)',
          description:
            "A Daily Double or the Final starts in `wagering` (the clue hidden until revealed). Any other clue is shown: `reading` with the buzzers closed, until the host opens them or the game's read time (`readTimeMs`) has passed; `open` at once with a read time of 0. Leaving a Daily Double or the Final still `wagering` voids its wagers (`wagers_voided`). Broadcasts `clue_updated` (and `buzzer_reset` when the buzzers close or open).",
        },
      },
    )
    .post('/api/games/:id/clue/reveal', lifecycle('reveal'), {
      params: GameParams,
      headers: IdempotencyHeaders,
      response: { 200: ClueResult, ...errors(401, 403, 404, 409, 422) },
      detail: {
        tags,
        security: secured,
        summary: "Reveal a Daily Double's or the Final's clue (host)",
        description:
          "`wagering` → `reading`: the clue is shown and wagers on it are refused from now on (409 WAGER_LOCKED); a wager above its player's limit now (the score changed since) is lowered to it (`wager_placed`). Revealing again changes nothing. 409 NO_CLUE without a clue.",
      },
    })
    .post('/api/games/:id/clue/open', lifecycle('open'), {
      params: GameParams,
      headers: IdempotencyHeaders,
      response: { 200: ClueResult, ...errors(401, 403, 404, 409, 422) },
      detail: {
        tags,
        security: secured,
        summary: 'Open the buzzers of the clue being read (host)',
        description:
          '`reading` → `open` now; reaction times count from this instant (database clock). Already open: no change. 409 CLUE_PHASE while `wagering` (reveal first) or once judged; 409 NO_CLUE without a clue.',
      },
    })
    .post('/api/games/:id/clue/close', lifecycle('close'), {
      params: GameParams,
      headers: IdempotencyHeaders,
      response: { 200: ClueResult, ...errors(401, 403, 404, 409, 422) },
      detail: {
        tags,
        security: secured,
        summary: 'Close the current clue (host)',
        description:
          'Back to the board: `closed`, buzzers closed. A Daily Double or the Final closed while `wagering` voids its wagers (`wagers_voided`: the players wager again). Closing again changes nothing. 409 NO_CLUE without a clue.',
      },
    })
