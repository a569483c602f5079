// Builds the relay's Elysia app: health, the room endpoint, errors as the contract's JSON. The
// sockets themselves are Bun's native WebSocket handlers (relay.websocket, given to listen), so a
// frame reaches the relay as the raw text it was sent as: sizes are checked before any parsing,
// and broadcasts go through Bun's C++ pub/sub without a JS call per receiver.
import { AppError, type ErrorBody } from '@gamenight/contracts'
import type { Sql } from '@gamenight/db'
import type { Logger } from '@gamenight/log'
import { type Check, health, metricsRoute, type Registry } from '@gamenight/runtime'
import { Elysia, t } from 'elysia'
import { resolveAccess } from './access.ts'
import type { Relay } from './relay.ts'

const body = (code: string, message: string): ErrorBody => ({ success: false, error: { code, message } })
const json = (status: number, b: ErrorBody) =>
  new Response(JSON.stringify(b), { status, headers: { 'content-type': 'application/json' } })

export function buildApp(deps: {
  sql: Sql
  log: Logger
  relay: Relay
  checks: Record<string, Check>
  metrics: Registry
}) {
  const { relay, log } = deps
  return new Elysia()
    .onError(({ error, code, path }) => {
      if (error instanceof AppError) return json(error.status, body(error.code, error.message))
      if (code === 'NOT_FOUND') return json(404, body('NOT_FOUND', `no route for ${path}`))
      if (code === 'VALIDATION') return json(400, body('VALIDATION', 'invalid request'))
      log.error('unhandled error', { path, err: error, stack: (error as Error)?.stack })
      return json(500, body('INTERNAL', 'internal error'))
    })
    .use(health(deps.checks))
    .use(metricsRoute(deps.metrics))
    .get('/stats', () => ({ rooms: relay.rooms, ...relay.counters }))
    .get(
      '/ws/games/:id',
      async ({ params, query, request, server }) => {
        if (relay.closing) throw new AppError(503, 'UNAVAILABLE', 'this relay is shutting down; connect again')
        // Hold the room first: events and messages from now on are counted into the welcome.
        const room = relay.hold(params.id)
        let upgraded = false
        try {
          const access = await resolveAccess(deps.sql, params.id, query.token || null)
          const data = await relay.prepare(room, access)
          upgraded = !!server?.upgrade(request, { data })
          if (upgraded) return
        } finally {
          if (!upgraded) relay.release(room)
        }
        // A plain GET that passed the token check (what clients do to learn why a handshake failed).
        return json(426, body('UPGRADE_REQUIRED', 'this endpoint speaks WebSocket: connect with an Upgrade request'))
      },
      { params: t.Object({ id: t.String() }), query: t.Object({ token: t.Optional(t.String()) }) },
    )
}
