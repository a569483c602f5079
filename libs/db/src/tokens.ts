// Game tokens are 256-bit random strings given out once and stored only as SHA-256 digests; the api
// issues them and both the api and the relay check them, so the rule lives here once.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest()
}

export function sameHash(a: Buffer, b: Buffer | null | undefined): boolean {
  return !!b && a.length === b.length && timingSafeEqual(a, b)
}

// Connection-level failures (postgres.js codes, and Postgres' own "shutting down" / "too many
// connections"): the database is unavailable, not the request wrong: a 503, retried by clients.
const UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'ETIMEDOUT',
  '57P01',
  '57P03',
  '53300',
])

export function isUnavailable(err: unknown): boolean {
  return UNAVAILABLE.has((err as { code?: string } | null)?.code ?? '')
}
