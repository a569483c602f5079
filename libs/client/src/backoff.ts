// Exponential backoff with full jitter: a random delay in [0, min(max, base·2^attempt)], so many
// clients dropped at once (a relay restart) do not come back in lockstep. The one backoff rule for
// every caller: REST retries (http.ts), the relay socket's reconnects, snapshot re-reads, and the AI
// worker holding a turn while the api is down. Not a retry library (p-retry, exponential-backoff):
// those wrap one promise-returning call, while the socket reconnects from close events and the
// worker's turn loop decides per error; a delay function serves them all.
export type Backoff = { baseMs: number; maxMs: number }
export const DEFAULT_BACKOFF: Backoff = { baseMs: 250, maxMs: 10_000 }

export function backoffDelay(
  attempt: number,
  b: Backoff = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const cap = Math.min(b.maxMs, b.baseMs * 2 ** Math.min(attempt, 30))
  return Math.floor(random() * cap)
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** A random id for Idempotency-Key: crypto.randomUUID where it exists (secure contexts), else getRandomValues. */
export function newKey(): string {
  const c = globalThis.crypto
  if (typeof c?.randomUUID === 'function') return c.randomUUID()
  const b = c.getRandomValues(new Uint8Array(16))
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
}
