// Shared OpenAPI pieces: the error responses every route can give, and the auth/idempotency headers.
import { ErrorBody } from '@gamenight/contracts'
import { t } from 'elysia'

export const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, ErrorBody])) as Record<number, typeof ErrorBody>

export const IdempotencyHeaders = t.Object({
  authorization: t.Optional(t.String({ description: 'Bearer <token>' })),
  'idempotency-key': t.Optional(
    t.String({ description: 'retrying with the same key returns the first response without applying it twice' }),
  ),
})

export const AuthHeaders = t.Object({ authorization: t.Optional(t.String({ description: 'Bearer <token>' })) })

/** Sets the status and replay header from an idempotent outcome and returns its body. */
export function reply<T>(
  set: { status?: number | string; headers: Record<string, string | number> },
  out: { status: number; body: T; replayed: boolean },
): T {
  set.status = out.status
  if (out.replayed) set.headers['idempotent-replayed'] = 'true'
  return out.body
}
