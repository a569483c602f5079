// The one id check: every game, player, question and answer id is a UUID (Postgres gen_random_uuid).
// A path id that is not one names nothing, so callers answer 404 without asking the database.
// Also registers TypeBox's `uuid` format, which the contracts' schemas use (Elysia registers its own
// inside the api; browsers, the relay and the worker have no Elysia).
import { FormatRegistry } from '@sinclair/typebox'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** True for a UUID in its canonical text form (any version, either case). */
export const isUuid = (id: string): boolean => UUID.test(id)

if (!FormatRegistry.Has('uuid')) FormatRegistry.Set('uuid', isUuid)
