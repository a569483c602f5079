// One place that turns a URL into a postgres.js client with the settings every service shares.
import postgres, { type Sql } from 'postgres'

export type { Sql }

export function createSql(url: string, opts: { max?: number; onnotice?: () => void } = {}): Sql {
  return postgres(url, {
    max: opts.max ?? 10,
    // Fail fast while Postgres is down so /readyz answers 503 instead of hanging.
    connect_timeout: 5,
    idle_timeout: 30,
    onnotice: opts.onnotice ?? (() => {}),
    // int8 (seq, outbox ids) as a JS number: it stays far below 2^53 for any real deployment.
    types: {
      int8: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
    },
    transform: { undefined: null },
  })
}

/** Creates the database named in `url` if it does not exist (first start on a fresh machine). */
export async function ensureDatabase(url: string): Promise<boolean> {
  const u = new URL(url)
  const name = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres'
  u.pathname = '/postgres'
  const admin = postgres(u.toString(), { max: 1, onnotice: () => {}, connect_timeout: 5 })
  try {
    const [row] = await admin`select 1 as one from pg_database where datname = ${name}`
    if (row) return false
    await admin.unsafe(`create database "${name.replace(/"/g, '""')}"`)
    return true
  } catch (e) {
    // Two processes racing to create it: the loser sees duplicate_database, which is fine.
    if ((e as { code?: string }).code === '42P04') return false
    throw e
  } finally {
    await admin.end()
  }
}
