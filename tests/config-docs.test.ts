// The configuration tables in the docs are the config schemas, rendered: a knob added to a schema
// and not to the docs (or documented and gone) fails here. Fix with `bun run docs:config`.
import { expect, it } from 'bun:test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DOCS, renderDoc, renderTable } from '../scripts/config-docs.ts'

const ROOT = join(import.meta.dir, '..')

it('has every configuration table in the docs equal to what the config schemas say', () => {
  for (const f of DOCS) {
    const text = readFileSync(join(ROOT, f), 'utf8')
    expect(text, f).toContain('<!-- config-table: ')
    expect(renderDoc(text), f).toBe(text)
  }
})

it("lists every variable of every app in the README with its default, and the worker's test hooks only in docs/WORKER.md", () => {
  const all = renderTable('api,relay,worker,migrate')
  for (const v of [
    'DATABASE_URL',
    'REDIS_PREFIX',
    'RELAY_BACKLOG_CHECK_MS',
    'REDIS_CLUSTER_NODES',
    'AI_MEMORY_CEILING_MB',
    'PUBLIC_RELAY_URL',
  ])
    expect(all).toContain(`\`${v}\``)
  expect(all).toMatch(/\| `PORT` +\| api, relay, worker +\| api `?3000`?, relay `?3001`?, worker `?3002`? +\|/)
  expect(all).not.toContain('AI_TEST_PAUSE')
  expect(renderTable('worker+test')).toContain('**test only**')
})
