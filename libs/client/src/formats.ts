// TypeBox checks string formats only once they are registered (Elysia does it inside the api; a
// browser or test process has no Elysia). Registered here for the formats the contracts use,
// unless someone registered them already.
import { FormatRegistry } from '@sinclair/typebox'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
if (!FormatRegistry.Has('uuid')) FormatRegistry.Set('uuid', (v) => UUID.test(v))
