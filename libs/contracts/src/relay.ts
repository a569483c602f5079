// Relay wire messages (CONTRACT §6, docs/RELAY.md): one schema per message, one union per
// direction. Compatibility rule: RELAY_PROTOCOL goes up only for a change an old client cannot
// ignore; new optional fields and new message types do not bump it (clients skip unknown types).
import { type Static, Type as t } from '@sinclair/typebox'
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

// The trivia screens' coordination messages (docs/RELAY.md, "Trivia coordination"). The relay does
// not check them against these schemas: like any coordination message they are forwarded as sent.
// They type the client library and the UIs and document the protocol. Every field beyond the seed's
// (`select_question {question}`, `clear_question`) is optional, so old senders stay valid.

/** When the host sent it (ms since the epoch, the host's clock): a clear applies to selects sent before it. */
const At = t.Integer({ minimum: 0, description: "the sender's clock (ms since the epoch) when sent" })

/** The host shows a question on every screen (the seed's example); `question` is the question id. */
export const SelectQuestionMessage = t.Object({
  type: t.Literal('select_question'),
  question: t.String({ description: 'the question id (the Final: `final.questionId`)' }),
  at: t.Optional(At),
  category: t.Optional(t.String({ description: 'category name as shown' })),
  value: t.Optional(t.Integer({ description: 'points as shown (0 for the Final)' })),
  prompt: t.Optional(
    t.String({
      description: 'the clue; absent until revealed (a Daily Double or the Final waits for wagers). Never the answer',
    }),
  ),
  dailyDouble: t.Optional(t.Boolean()),
  playerId: t.Optional(t.String({ description: 'Daily Double: the player who answers it alone' })),
  excluded: t.Optional(
    t.Array(t.String(), { description: 'players who answered wrong: their buzzers stay locked for this question' }),
  ),
  final: t.Optional(t.Boolean({ description: 'this is the Final question' })),
})
export type SelectQuestionMessage = Static<typeof SelectQuestionMessage>

/** The host closes the question on every screen. */
export const ClearQuestionMessage = t.Object({ type: t.Literal('clear_question'), at: t.Optional(At) })
export type ClearQuestionMessage = Static<typeof ClearQuestionMessage>

/** The host chooses which round's board every screen shows. */
export const ShowRoundMessage = t.Object({
  type: t.Literal('show_round'),
  round: t.Integer({ minimum: 1 }),
  at: t.Optional(At),
})
export type ShowRoundMessage = Static<typeof ShowRoundMessage>

/**
 * The host judged an answer (or undid one): the screens show right / wrong / undone to the room.
 * The score itself still moves only by the api's `update_score`.
 */
export const JudgedMessage = t.Object({
  type: t.Literal('judged'),
  playerId: t.String(),
  isCorrect: t.Boolean(),
  points: t.Integer({ minimum: 0, description: 'points won or lost (unsigned)' }),
  undone: t.Optional(t.Boolean({ description: 'the host undid this answer: the points went back' })),
  question: t.Optional(t.String({ description: 'the question id' })),
  at: t.Optional(At),
})
export type JudgedMessage = Static<typeof JudgedMessage>

/** The coordination messages the trivia screens send, each with its own schema. */
export const TriviaCoordinationMessage = t.Union([
  SelectQuestionMessage,
  ClearQuestionMessage,
  ShowRoundMessage,
  JudgedMessage,
])
export type TriviaCoordinationMessage = Static<typeof TriviaCoordinationMessage>

/** What the relay accepts from a client: the known messages above, or any other coordination message. */
export const ClientMessage = t.Union([
  SelectQuestionMessage,
  ClearQuestionMessage,
  ShowRoundMessage,
  JudgedMessage,
  CoordinationMessage,
])
export type ClientMessage = Static<typeof ClientMessage>

// ---- relay → client -------------------------------------------------------------------------

/** A coordination message as delivered: the sender's fields plus `from`. */
export const RelayedMessage = t.Object(
  { type: t.String({ pattern: COORDINATION_TYPE_PATTERN }), from: Member },
  { additionalProperties: true },
)
export type RelayedMessage = Static<typeof RelayedMessage> & Record<string, unknown>

/** The known coordination messages as delivered (`from` added); `last.select_question` etc. read with these. */
const From = t.Object({ from: Member })
export const RelayedSelectQuestion = t.Composite([SelectQuestionMessage, From])
export type RelayedSelectQuestion = Static<typeof RelayedSelectQuestion>
export const RelayedClearQuestion = t.Composite([ClearQuestionMessage, From])
export type RelayedClearQuestion = Static<typeof RelayedClearQuestion>
export const RelayedShowRound = t.Composite([ShowRoundMessage, From])
export type RelayedShowRound = Static<typeof RelayedShowRound>

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
  version: t.Optional(
    t.Integer({ description: 'apply only if not older than the one held; absent when Redis was unavailable' }),
  ),
})
export type PresenceMessage = Static<typeof PresenceMessage>

export const RelayErrorMessage = t.Object({
  type: t.Literal('error'),
  code: t.String({ examples: ['RATE_LIMITED'] }),
  message: t.String(),
})
export type RelayErrorMessage = Static<typeof RelayErrorMessage>

export const RelayServerMessage = t.Union([
  WelcomeMessage,
  PresenceMessage,
  RelayErrorMessage,
  GameEvent,
  RelayedMessage,
])
export type RelayServerMessage = Static<typeof RelayServerMessage>
