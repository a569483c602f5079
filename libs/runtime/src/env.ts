// Parsing helpers for each app's config.ts: a bad value stops the process at start, naming the
// variable, instead of surfacing later as odd behaviour.
export type Env = Record<string, string | undefined>
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export function envInt(env: Env, name: string, dflt: number, min = 0): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return dflt
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`)
  return n
}

export function logLevel(raw: string | undefined): LogLevel {
  const v = raw ?? 'info'
  if (v === 'debug' || v === 'info' || v === 'warn' || v === 'error') return v
  throw new Error(`LOG_LEVEL must be debug, info, warn or error, got "${v}"`)
}
