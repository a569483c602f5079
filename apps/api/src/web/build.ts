// Builds the web client on the first request for it, when WEB_DIR is apps/web/dist and that is
// missing: on a fresh clone `bun run start:api` alone serves `/`, as it sets up the database alone.
// Images ship the built client, so there the build is never needed (nor possible).
// One build per process (memoized) and per checkout: a lock directory beside dist keeps api
// processes that start together from building over each other; the others wait for index.html.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { Logger } from '@gamenight/log'

/** A lock older than this is left by a process that died mid-build. */
const STALE_LOCK_MS = 120_000

/**
 * Returns `build()` when `dir` is the output of a web client source beside it (`<src>/dist` with
 * `<src>/build.ts` and package `@gamenight/web`), else undefined. `build()` resolves once
 * `<dir>/index.html` exists (built here or by another process) and rejects when the build fails or
 * takes over 2 min; concurrent calls share one build.
 */
export function webBuilder(dir: string, log: Logger): (() => Promise<void>) | undefined {
  const source = dirname(dir)
  if (basename(dir) !== 'dist' || !existsSync(join(source, 'build.ts'))) return undefined
  try {
    if (JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')).name !== '@gamenight/web') return undefined
  } catch {
    return undefined
  }
  const index = join(dir, 'index.html')
  const lock = join(source, '.dist-building')
  let running: Promise<void> | undefined

  async function buildOnce(): Promise<void> {
    const deadline = Date.now() + STALE_LOCK_MS
    while (!existsSync(index)) {
      if (Date.now() > deadline) throw new Error(`the web client was not built within ${STALE_LOCK_MS} ms`)
      try {
        mkdirSync(lock)
      } catch {
        // Another process builds: wait for it, unless its lock is stale.
        const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now())
        if (age > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true })
        await Bun.sleep(200)
        continue
      }
      try {
        const started = performance.now()
        log.info('building the web client', { dir })
        const proc = Bun.spawn([process.execPath, 'build.ts'], { cwd: source, stdout: 'pipe', stderr: 'pipe' })
        const [out, err, code] = await Promise.all([
          new Response(proc.stdout).text(),
          new Response(proc.stderr).text(),
          proc.exited,
        ])
        if (code !== 0) throw new Error(`web build exited ${code}: ${(out + err).trim().slice(-2000)}`)
        log.info('web client built', { dir, ms: Math.round(performance.now() - started) })
      } finally {
        rmSync(lock, { recursive: true, force: true })
      }
    }
  }

  return () => {
    running ??= buildOnce().finally(() => {
      running = undefined
    })
    return running
  }
}
