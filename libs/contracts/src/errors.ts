// The contract's error body (CONTRACT §5). Codes are stable: clients and tests branch on them.
import { type Static, Type as t } from '@sinclair/typebox'

export const ErrorCode = {
  VALIDATION: 'VALIDATION',
  MALFORMED_JSON: 'MALFORMED_JSON',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  GAME_NOT_FOUND: 'GAME_NOT_FOUND',
  PLAYER_NOT_FOUND: 'PLAYER_NOT_FOUND',
  QUESTION_NOT_FOUND: 'QUESTION_NOT_FOUND',
  ANSWER_NOT_FOUND: 'ANSWER_NOT_FOUND',
  ARTICLE_NOT_FOUND: 'ARTICLE_NOT_FOUND',
  UNKNOWN_ARTICLE: 'UNKNOWN_ARTICLE',
  NOT_A_LINK: 'NOT_A_LINK',
  VERSION_CONFLICT: 'VERSION_CONFLICT',
  GAME_OVER: 'GAME_OVER',
  ALREADY_UNDONE: 'ALREADY_UNDONE',
  WAGER_NOT_ALLOWED: 'WAGER_NOT_ALLOWED',
  WAGER_TOO_HIGH: 'WAGER_TOO_HIGH',
  QUESTION_ANSWERED: 'QUESTION_ANSWERED',
  PLAYER_ALREADY_ANSWERED: 'PLAYER_ALREADY_ANSWERED',
  NAME_TAKEN: 'NAME_TAKEN',
  TOO_EARLY: 'TOO_EARLY',
  LOCKED_OUT: 'LOCKED_OUT',
  ALREADY_TRIED: 'ALREADY_TRIED',
  WAGER_LOCKED: 'WAGER_LOCKED',
  NO_CLUE: 'NO_CLUE',
  CLUE_PHASE: 'CLUE_PHASE',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  UNAVAILABLE: 'UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

export const ErrorDetail = t.Object({ path: t.String(), message: t.String() })
export type ErrorDetail = Static<typeof ErrorDetail>

export const ErrorBody = t.Object(
  {
    success: t.Literal(false),
    error: t.Object({
      code: t.String({ description: 'stable UPPER_SNAKE code', examples: ['GAME_NOT_FOUND'] }),
      message: t.String(),
      details: t.Optional(t.Array(ErrorDetail)),
      suggestion: t.Optional(
        t.String({ description: 'NAME_TAKEN: a free variant of the name, e.g. "Alice 2"', examples: ['Alice 2'] }),
      ),
    }),
  },
  { $id: 'ErrorBody', description: 'Every error response' },
)
export type ErrorBody = Static<typeof ErrorBody>
