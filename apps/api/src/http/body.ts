// Request bodies: JSON only (415 otherwise), malformed JSON is 400, and a size limit per route
// (contracts' limits.ts): MAX_GAME_BODY_BYTES for a new game with its board, MAX_BODY_BYTES for
// everything else, 413 PAYLOAD_TOO_LARGE with the error JSON above it, whatever the framing: a
// declared Content-Length is refused before the body is read (so `Expect: 100-continue` clients
// never send it), a chunked body is counted as it streams and cut off at the limit. Elysia's own
// parser would answer these with its own shapes, so this parser runs first for every route.
import { AppError, MAX_BODY_BYTES, MAX_GAME_BODY_BYTES } from '@gamenight/contracts'
import { Elysia } from 'elysia'

/**
 * Bun's own limit, far above ours: Bun answers a body over it with a bare 413 before any handler
 * runs, so ours must be the one that applies. Bodies are streamed, never buffered whole, and Bun
 * discards what follows a refusal.
 */
export const SERVER_MAX_BODY_BYTES = 2 ** 40

const NEW_GAME = /^\/api\/games\/?$/

/** The body limit of a route, in bytes: `POST /api/games` carries a board. */
export function bodyLimit(method: string, path: string): number {
  return method === 'POST' && NEW_GAME.test(path) ? MAX_GAME_BODY_BYTES : MAX_BODY_BYTES
}

function declaredTooLarge(request: Request, limit: number): boolean {
  const declared = request.headers.get('content-length')
  return declared !== null && Number(declared) > limit
}

async function readLimited(request: Request, limit: number): Promise<string> {
  if (declaredTooLarge(request, limit)) throw tooLarge(limit)
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => {})
      throw tooLarge(limit)
    }
    chunks.push(value)
  }
  return new TextDecoder().decode(Buffer.concat(chunks))
}

const tooLarge = (limit: number) =>
  new AppError(413, 'PAYLOAD_TOO_LARGE', `the request body is over ${limit} bytes`, [
    { path: '/', message: `at most ${limit} bytes (UTF-8)` },
  ])

const pathOf = (request: Request) => new URL(request.url).pathname

export const jsonBody = () =>
  new Elysia({ name: 'json-body' })
    // Before routing, so a route that reads no body (or an unknown one) still refuses a huge one.
    .onRequest(({ request }) => {
      const declared = request.headers.get('content-length')
      if (declared === null || Number(declared) <= MAX_BODY_BYTES) return
      const limit = bodyLimit(request.method, pathOf(request))
      if (Number(declared) > limit) throw tooLarge(limit)
    })
    .onParse({ as: 'global' }, async ({ request, contentType }) => {
      const text = await readLimited(request, bodyLimit(request.method, pathOf(request)))
      if (text.trim() === '') return {}
      const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
      if (type !== 'application/json' && !type.endsWith('+json')) {
        throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json')
      }
      let value: unknown
      try {
        value = JSON.parse(text)
      } catch {
        throw new AppError(400, 'MALFORMED_JSON', 'the request body is not valid JSON')
      }
      // Only a \uD800-\uDFFF escape can make an unpaired surrogate (UTF-8 cannot encode one).
      if (SURROGATE_ESCAPE.test(text)) refuseUnpairedSurrogates(value, '')
      return value
    })

const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/

/**
 * Strings must be valid Unicode (I-JSON, RFC 7493): an unpaired surrogate such as "\ud800" is
 * 400 VALIDATION. Postgres would refuse it in a jsonb event, after the rest of the change was made.
 */
function refuseUnpairedSurrogates(value: unknown, path: string): void {
  if (typeof value === 'string') {
    if (!value.isWellFormed())
      throw new AppError(400, 'VALIDATION', `invalid body: ${path || '/'} is not valid Unicode`, [
        { path: path || '/', message: 'contains an unpaired surrogate (not valid Unicode)' },
      ])
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!k.isWellFormed()) refuseUnpairedSurrogates(k, `${path}/${k}`)
      refuseUnpairedSurrogates(v, `${path}/${k}`)
    }
  }
}
