// Brings a database to the current schema (and, once loaded, the article graph): what
// `bun run migrate`, the api on start, and the test runner's template database all call.
import { createSql, ensureDatabase } from './connect.ts'
import { migrate } from './migrate.ts'

export type SetupStep = (sql: import('postgres').Sql, progress: (msg: string) => void) => Promise<void>

export async function setupDatabase(
  url: string,
  progress: (msg: string) => void,
  extraSteps: SetupStep[] = [],
): Promise<void> {
  if (await ensureDatabase(url)) progress(`created database ${new URL(url).pathname.slice(1)}`)
  const sql = createSql(url, { max: 2 })
  try {
    const applied = await migrate(sql, { onApply: (m) => progress(`applying migration ${m.id} ${m.name}`) })
    progress(applied.length ? `applied ${applied.length} migration(s)` : 'schema up to date')
    for (const step of extraSteps) await step(sql, progress)
  } finally {
    await sql.end({ timeout: 2 })
  }
}
