// Request bodies: JSON only (415 otherwise), at most 64 KiB (413), malformed JSON is 400. Elysia's
// own parser would answer these with its own shapes, so this parser runs first for every route.
import { AppError } from '@gamenight/contracts'
import { Elysia } from 'elysia'

export const MAX_BODY_BYTES = 64 * 1024

async function readLimited(request: Request): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? NaN)
  if (declared > MAX_BODY_BYTES) throw tooLarge()
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {})
      throw tooLarge()
    }
    chunks.push(value)
  }
  return new TextDecoder().decode(Buffer.concat(chunks))
}

const tooLarge = () => new AppError(413, 'PAYLOAD_TOO_LARGE', `request body over ${MAX_BODY_BYTES} bytes`)

export const jsonBody = () =>
  new Elysia({ name: 'json-body' }).onParse({ as: 'global' }, async ({ request, contentType }) => {
    const text = await readLimited(request)
    if (text.trim() === '') return {}
    const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
    if (type !== 'application/json' && !type.endsWith('+json')) {
      throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json')
    }
    try {
      return JSON.parse(text)
    } catch {
      throw new AppError(400, 'MALFORMED_JSON', 'the request body is not valid JSON')
    }
  })
