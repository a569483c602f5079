// Redis stream entries (docs/WORKER.md, docs/RELAY.md): one schema per stream, checked by libs/bus
// whenever an entry is read. Stream fields are flat strings, so an entry is an object of strings;
// a reader skips or dead-letters an entry that does not match, it never crashes on one.
import { type Static, Type as t } from '@sinclair/typebox'
import './ids.ts'

/** `${REDIS_PREFIX}events`: one game event, in commit order per game. `event` is the JSON text relayed as is. */
export const EventEntry = t.Object({
  gameId: t.String({ minLength: 1 }),
  event: t.String({ minLength: 2, description: 'the event as JSON text: {type, gameId, seq, ...}' }),
})
export type EventEntry = Static<typeof EventEntry>

/** `${REDIS_PREFIX}ai:turns`: one AI turn owed to a game (read by the worker consumer group). */
export const AiTurnEntry = t.Object({ gameId: t.String({ format: 'uuid' }) })
export type AiTurnEntry = Static<typeof AiTurnEntry>

/** `${REDIS_PREFIX}ai:dead`: a turn given up on, with why; written once, read by operators and tests. */
export const AiDeadLetterEntry = t.Object({
  /** Empty when the entry had no readable game id. */
  gameId: t.String(),
  /** The turn's id in `ai:turns`. */
  entryId: t.String(),
  /** Deliveries counted by the consumer group, as a decimal string. */
  deliveries: t.String({ pattern: '^[0-9]+$' }),
  reason: t.String({ maxLength: 1000 }),
  consumer: t.String(),
  /** ISO 8601 time of the dead letter. */
  at: t.String(),
})
export type AiDeadLetterEntry = Static<typeof AiDeadLetterEntry>
