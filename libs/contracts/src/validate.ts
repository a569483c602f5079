// The one validation helper for every boundary Elysia does not cover: Redis entries, env, event
// payloads read by clients. Returns a result instead of throwing so callers decide what a bad
// value means for them (drop it, dead-letter it, refuse to start).
import type { Static, TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'

export type Issue = { path: string; message: string }
export type Result<T> = { ok: true; value: T } | { ok: false; message: string; issues: Issue[] }

export function validate<S extends TSchema>(schema: S, value: unknown): Result<Static<S>> {
  if (Value.Check(schema, value)) return { ok: true, value: value as Static<S> }
  const issues = [...Value.Errors(schema, value)].slice(0, 10).map((e) => ({
    path: e.path || '/',
    message: e.message,
  }))
  const message = issues.map((i) => `${i.path}: ${i.message}`).join('; ')
  return { ok: false, message, issues }
}

/** Parses JSON text and validates it in one step; bad JSON is an issue like any other. */
export function parseJson<S extends TSchema>(schema: S, text: string): Result<Static<S>> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, message: 'not valid JSON', issues: [{ path: '/', message: 'not valid JSON' }] }
  }
  return validate(schema, value)
}
