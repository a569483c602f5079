// One JSON object per line on stdout, so any log shipper can read every service the same way.
export type Level = 'debug' | 'info' | 'warn' | 'error'
export type Fields = Record<string, unknown>
export type Logger = {
  debug(msg: string, fields?: Fields): void
  info(msg: string, fields?: Fields): void
  warn(msg: string, fields?: Fields): void
  error(msg: string, fields?: Fields): void
  child(fields: Fields): Logger
}

const rank: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export function createLogger(
  service: string,
  opts: { level?: Level; write?: (line: string) => void; base?: Fields } = {},
): Logger {
  const min = rank[opts.level ?? 'info']
  const write = opts.write ?? ((line: string) => process.stdout.write(`${line}\n`))
  const base = { service, ...opts.base }
  const emit = (level: Level, msg: string, fields?: Fields) => {
    if (rank[level] < min) return
    write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...base, ...fields }, errorReplacer))
  }
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(service, { ...opts, base: { ...opts.base, ...fields } }),
  }
}

// Errors have no enumerable fields; without this they log as `{}`.
function errorReplacer(_key: string, value: unknown) {
  if (value instanceof Error)
    return { name: value.name, message: value.message, code: (value as { code?: unknown }).code }
  return value
}
