// Checks one client frame and turns it into the text every member receives: the sender's object
// with `from` set by the relay (overwriting any `from` the client sent, so no one poses as the host).
import { COORDINATION_TYPE_PATTERN, type Member, type RelayErrorCode, SERVER_EVENT_TYPES } from '@gamenight/contracts'

export type Inbound = { ok: true; type: string; text: string } | { ok: false; code: RelayErrorCode; message: string }

const TYPE = new RegExp(COORDINATION_TYPE_PATTERN)
const RESERVED = new Set(SERVER_EVENT_TYPES)
const fail = (code: RelayErrorCode, message: string): Inbound => ({ ok: false, code, message })

export function readInbound(raw: string | Buffer, sender: Member, maxBytes: number): Inbound {
  if (typeof raw !== 'string') return fail('BINARY_NOT_SUPPORTED', 'send JSON text frames, not binary')
  // UTF-16 length is a lower bound of the UTF-8 size and 3× an upper bound: count bytes only when it matters.
  if (raw.length > maxBytes / 3 && Buffer.byteLength(raw) > maxBytes) {
    return fail('MESSAGE_TOO_LARGE', `messages are limited to ${maxBytes} bytes`)
  }
  if (sender.role === 'spectator') return fail('READ_ONLY', 'a spectator can only listen')
  let msg: unknown
  try {
    msg = JSON.parse(raw)
  } catch {
    return fail('INVALID_JSON', 'the message is not valid JSON')
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg))
    return fail('INVALID_MESSAGE', 'a message is a JSON object with a string `type`')
  const type = (msg as { type?: unknown }).type
  if (typeof type !== 'string') return fail('INVALID_MESSAGE', 'a message needs a string `type`')
  if (RESERVED.has(type)) return fail('RESERVED_TYPE', `\`${type}\` is sent only by the server`)
  if (!TYPE.test(type)) return fail('INVALID_MESSAGE', `\`type\` must match ${COORDINATION_TYPE_PATTERN}`)
  ;(msg as { from?: Member }).from = sender
  return { ok: true, type, text: JSON.stringify(msg) }
}
