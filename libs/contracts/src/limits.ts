// Request body limits (CONTRACT §5), shared by the api that enforces them and the web importer that
// checks a board's encoded size before "Create". limits.test.ts keeps them in agreement with the
// schemas: the largest valid board must fit, and the limit must not be far above it.

/** Every request body except a new game's, in bytes of the encoded body: 413 PAYLOAD_TOO_LARGE above. */
export const MAX_BODY_BYTES = 64 * 1024

/**
 * `POST /api/games` (a new game with its board), in bytes of the encoded body: 413 above. Fits the
 * schema's largest board (12 categories × 10 questions, every prompt and answer at 1000 UTF-16
 * units, names at their maximum) written in the widest script for UTF-8: 3 bytes per UTF-16 unit
 * (CJK, Devanagari, ...; astral characters such as emoji take 4 bytes for 2 units). That board is
 * 738,156 bytes as compact JSON; the rest leaves room for indentation. JSON that escapes non-ASCII
 * as `\uXXXX` (6 bytes a unit) may not fit: send UTF-8.
 */
export const MAX_GAME_BODY_BYTES = 768 * 1024

/** Bytes of `value` as a JSON request body (UTF-8), as the api counts them against the limits. */
export function encodedSize(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length
}
