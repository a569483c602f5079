// Compiles one service into a standalone `bun build --compile` binary plus the files it reads at run
// time: what the Dockerfile runs and what tests/deploy-binaries.test.ts runs, so the test proves the
// same artefact the image ships.
// Usage: bun deploy/build.ts <api|relay|worker> <outfile> <filesDir>   (the image uses /app/files)
//
// Why filesDir: libraries find their data next to their source (`join(import.meta.dir, ...)`), and in
// a compiled binary every module's `import.meta.dir` is the virtual `/$bunfs/root`, where directories
// outside it (`../data`) cannot be embedded. So the build defines `import.meta.dir` as
// `<filesDir>/src` and copies each file to where that makes the libraries look:
//   libs/db        join(dir, 'migrations')             -> <filesDir>/src/migrations
//   libs/wikigraph join(dir, '..', 'data')             -> <filesDir>/data
//   libs/wiki-ai   join(dir, '..', 'data', 'idf.tsv')  -> <filesDir>/data/idf.tsv
//   libs/wiki-ai   join(dir, '..', 'data', 'embedding.bin')  -> <filesDir>/data/embedding.bin
// tests/deploy-artifacts.test.ts fails when a new `import.meta.dir` use appears that is not listed here.
import { cpSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

export const SERVICES = ['api', 'relay', 'worker'] as const
export type Service = (typeof SERVICES)[number]

const ROOT = join(import.meta.dir, '..')

/** Source files that locate data through `import.meta.dir`, and what the build ships for them. */
export const META_DIR_USERS: Record<string, { from: string; to: string }> = {
  'libs/db/src/migrate.ts': { from: 'libs/db/src/migrations', to: 'src/migrations' },
  'libs/wikigraph/src/load.ts': { from: 'libs/wikigraph/data', to: 'data' },
  'libs/wiki-ai/src/corpus.ts': { from: 'libs/wiki-ai/data/idf.tsv', to: 'data/idf.tsv' },
  'libs/wiki-ai/src/embedding.ts': { from: 'libs/wiki-ai/data/embedding.bin', to: 'data/embedding.bin' },
}

/** Which of them each service needs (the api migrates and loads the graph when MIGRATE_ON_START). */
export const FILES: Record<Service, string[]> = {
  api: ['libs/db/src/migrate.ts', 'libs/wikigraph/src/load.ts'],
  relay: [],
  worker: ['libs/wiki-ai/src/corpus.ts', 'libs/wiki-ai/src/embedding.ts'],
}

export function compileArgs(service: Service, outfile: string, filesDir: string): string[] {
  return [
    'bun',
    'build',
    '--compile',
    '--sourcemap',
    '--define',
    `import.meta.dir=${JSON.stringify(join(filesDir, 'src'))}`,
    `apps/${service}/src/main.ts`,
    '--outfile',
    outfile,
  ]
}

export async function compile(service: Service, outfile: string, filesDir: string): Promise<void> {
  const proc = Bun.spawn(compileArgs(service, outfile, filesDir), { cwd: ROOT, stdout: 'pipe', stderr: 'pipe' })
  const [out, err, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ])
  if (code !== 0) throw new Error(`bun build --compile ${service} failed (${code}):\n${out}${err}`)
  mkdirSync(join(filesDir, 'src'), { recursive: true })
  for (const user of FILES[service]) {
    const { from, to } = META_DIR_USERS[user]!
    mkdirSync(dirname(join(filesDir, to)), { recursive: true })
    cpSync(join(ROOT, from), join(filesDir, to), { recursive: true })
  }
}

if (import.meta.main) {
  const [service, outfile, filesDir] = process.argv.slice(2)
  if (!SERVICES.includes(service as Service) || !outfile || !filesDir) {
    console.error(`usage: bun deploy/build.ts <${SERVICES.join('|')}> <outfile> <filesDir>`)
    process.exit(2)
  }
  await compile(service as Service, resolve(outfile), resolve(filesDir))
  console.error(`built ${service} -> ${outfile} (files in ${filesDir})`)
}
