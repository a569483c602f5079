// Idempotency-Key on POST (and the undo DELETE): the first response is stored in the mutation's own
// transaction, so a retry (even one racing the original) gets that response and the mutation is
// applied once (IETF draft-ietf-httpapi-idempotency-key-header).
//
// A key is scoped to its caller (the token's hash, or "anonymous") and its route (method and path,
// the game id included, trailing slash ignored): the same key from another caller or on another
// route (another game's join) is another request, never a 409 and never a replay. Within a scope,
// the same key with a different body is 422 IDEMPOTENCY_KEY_REUSED (the draft's "key reused with a
// different payload"), so a stored host or player token only ever goes back to the same request.

import { createHash } from 'node:crypto'
import { AppError } from '@gamenight/contracts'
import type { Sql, TransactionSql } from 'postgres'

export type Outcome<T> = { status: number; body: T; replayed: boolean }
export type IdempotencyKey = { scope: string; key: string; fingerprint: string }

/**
 * The request's Idempotency-Key (null without the header; 400 VALIDATION unless 1–255 characters),
 * scoped to `scope` (the caller: a token hash or "anonymous") and the route (`method`, `path`), and
 * fingerprinted with `body` (the validated body; null for none).
 */
export function idempotencyKey(
  headers: Record<string, string | undefined>,
  scope: string,
  method: string,
  path: string,
  body: unknown,
): IdempotencyKey | null {
  const key = headers['idempotency-key']
  if (key === undefined) return null
  if (key.length === 0 || key.length > 255) {
    throw new AppError(400, 'VALIDATION', 'Idempotency-Key must be 1 to 255 characters', [
      { path: 'headers/idempotency-key', message: 'must be 1 to 255 characters' },
    ])
  }
  const route = `${method} ${path.length > 1 ? path.replace(/\/+$/, '') : path}`
  const fingerprint = createHash('sha256')
    .update(`${route}\n${JSON.stringify(body ?? null)}`)
    .digest('hex')
  // Hashed: a long path must not overflow the primary key's index row.
  return { scope: createHash('sha256').update(`${scope}\n${route}`).digest('hex'), key, fingerprint }
}

export async function runIdempotent<T>(
  sql: Sql,
  key: IdempotencyKey | null,
  status: number,
  mutate: (tx: TransactionSql) => Promise<T>,
): Promise<Outcome<T>> {
  return sql.begin(async (tx) => {
    if (key) {
      // Blocks behind a concurrent first request with the same key until it commits or rolls back.
      const inserted = await tx`
        insert into idempotency_keys (scope, key, fingerprint, status, body)
        values (${key.scope}, ${key.key}, ${key.fingerprint}, 0, 'null')
        on conflict do nothing returning key`
      if (inserted.length === 0) {
        const [prior] = await tx<{ fingerprint: string; status: number; body: T }[]>`
          select fingerprint, status, body from idempotency_keys where scope = ${key.scope} and key = ${key.key}`
        if (prior!.fingerprint !== key.fingerprint) {
          throw new AppError(
            422,
            'IDEMPOTENCY_KEY_REUSED',
            'this Idempotency-Key was used for a different request body; use a new key for a new request',
          )
        }
        return { status: prior!.status, body: prior!.body, replayed: true }
      }
    }
    const body = await mutate(tx)
    if (key) {
      await tx`update idempotency_keys set status = ${status}, body = ${tx.json(body as never)}
               where scope = ${key.scope} and key = ${key.key}`
    }
    return { status, body, replayed: false }
  })
}

/** Replaces a key's stored response: for a request whose outcome is settled after its transaction (a buzzer window). */
export async function storeIdempotent(sql: Sql, key: IdempotencyKey, status: number, body: unknown): Promise<void> {
  await sql`update idempotency_keys set status = ${status}, body = ${sql.json(body as never)}
            where scope = ${key.scope} and key = ${key.key}`
}
