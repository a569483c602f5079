// One mapping from anything thrown to the contract's error JSON (CONTRACT §5). A 500 is logged as a
// bug; dependency outages become 503 so clients retry instead of reporting a bug.
import { AppError, type ErrorBody } from '@gamenight/contracts'
import { isUnavailable } from '@gamenight/db'
import type { Logger } from '@gamenight/log'
import { Elysia } from 'elysia'

export function errorBody(
  code: string,
  message: string,
  details?: ErrorBody['error']['details'],
  suggestion?: string,
): ErrorBody {
  return {
    success: false,
    error: { code, message, ...(details ? { details } : {}), ...(suggestion !== undefined ? { suggestion } : {}) },
  }
}

export function errorResponse(status: number, body: ErrorBody): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

export function toErrorResponse(err: unknown, code: string | number, log: Logger, path: string): Response {
  // Elysia wraps whatever a parser throws in a ParseError; ours are AppErrors with the right status.
  if (code === 'PARSE' && (err as { cause?: unknown }).cause instanceof AppError)
    err = (err as { cause: unknown }).cause
  if (err instanceof AppError)
    return errorResponse(err.status, errorBody(err.code, err.message, err.details, err.suggestion))
  if (code === 'VALIDATION' && (err as { type?: string }).type === 'response') {
    log.error('response does not match its schema', { path, err: (err as Error).message })
    return errorResponse(500, errorBody('INTERNAL', 'internal error'))
  }
  if (code === 'VALIDATION') {
    const all = (err as { all?: { path?: string; message?: string; summary?: string }[] }).all ?? []
    const details = all.slice(0, 20).map((e) => ({ path: e.path || '/', message: e.summary ?? e.message ?? 'invalid' }))
    const where = (err as { type?: string }).type ?? 'request'
    const first = details[0]
    return errorResponse(
      400,
      errorBody('VALIDATION', first ? `invalid ${where}: ${first.path} ${first.message}` : `invalid ${where}`, details),
    )
  }
  if (code === 'NOT_FOUND') return errorResponse(404, errorBody('NOT_FOUND', `no route for ${path}`))
  if (code === 'PARSE') return errorResponse(400, errorBody('MALFORMED_JSON', 'the request body is not valid JSON'))
  const pgCode = (err as { code?: string }).code
  if (isUnavailable(err)) {
    log.warn('dependency unavailable', { path, err })
    return errorResponse(503, errorBody('UNAVAILABLE', 'a backing service is unavailable; retry shortly'))
  }
  // Postgres rejects what our schemas let through only at the edges (e.g. \u0000 in text).
  if (pgCode === '22P05' || pgCode === '22021' || pgCode === '22003') {
    return errorResponse(400, errorBody('VALIDATION', 'a value cannot be stored (invalid characters or out of range)'))
  }
  log.error('unhandled error', { path, err, stack: (err as Error)?.stack })
  return errorResponse(500, errorBody('INTERNAL', 'internal error'))
}

export const errorHandler = (log: Logger) =>
  new Elysia({ name: 'errors' }).onError({ as: 'global' }, ({ error, code, path, set }) => {
    const res = toErrorResponse(error, code, log, path)
    set.status = res.status // so the access log records what was sent
    return res
  })
