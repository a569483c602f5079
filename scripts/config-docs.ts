// `bun run docs:config`: rewrites the configuration tables in README.md, docs/RELAY.md and
// docs/WORKER.md from the apps' config schemas (apps/*/src/config.ts, libs/db/src/cli-env.ts), between
// `<!-- config-table: APPS -->` and `<!-- /config-table -->` (APPS: comma-separated targets, `+test`
// to list test-only knobs too). `--check` changes nothing and exits 1 if a table is out of date.
// tests/config-docs.test.ts runs the same comparison.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describeEnv } from '@gamenight/runtime'
import { ENV_SCHEMAS, type Target } from '../deploy/env-vars.ts'

const ROOT = join(import.meta.dir, '..')
export const DOCS = ['README.md', 'docs/RELAY.md', 'docs/WORKER.md']
const BLOCK = /(<!-- config-table: ([a-z,+]+) -->\n)[\s\S]*?(<!-- \/config-table -->)/g

type Row = { name: string; usedBy: Target[]; defaults: Map<Target, string>; description: string; testOnly: boolean }

const shown = (d: unknown): string => {
  if (d === undefined) return '(unset)'
  if (typeof d === 'string' && (d.startsWith('`') || d.startsWith('('))) return d
  if (typeof d === 'string' && d !== '' && !Number.isNaN(Number(d.replace(/_/g, '')))) return d
  return `\`${String(d)}\``
}

/** One row per variable over `targets`, in order of first appearance; shared variables merged. */
function rows(targets: Target[]): Row[] {
  const out = new Map<string, Row>()
  for (const target of targets) {
    for (const v of describeEnv(ENV_SCHEMAS[target])) {
      const row: Row = out.get(v.name) ?? {
        name: v.name,
        usedBy: [],
        defaults: new Map(),
        description: v.description,
        testOnly: v.testOnly,
      }
      row.usedBy.push(target)
      row.defaults.set(target, shown(v.default))
      out.set(v.name, row)
    }
  }
  return [...out.values()]
}

/** The markdown table (padded columns) for `spec`: `api,relay`, `worker+test`, ... */
export function renderTable(spec: string): string {
  const [list, extra] = spec.split('+')
  const targets = list!.split(',') as Target[]
  for (const t of targets) if (!(t in ENV_SCHEMAS)) throw new Error(`config-table: unknown target "${t}"`)
  const many = targets.length > 1
  const body = rows(targets)
    .filter((r) => extra === 'test' || !r.testOnly)
    .map((r) => {
      const values = [...new Set(r.defaults.values())]
      const dflt = values.length === 1 ? values[0]! : [...r.defaults].map(([t, d]) => `${t} ${d}`).join(', ')
      const meaning = r.testOnly ? `**test only**: ${r.description}` : r.description
      return many ? [`\`${r.name}\``, r.usedBy.join(', '), dflt, meaning] : [`\`${r.name}\``, dflt, meaning]
    })
  const head = many ? ['variable', 'used by', 'default', 'meaning'] : ['variable', 'default', 'meaning']
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  return [line(head), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...body.map(line)].join('\n')
}

/** `text` with every config table regenerated. */
export function renderDoc(text: string): string {
  return text.replace(BLOCK, (_m, open: string, spec: string, close: string) => `${open}${renderTable(spec)}\n${close}`)
}

if (import.meta.main) {
  const check = process.argv.includes('--check')
  let stale = 0
  for (const f of DOCS) {
    const path = join(ROOT, f)
    const before = readFileSync(path, 'utf8')
    const after = renderDoc(before)
    if (after === before) continue
    stale++
    if (check) console.error(`docs:config: ${f} is out of date (bun run docs:config)`)
    else {
      writeFileSync(path, after)
      console.error(`docs:config: rewrote the configuration table in ${f}`)
    }
  }
  if (stale === 0) console.error('docs:config: every configuration table is up to date')
  if (check && stale > 0) process.exit(1)
}
