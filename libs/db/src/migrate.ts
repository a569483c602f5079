// Forward-only migrator in the spirit of postgres-shift: numbered folders `NNNNN_name/index.sql`,
// each applied once, in order, in its own transaction. An advisory lock makes concurrent starts
// (several api pods, a migrate Job) safe: the second waits, then finds nothing left to do.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Sql } from 'postgres'

const LOCK_ID = 0x67616d65 // "game"
export const MIGRATIONS_DIR = join(import.meta.dir, 'migrations')

export type Migration = { id: number; name: string; path: string }

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d{5}_/.test(d.name))
    .map((d) => ({ id: Number(d.name.slice(0, 5)), name: d.name.slice(6), path: join(dir, d.name, 'index.sql') }))
    .sort((a, b) => a.id - b.id)
}

export async function migrate(
  sql: Sql,
  opts: { dir?: string; onApply?: (m: Migration) => void } = {},
): Promise<Migration[]> {
  const migrations = listMigrations(opts.dir)
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${LOCK_ID})`
    await tx`create table if not exists migrations (
      id integer primary key, name text not null, applied_at timestamptz not null default now())`
    const done = new Set((await tx<{ id: number }[]>`select id from migrations`).map((r) => r.id))
    const applied: Migration[] = []
    for (const m of migrations) {
      if (done.has(m.id)) continue
      opts.onApply?.(m)
      await tx.unsafe(readFileSync(m.path, 'utf8'))
      await tx`insert into migrations (id, name) values (${m.id}, ${m.name})`
      applied.push(m)
    }
    return applied
  })
}
