// Idempotency-Key on POST: the first response is stored in the mutation's own transaction, so a
// retry (even one racing the original) gets that response and the mutation is applied once.

import { createHash } from 'node:crypto'
import { AppError } from '@gamenight/contracts'
import type { Sql, TransactionSql } from 'postgres'

export type Outcome<T> = { status: number; body: T; replayed: boolean }
export type IdempotencyKey = { scope: string; key: string; fingerprint: string }

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
  const fingerprint = createHash('sha256')
    .update(`${method} ${path}\n${JSON.stringify(body ?? null)}`)
    .digest('hex')
  return { scope, key, fingerprint }
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
          throw new AppError(409, 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request')
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
