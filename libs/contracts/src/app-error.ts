// Errors with a stable code and the HTTP status that fits. Services throw them; one onError in each
// app maps them to the contract's error JSON. Tests assert on `code`, never on `message`.
import type { ErrorCode, ErrorDetail } from './errors.ts'

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** NAME_TAKEN: a free variant of the refused name (`error.suggestion` in the body). */
    readonly suggestion?: string,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const notFound = (code: ErrorCode, message: string) => new AppError(404, code, message)
export const badRequest = (code: ErrorCode, message: string, details?: ErrorDetail[]) =>
  new AppError(400, code, message, details)
export const conflict = (code: ErrorCode, message: string) => new AppError(409, code, message)
export const unauthorized = (message = 'a valid Bearer token is required') => new AppError(401, 'UNAUTHORIZED', message)
export const forbidden = (message: string) => new AppError(403, 'FORBIDDEN', message)
