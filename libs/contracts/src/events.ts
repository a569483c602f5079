// Server → client events (CONTRACT §2). Every broadcast is `{type, gameId, seq, ...fields}`; field
// names are the seed's. A client applies an entity update only if its version is not older.
import { type Static, type TSchema, Type as t } from '@sinclair/typebox'
import { ClueFields, GameResult } from './trivia.ts'

const Id = t.String()
const envelope = <T extends string, P extends Record<string, TSchema>>(type: T, fields: P) =>
  t.Object({ type: t.Literal(type), gameId: Id, seq: t.Integer(), ...fields })

export const PlayerJoinedEvent = envelope('player_joined', {
  playerId: Id,
  name: t.String(),
  score: t.Integer(),
  version: t.Integer(),
})
export const UpdateScoreEvent = envelope('update_score', {
  playerId: Id,
  score: t.Integer(),
  version: t.Integer(),
})
export const ToggleQuestionEvent = envelope('toggle_question', {
  questionId: Id,
  answered: t.Boolean(),
  version: t.Integer(),
})
export const BuzzerPressedEvent = envelope('buzzer_pressed', {
  buzzerId: Id,
  won: t.Boolean(),
  winnerId: t.Union([Id, t.Null()]),
  reactionMs: t.Union([t.Integer(), t.Null()]),
  version: t.Integer({ description: 'buzzer version' }),
})
export const WagerPlacedEvent = envelope('wager_placed', {
  playerId: Id,
  questionId: Id,
  amount: t.Union([t.Integer(), t.Null()], { description: 'null for a Final wager (secret until revealed)' }),
  version: t.Integer(),
})
/** The wagers on a Daily Double or the Final left before its clue was shown are void: wager again. */
export const WagersVoidedEvent = envelope('wagers_voided', {
  questionId: Id,
  playerIds: t.Array(Id, { description: 'whose wager was voided' }),
})
export const BuzzerResetEvent = envelope('buzzer_reset', {
  armed: t.Boolean({ description: 'true: open for presses; false: closed while a clue is read (no winner)' }),
  version: t.Integer(),
})
/** The current clue changed (selected, revealed, opened, judged, reopened, closed, a lockout). */
export const ClueUpdatedEvent = envelope('clue_updated', ClueFields)
/** The host judged a player on the Final: their wager and answer are shown to the room. */
export const WagerRevealedEvent = envelope('wager_revealed', {
  playerId: Id,
  questionId: Id,
  amount: t.Union([t.Integer(), t.Null()], { description: 'null: no wager placed' }),
  isCorrect: t.Boolean(),
  delta: t.Integer({ description: 'what the answer did to the score' }),
  version: t.Integer({ description: "the wager's version (0 without a wager)" }),
})
/** The host ended the game: final standings, winners, the Final revealed. Sent once. */
export const GameOverEvent = envelope('game_over', { status: t.Literal('finished'), ...GameResult.properties })
export const WikiMoveEvent = envelope('wiki_move', {
  article: t.String(),
  timestamp: t.String(),
  version: t.Integer(),
  isComplete: t.Boolean(),
  status: t.String(),
  moveCount: t.Integer(),
  reason: t.Optional(t.String({ description: '(ext) why the AI chose this move; AI moves only' })),
})
export const WikiStatusEvent = envelope('wiki_status', {
  status: t.String(),
  isComplete: t.Boolean(),
  version: t.Integer(),
  failureReason: t.Optional(t.String()),
})

export const GameEvent = t.Union([
  PlayerJoinedEvent,
  UpdateScoreEvent,
  ToggleQuestionEvent,
  BuzzerPressedEvent,
  BuzzerResetEvent,
  WagerPlacedEvent,
  WagersVoidedEvent,
  ClueUpdatedEvent,
  WagerRevealedEvent,
  GameOverEvent,
  WikiMoveEvent,
  WikiStatusEvent,
])
export type GameEvent = Static<typeof GameEvent>
export type GameEventType = GameEvent['type']

/** Types only the server may send; the relay refuses them from clients. */
export const SERVER_EVENT_TYPES: readonly string[] = [
  'player_joined',
  'update_score',
  'toggle_question',
  'buzzer_pressed',
  'buzzer_reset',
  'wager_placed',
  'wagers_voided',
  'clue_updated',
  'wager_revealed',
  'game_over',
  'wiki_move',
  'wiki_status',
  'welcome',
  'presence',
  'error',
  'clock_ping',
]
