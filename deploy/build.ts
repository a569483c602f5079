// Compiles one service into a standalone `bun build --compile` binary: what the Dockerfile runs and
// what tests/deploy-binaries.test.ts runs, so the test proves the same artefact the image ships.
// Usage: bun deploy/build.ts <api|relay|worker> <outfile>
//
// Files a service reads at run time through `import.meta.dir` must be embedded: in a compiled
// binary every bundled module's `import.meta.dir` is `/$bunfs/root`, and `--asset <dir>` embeds a
// directory at `/$bunfs/root/<basename>` (readdir works there). So `libs/db`'s MIGRATIONS_DIR
// (`join(import.meta.dir, 'migrations')`) resolves to the embedded copy and MIGRATE_ON_START works.
import { join } from 'node:path'

export const SERVICES = ['api', 'relay', 'worker'] as const
export type Service = (typeof SERVICES)[number]

const ROOT = join(import.meta.dir, '..')

/** Directories embedded per service (paths relative to the repo root). */
export const ASSETS: Record<Service, string[]> = {
  api: ['libs/db/src/migrations'],
  relay: [],
  worker: [],
}

export function compileArgs(service: Service, outfile: string): string[] {
  return [
    'bun',
    'build',
    '--compile',
    '--sourcemap',
    `apps/${service}/src/main.ts`,
    ...ASSETS[service].flatMap((dir) => ['--asset', dir]),
    '--outfile',
    outfile,
  ]
}

export async function compile(service: Service, outfile: string): Promise<void> {
  const proc = Bun.spawn(compileArgs(service, outfile), { cwd: ROOT, stdout: 'pipe', stderr: 'pipe' })
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited])
  if (code !== 0) throw new Error(`bun build --compile ${service} failed (${code}):\n${out}${err}`)
}

if (import.meta.main) {
  const [service, outfile] = process.argv.slice(2)
  if (!SERVICES.includes(service as Service) || !outfile) {
    console.error(`usage: bun deploy/build.ts <${SERVICES.join('|')}> <outfile>`)
    process.exit(2)
  }
  await compile(service as Service, outfile.startsWith('/') ? outfile : join(process.cwd(), outfile))
  console.error(`built ${service} -> ${outfile}`)
}
