// Relay wire messages (CONTRACT §6, docs/RELAY.md): one schema per message, one union per
// direction. Compatibility rule: RELAY_PROTOCOL goes up only for a change an old client cannot
// ignore; new optional fields and new message types do not bump it (clients skip unknown types).
import { Type as t, type Static } from '@sinclair/typebox'
import { GameEvent } from './events.ts'
import { Role } from './trivia.ts'

/** The relay protocol version; sent in `welcome`. History in docs/RELAY.md. */
export const RELAY_PROTOCOL = 1
/** Larger client messages get an `error` (MESSAGE_TOO_LARGE); the connection stays up. */
export const RELAY_MAX_MESSAGE_BYTES = 16 * 1024
/** A coordination type: short, printable, no separators (it is a key in Redis and in `last`). */
export const COORDINATION_TYPE_PATTERN = '^[A-Za-z0-9_.:-]{1,64}$'

/** Close codes the relay uses; a client reconnects after any of them except a refused handshake. */
export const RelayCloseCode = {
  /** The relay is shutting down: reconnect (to another replica) at once. */
  GOING_AWAY: 1001,
  /** The client kept flooding after being told so. */
  POLICY: 1008,
  /** A frame over the relay's hard cap (RELAY_HARD_MAX_BYTES); smaller oversize messages only get an error. */
  TOO_BIG: 1009,
  /** The client read too slowly and its send buffer passed the cap (Bun closes it). */
  SLOW_READER: 1006,
} as const

export const RelayErrorCode = {
  INVALID_JSON: 'INVALID_JSON',
  BINARY_NOT_SUPPORTED: 'BINARY_NOT_SUPPORTED',
  INVALID_MESSAGE: 'INVALID_MESSAGE',
  RESERVED_TYPE: 'RESERVED_TYPE',
  MESSAGE_TOO_LARGE: 'MESSAGE_TOO_LARGE',
  RATE_LIMITED: 'RATE_LIMITED',
  READ_ONLY: 'READ_ONLY',
} as const
export type RelayErrorCode = (typeof RelayErrorCode)[keyof typeof RelayErrorCode]

/** Who is in a room, and who sent a relayed message (`from`): the relay sets it, never the client. */
export const Member = t.Object({ role: Role, playerId: t.Optional(t.String()) })
export type Member = Static<typeof Member>

// ---- client → relay -------------------------------------------------------------------------

/** Any coordination message: a JSON object with a non-reserved `type`; forwarded as-is plus `from`. */
export const CoordinationMessage = t.Object(
  { type: t.String({ pattern: COORDINATION_TYPE_PATTERN }) },
  { additionalProperties: true },
)
export type CoordinationMessage = Static<typeof CoordinationMessage> & Record<string, unknown>

/** The host shows a question on every screen (the seed's example); `question` is the question id. */
export const SelectQuestionMessage = t.Object({ type: t.Literal('select_question'), question: t.String() })
export type SelectQuestionMessage = Static<typeof SelectQuestionMessage>

/** The host closes the question on every screen. */
export const ClearQuestionMessage = t.Object({ type: t.Literal('clear_question') })
export type ClearQuestionMessage = Static<typeof ClearQuestionMessage>

export const ClientMessage = t.Union([SelectQuestionMessage, ClearQuestionMessage, CoordinationMessage])
export type ClientMessage = Static<typeof ClientMessage>

// ---- relay → client -------------------------------------------------------------------------

/** A coordination message as delivered: the sender's fields plus `from`. */
export const RelayedMessage = t.Object(
  { type: t.String({ pattern: COORDINATION_TYPE_PATTERN }), from: Member },
  { additionalProperties: true },
)
export type RelayedMessage = Static<typeof RelayedMessage> & Record<string, unknown>

export const WelcomeMessage = t.Object({
  type: t.Literal('welcome'),
  protocol: t.Integer({ description: 'RELAY_PROTOCOL of the relay' }),
  gameId: t.String(),
  kind: t.Union([t.Literal('trivia'), t.Literal('wiki')]),
  role: Role,
  playerId: t.Optional(t.String()),
  seq: t.Integer({ description: 'the game seq when joining; events after it follow' }),
  presence: t.Array(Member, { description: 'one entry per connection, across replicas, before this one joined' }),
  presenceVersion: t.Integer({ description: 'orders presence snapshots; 0 when Redis was unavailable' }),
  last: t.Record(t.String(), RelayedMessage, { description: 'the latest relayed message of each type, by type' }),
})
export type WelcomeMessage = Static<typeof WelcomeMessage>

export const PresenceMessage = t.Object({
  type: t.Literal('presence'),
  gameId: t.String(),
  members: t.Array(Member),
  joined: t.Optional(Member),
  left: t.Optional(Member),
  version: t.Optional(t.Integer({ description: 'apply only if not older than the one held; absent when Redis was unavailable' })),
})
export type PresenceMessage = Static<typeof PresenceMessage>

export const RelayErrorMessage = t.Object({
  type: t.Literal('error'),
  code: t.String({ examples: ['RATE_LIMITED'] }),
  message: t.String(),
})
export type RelayErrorMessage = Static<typeof RelayErrorMessage>

export const RelayServerMessage = t.Union([WelcomeMessage, PresenceMessage, RelayErrorMessage, GameEvent, RelayedMessage])
export type RelayServerMessage = Static<typeof RelayServerMessage>
