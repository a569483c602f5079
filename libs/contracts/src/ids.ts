// The one id check: every game, player, question and answer id is a UUID (Postgres gen_random_uuid).
// A path id that is not one names nothing, so callers answer 404 without asking the database.
// Also registers TypeBox's `uuid` format, which the contracts' schemas use (Elysia registers its own
// inside the api; browsers, the relay and the worker have no Elysia).
import { FormatRegistry } from '@sinclair/typebox'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** True for a UUID in its canonical text form (any version, either case). */
export const isUuid = (id: string): boolean => UUID.test(id)

if (!FormatRegistry.Has('uuid')) FormatRegistry.Set('uuid', isUuid)

/**
 * A trivia game's short join code, shown on the TV beside its QR code and typed at `/j/<code>`:
 * the first 8 hex digits of its id, upper-case (`3F2A91BC`). The api resolves it (libs/db lookup.ts).
 */
export const joinCode = (gameId: string): string => gameId.slice(0, 8).toUpperCase()

/**
 * A typed join code in its canonical form (8 lower-case hex digits; spaces and dashes ignored), or
 * null. The letters O, I and L are not hex digits, so reading them as 0, 1 and 1 (the commonest
 * misreadings of a code on a TV) is never ambiguous.
 */
export function normaliseJoinCode(raw: string): string | null {
  const code = raw.replace(/[\s-]/g, '').toLowerCase().replace(/o/g, '0').replace(/[il]/g, '1')
  return /^[0-9a-f]{8}$/.test(code) ? code : null
}
