// A fresh database per test file, copied from the migrated template (fast: no re-import of the
// article graph), dropped afterwards.
import { createSql, migrate, type Sql } from '@gamenight/db'
import postgres from 'postgres'
import { BASE_DATABASE_URL, TEMPLATE_DB } from './env.ts'

export function dbUrl(name: string): string {
  const u = new URL(BASE_DATABASE_URL)
  u.pathname = `/${name}`
  return u.toString()
}

export type TestDb = { name: string; url: string; sql: Sql; drop: () => Promise<void> }

export async function freshDatabase(label = 'test'): Promise<TestDb> {
  const name = `gn_${label
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .slice(0, 20)}_${crypto.randomUUID().slice(0, 8)}`
  const admin = postgres(dbUrl('postgres'), { max: 1, onnotice: () => {} })
  try {
    if (TEMPLATE_DB) await admin.unsafe(`create database "${name}" template "${TEMPLATE_DB}"`)
    else await admin.unsafe(`create database "${name}"`)
  } finally {
    await admin.end()
  }
  const url = dbUrl(name)
  const sql = createSql(url, { max: 10 })
  if (!TEMPLATE_DB) await migrate(sql)
  return {
    name,
    url,
    sql,
    drop: async () => {
      await sql.end({ timeout: 1 })
      const a = postgres(dbUrl('postgres'), { max: 1, onnotice: () => {} })
      try {
        await a.unsafe(`drop database if exists "${name}" with (force)`)
      } finally {
        await a.end()
      }
    },
  }
}
