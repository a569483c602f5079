// Which environment variables each service's code reads, extracted from the source itself so a knob
// added tomorrow is caught by the deployment tests (tests/deploy-*.test.ts, tests/k8s-*.test.ts).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const ROOT = join(import.meta.dir, '..')

export type Target = 'api' | 'relay' | 'worker' | 'migrate'

/** Source files per target: the app's own src (config.ts reads env once), or the migrate CLI. */
function files(target: Target): string[] {
  if (target === 'migrate') return [join(ROOT, 'libs/db/src/cli.ts')]
  const dir = join(ROOT, 'apps', target, 'src')
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(dir, f))
}

// env.NAME, env['NAME'], process.env.NAME, and helper calls such as int(env, 'NAME', ...).
const PATTERNS = [
  /\benv\.([A-Z][A-Z0-9_]*)\b/g,
  /\benv\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\]/g,
  /\(\s*(?:process\.)?env\s*,\s*['"]([A-Z][A-Z0-9_]*)['"]/g,
]

export function envVarsRead(target: Target): string[] {
  const names = new Set<string>()
  for (const f of files(target)) {
    const src = readFileSync(f, 'utf8')
    for (const re of PATTERNS) for (const m of src.matchAll(re)) names.add(m[1]!)
  }
  return [...names].sort()
}

/** Read by the code but deliberately never set by a deployment, with the reason. */
export const NOT_DEPLOYED: Record<string, string> = {
  AI_CONSUMER: 'per-process consumer name; the default (hostname = pod name, pid, random) must stay unique',
}
/** Test-only hooks (`*_TEST_*`) are never set in a deployment. */
export const isTestOnly = (name: string) => /(^|_)TEST(_|$)/.test(name)

export const mustDeploy = (target: Target) => envVarsRead(target).filter((n) => !(n in NOT_DEPLOYED) && !isTestOnly(n))

/** The default port in config.ts (`int(env, 'PORT', 3000)`). */
export function defaultPort(service: 'api' | 'relay' | 'worker'): number {
  const src = readFileSync(join(ROOT, 'apps', service, 'src', 'config.ts'), 'utf8')
  const m = /['"]PORT['"]\s*,\s*(\d+)/.exec(src)
  if (!m) throw new Error(`no PORT default in apps/${service}/src/config.ts`)
  return Number(m[1])
}
