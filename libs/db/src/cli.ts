// `bun run migrate`: schema and article graph, idempotent, with progress on stderr.
import { loadWikiGraph } from '@gamenight/wikigraph'
import { loadMigrateConfig } from './cli-env.ts'
import { setupDatabase } from './setup.ts'

const url = loadMigrateConfig().DATABASE_URL
const started = performance.now()
try {
  await setupDatabase(url, (msg) => console.error(`migrate: ${msg}`), [loadWikiGraph])
  console.error(`migrate: done in ${((performance.now() - started) / 1000).toFixed(1)} s`)
} catch (err) {
  console.error(`migrate: failed: ${(err as Error).message}`)
  console.error(`migrate: is Postgres running and reachable at ${url.replace(/\/\/[^@]*@/, '//***@')}?`)
  process.exit(1)
}
