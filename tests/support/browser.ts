// Browser end-to-end support: the whole suite as real processes (api serving the built web client,
// relay, worker) on a fresh database and Redis prefix, and Debian's Chromium driven by
// playwright-core. Screenshots go to docs/screenshots/ for docs/WEB.md.
import { mkdir, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { freshDatabase } from './db.ts'
import { REDIS_URL } from './env.ts'
import { type Proc, startService, waitFor } from './proc.ts'
import { testRedis } from './redis.ts'

const ROOT = join(import.meta.dir, '..', '..')
const WEB = join(ROOT, 'apps', 'web')
export const SCREENSHOTS = join(ROOT, 'docs', 'screenshots')
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

async function newest(dir: string): Promise<number> {
  let t = 0
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? await newest(p) : (await stat(p)).mtimeMs)
  }
  return t
}

/** Builds apps/web/dist when it is missing or older than any source (the api serves it). */
export async function ensureWebBuilt(): Promise<void> {
  const built = await stat(join(WEB, 'dist', 'index.html')).then(
    (s) => s.mtimeMs,
    () => 0,
  )
  const sources = Math.max(await newest(join(WEB, 'src')), await newest(join(ROOT, 'libs', 'client', 'src')))
  if (built > sources) return
  const p = Bun.spawn(['bun', 'build.ts'], { cwd: WEB, stdout: 'pipe', stderr: 'pipe' })
  if ((await p.exited) !== 0) throw new Error(`web build failed:\n${await new Response(p.stderr).text()}`)
}

export type WebSuite = Awaited<ReturnType<typeof startWebSuite>>

export async function startWebSuite(
  label: string,
  opts: { worker?: boolean; workerEnv?: Record<string, string> } = {},
) {
  await ensureWebBuilt()
  const db = await freshDatabase(label)
  const redis = await testRedis(label)
  const base = {
    DATABASE_URL: db.url,
    REDIS_URL,
    REDIS_PREFIX: redis.prefix,
    WORKER_TOKEN: 'test-worker-token',
    LOG_LEVEL: 'warn',
  }
  let relay: Proc = await startService('relay', base)
  const api = await startService('api', {
    ...base,
    MIGRATE_ON_START: 'false',
    PUBLIC_RELAY_URL: `ws://127.0.0.1:${relay.port}`,
  })
  const worker = opts.worker
    ? await startService('worker', {
        ...base,
        API_URL: api.url,
        AI_MOVE_DELAY_MS: '300',
        AI_BLOCK_MS: '200',
        ...opts.workerEnv,
      })
    : null
  const browser = await launchBrowser()
  const contexts: BrowserContext[] = []
  return {
    db,
    redis,
    api,
    url: api.url,
    get relay() {
      return relay
    },
    browser,
    /** A separate browser profile (own cookies and localStorage): one person's device. */
    async device(kind: 'laptop' | 'phone' | 'tv' = 'laptop'): Promise<Page> {
      const viewport =
        kind === 'phone'
          ? { width: 390, height: 844 }
          : kind === 'tv'
            ? { width: 1600, height: 900 }
            : { width: 1366, height: 900 }
      const ctx = await browser.newContext({
        viewport,
        deviceScaleFactor: 1,
        isMobile: kind === 'phone',
        hasTouch: kind === 'phone',
      })
      contexts.push(ctx)
      const page = await ctx.newPage()
      page.setDefaultTimeout(15000)
      return page
    },
    /** Stops the relay (SIGKILL: no goodbye to the clients) and starts it again on the same port. */
    async restartRelay(gapMs = 500) {
      await relay.kill('SIGKILL')
      await Bun.sleep(gapMs)
      relay = await startService('relay', base, { port: relay.port })
    },
    async stop() {
      for (const c of contexts) await c.close().catch(() => {})
      await browser.close().catch(() => {})
      await worker?.kill('SIGTERM')
      await relay.kill('SIGTERM')
      await api.kill('SIGTERM')
      await redis.cleanup()
      await db.drop()
    },
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}) {
  await mkdir(SCREENSHOTS, { recursive: true })
  // Let animations (score flash, clue zoom) settle so the picture shows the resting state.
  await page.waitForTimeout(400)
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: opts.fullPage ?? false })
}

/** Waits until `fn` (run in the page) returns something truthy; a message names what was awaited. */
export async function until<T>(_page: Page, what: string, fn: () => T | Promise<T>, timeoutMs = 15000): Promise<T> {
  return waitFor(async () => (await fn()) as T, timeoutMs, what)
}

export { waitFor }
