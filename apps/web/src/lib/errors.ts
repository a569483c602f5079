// Turns anything a call can throw into words for a person. The api's own message is kept (it is
// written for people); a few codes get a plainer sentence, and network failures say so.
const PLAIN: Record<string, string> = {
  GAME_NOT_FOUND: 'This game does not exist (check the link).',
  PLAYER_NOT_FOUND: 'That player is no longer in this game.',
  UNAUTHORIZED: 'This device is not signed in to this game any more.',
  FORBIDDEN: 'Only the host can do that.',
  UNAVAILABLE: 'The server is busy reconnecting to its database. Try again in a moment.',
  NOT_A_LINK: 'That article is not linked from the current one.',
  UNKNOWN_ARTICLE: 'There is no article with that title.',
  ARTICLE_NOT_FOUND: 'There is no article with that title.',
  GAME_OVER: 'This game is already over.',
  VERSION_CONFLICT: 'Someone else changed this first; the screen has been refreshed.',
  WAGER_TOO_HIGH: 'That wager is more than allowed.',
  WAGER_NOT_ALLOWED: 'No wager can be placed on this question.',
  WAGER_LOCKED: 'Too late: wagers are locked once the clue is shown.',
  TOO_EARLY: 'Too early: the buzzers were not open yet.',
  LOCKED_OUT: 'Locked out for a moment for pressing too early.',
  ALREADY_TRIED: 'You already answered this clue.',
  PAYLOAD_TOO_LARGE: 'That is too big to send.',
}

export type Problem = { code: string; message: string; details?: { path: string; message: string }[] }

export function toProblem(err: unknown): Problem {
  if (err && typeof err === 'object') {
    const e = err as {
      code?: unknown
      message?: unknown
      details?: unknown
      status?: unknown
      error?: unknown
      body?: unknown
    }
    // A contract error body, or something carrying one.
    const body = (e.body ?? e) as { error?: { code?: string; message?: string; details?: Problem['details'] } }
    if (body.error && typeof body.error.code === 'string') {
      return { code: body.error.code, message: body.error.message ?? body.error.code, details: body.error.details }
    }
    if (typeof e.code === 'string' && typeof e.message === 'string' && /^[A-Z_]+$/.test(e.code)) {
      return {
        code: e.code,
        message: e.message,
        details: Array.isArray(e.details) ? (e.details as Problem['details']) : undefined,
      }
    }
    if (err instanceof TypeError)
      return { code: 'NETWORK', message: 'Cannot reach the server. Check the connection; it will retry.' }
    if (err instanceof Error) return { code: 'ERROR', message: err.message }
  }
  return { code: 'ERROR', message: String(err) }
}

/** One sentence for a person. */
export function describe(err: unknown): string {
  const p = toProblem(err)
  const plain = PLAIN[p.code]
  if (p.code === 'VALIDATION' && p.details?.length) {
    return `Please check the form: ${p.details.map((d) => `${d.path.replace(/^\//, '') || 'input'} ${d.message}`).join('; ')}.`
  }
  return plain ?? p.message
}
