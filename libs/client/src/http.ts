// Typed REST calls: every response is validated against its contract schema, and every failure
// comes back as a value `{ok: false, error: {status, code, message, details?}}` carrying the
// contract's error code, never as a throw (`orThrow` turns one into an ApiCallError for callers that
// prefer exceptions, like the worker's turn). Mutations carry an Idempotency-Key that stays the same
// across retries, so a call retried after a network failure is applied once.
import { type ErrorDetail, validate } from '@gamenight/contracts'
import type { Static, TSchema } from '@sinclair/typebox'
import { type Backoff, backoffDelay, newKey, sleep } from './backoff.ts'

export type ApiError = {
  /** HTTP status; 0 when the server could not be reached. */
  status: number
  /** The contract's error code (GAME_NOT_FOUND, VERSION_CONFLICT, ...), or NETWORK / INVALID_RESPONSE. */
  code: string
  message: string
  details?: ErrorDetail[]
  /** NAME_TAKEN: a free variant of the name to offer (e.g. "Alice 2"). */
  suggestion?: string
}
export type ApiResult<T> = { ok: true; value: T; status: number } | { ok: false; error: ApiError }

const RETRY_STATUS = new Set([502, 503, 504])

/** Waiting can help: the server was unreachable (status 0), overloaded or restarting (502/503/504). */
export const isTransient = (e: Pick<ApiError, 'status'>): boolean => e.status === 0 || RETRY_STATUS.has(e.status)

/** An ApiError thrown by `orThrow`: `message` is `STATUS CODE message`; `transient` as isTransient. */
export class ApiCallError extends Error {
  readonly status: number
  readonly code: string
  readonly details?: ErrorDetail[]
  readonly transient: boolean
  constructor(e: ApiError) {
    super(`${e.status} ${e.code} ${e.message}`)
    this.name = 'ApiCallError'
    this.status = e.status
    this.code = e.code
    if (e.details) this.details = e.details
    this.transient = isTransient(e)
  }
}

/** The value of a successful call; throws ApiCallError for a failed one. */
export function orThrow<T>(r: ApiResult<T>): T {
  if (!r.ok) throw new ApiCallError(r.error)
  return r.value
}

export type HttpOptions = {
  /** The api's origin, e.g. `http://127.0.0.1:3000` ('' in a browser on the api's own origin). */
  baseUrl: string
  token?: string
  fetch?: typeof fetch
  /** Attempts after the first for network failures and 502/503/504 (default 4; 0 when the caller retries itself). */
  retries?: number
  /** Timeout of each attempt, ms (default 10 000). */
  timeoutMs?: number
  backoff?: Backoff
}

export type Http = ReturnType<typeof createHttp>

export function createHttp(opts: HttpOptions) {
  const doFetch = opts.fetch ?? ((...a: Parameters<typeof fetch>) => globalThis.fetch(...a))
  const retries = opts.retries ?? 4
  const backoff = opts.backoff ?? { baseMs: 200, maxMs: 3000 }

  async function request<S extends TSchema>(
    method: string,
    path: string,
    schema: S,
    o: { body?: unknown; mutation?: boolean; token?: string | null } = {},
  ): Promise<ApiResult<Static<S>>> {
    const headers: Record<string, string> = { accept: 'application/json' }
    const token = o.token === undefined ? opts.token : o.token
    if (token) headers.authorization = `Bearer ${token}`
    if (o.body !== undefined) headers['content-type'] = 'application/json'
    if (o.mutation) headers['idempotency-key'] = newKey()
    const body = o.body === undefined ? undefined : JSON.stringify(o.body)
    let last: ApiError = { status: 0, code: 'NETWORK', message: 'not attempted' }
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await sleep(backoffDelay(attempt, backoff) + 50)
      let res: Response
      try {
        res = await doFetch(opts.baseUrl + path, {
          method,
          headers,
          body,
          signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
        })
      } catch (err) {
        last = { status: 0, code: 'NETWORK', message: `could not reach the server: ${(err as Error)?.message ?? err}` }
        continue
      }
      const text = await res.text().catch(() => '')
      let json: unknown
      try {
        json = text ? JSON.parse(text) : null
      } catch {
        json = undefined
      }
      if (res.ok) {
        const v = validate(schema, json)
        if (v.ok) return { ok: true, value: v.value, status: res.status }
        return {
          ok: false,
          error: { status: res.status, code: 'INVALID_RESPONSE', message: `unexpected response: ${v.message}` },
        }
      }
      last = toError(res.status, json)
      if (!RETRY_STATUS.has(res.status)) break
    }
    return { ok: false, error: last }
  }

  return { request }
}

function toError(status: number, json: unknown): ApiError {
  const e = (
    json as { error?: { code?: unknown; message?: unknown; details?: ErrorDetail[]; suggestion?: unknown } } | null
  )?.error
  if (e && typeof e.code === 'string') {
    return {
      status,
      code: e.code,
      message: typeof e.message === 'string' ? e.message : e.code,
      ...(e.details ? { details: e.details } : {}),
      ...(typeof e.suggestion === 'string' ? { suggestion: e.suggestion } : {}),
    }
  }
  return { status, code: `HTTP_${status}`, message: `the server answered ${status}` }
}
