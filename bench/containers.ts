// `bun run bench containers` (root, podman; builds the images first if needed): how long the
// services take to start in containers, beside a baseline measured in the same run — the same
// compiled binaries (deploy/build.ts, what the images ship) started as plain local processes.
//   stack:   `compose up` of the whole file until migrate has finished and the edge answers /readyz
//   service: `start` of a stopped api / relay / worker container until its /readyz answers (median of
//            RUNS), vs the local binary from spawn to /readyz on the machine's Postgres and Redis
// Image sizes are printed too. Env: RUNS (default 3).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadWikiGraph } from '@gamenight/wikigraph'
import { compile } from '../deploy/build.ts'
import { composeUp, containerName, newProjectName, teardown } from '../scripts/compose.ts'
import { engine, engineOut, imageExists, imageSize, mib, run } from '../scripts/engine.ts'
import { BASE, buildImages, ensureBaseImages, imageName, TARGETS } from '../scripts/images.ts'
import { freePort } from '../tests/support/proc.ts'
import { benchDatabase } from './lib/setup.ts'
import { table } from './lib/stats.ts'

const RUNS = Number(process.env.RUNS ?? 3)
const SERVICES = ['api', 'relay', 'worker'] as const
const PORTS = { api: 3000, relay: 3001, worker: 3002 }
const say = (m: string) => console.error(`bench containers: ${m}`)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function readyWithin(url: string, timeoutMs = 60_000): Promise<number> {
  const t0 = performance.now()
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).status === 200) return performance.now() - t0
    } catch {}
    await Bun.sleep(20)
  }
  throw new Error(`not ready: ${url}`)
}

// --- images -----------------------------------------------------------------------------------------
const missing: (typeof TARGETS)[number][] = []
for (const t of TARGETS) if (!(await imageExists(imageName(t)))) missing.push(t)
await ensureBaseImages()
if (missing.length) await buildImages(missing)

// --- baseline: the compiled binaries as local processes ------------------------------------------
const out = mkdtempSync(join(tmpdir(), 'gamenight-bench-bin-'))
const db = await benchDatabase('containers', say, [loadWikiGraph])
const baseline: Record<string, number> = {}
const envFor = (port: number, apiUrl = 'http://127.0.0.1:1') => ({
  ...process.env,
  PORT: String(port),
  DATABASE_URL: db.url,
  REDIS_PREFIX: `gnbench:${crypto.randomUUID().slice(0, 8)}:`,
  MIGRATE_ON_START: 'false',
  API_URL: apiUrl,
  LOG_LEVEL: 'warn',
})
let helperApi: ReturnType<typeof Bun.spawn> | undefined
try {
  for (const svc of SERVICES) {
    say(`compiling ${svc}`)
    await compile(svc, join(out, svc, 'server'), join(out, svc, 'files'))
  }
  // The worker is ready only once its api answers: one api for the worker's runs.
  const helperPort = freePort()
  helperApi = Bun.spawn([join(out, 'api', 'server')], { env: envFor(helperPort), stdout: 'ignore', stderr: 'ignore' })
  await readyWithin(`http://127.0.0.1:${helperPort}/readyz`)
  for (const svc of SERVICES) {
    const times: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const port = freePort()
      const t0 = performance.now()
      const p = Bun.spawn([join(out, svc, 'server')], {
        env: envFor(port, `http://127.0.0.1:${helperPort}`),
        stdout: 'ignore',
        stderr: 'ignore',
      })
      await readyWithin(`http://127.0.0.1:${port}/readyz`)
      times.push(performance.now() - t0)
      p.kill('SIGTERM')
      await p.exited
    }
    baseline[svc] = median(times)
    say(`${svc} as a local process: ${(baseline[svc]! / 1000).toFixed(2)} s`)
  }
} finally {
  helperApi?.kill('SIGTERM')
  await helperApi?.exited
  rmSync(out, { recursive: true, force: true })
  await db.drop()
}

// --- containers: the whole stack, then each service from stopped to ready ------------------------
const project = newProjectName()
const port = freePort()
const inContainer: Record<string, number> = {}
let stack = { migrated: 0, edgeReady: 0 }
try {
  say(`compose up (project ${project})`)
  const t0 = performance.now()
  await composeUp(project, {
    POSTGRES_PASSWORD: crypto.randomUUID(),
    WORKER_TOKEN: crypto.randomUUID(),
    GAMENIGHT_PORT: String(port),
  })
  while (
    (await engineOut(['inspect', '--format', '{{.State.Status}}', containerName(project, 'migrate')])) !== 'exited'
  )
    await Bun.sleep(100)
  stack.migrated = performance.now() - t0
  await readyWithin(`http://127.0.0.1:${port}/readyz`, 120_000)
  stack = { ...stack, edgeReady: performance.now() - t0 }
  for (const svc of SERVICES) {
    const c = containerName(project, svc)
    const times: number[] = []
    for (let i = 0; i < RUNS; i++) {
      await run([engine, 'stop', '-t', '15', c])
      const t1 = performance.now()
      await run([engine, 'start', c])
      const ip = await engineOut(['inspect', '--format', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', c])
      await readyWithin(`http://${ip}:${PORTS[svc]}/readyz`)
      times.push(performance.now() - t1)
    }
    inContainer[svc] = median(times)
  }
} finally {
  await teardown(project)
}

const s = (ms: number) => (ms / 1000).toFixed(2)
console.log(
  `\ncompose stack cold start (one run): migrate done ${s(stack.migrated)} s, edge ready ${s(stack.edgeReady)} s`,
)
console.log(`\nstart to /readyz, median of ${RUNS} (s)`)
console.log(
  table(
    ['service', 'container (podman start)', 'baseline: same binary, local process', 'image size'],
    await Promise.all(
      SERVICES.map(async (svc) => [svc, s(inContainer[svc]!), s(baseline[svc]!), mib(await imageSize(imageName(svc)))]),
    ),
  ),
)
console.log(`\nmigrate image ${mib(await imageSize(imageName('migrate')))}`)
for (const b of Object.values(BASE)) console.log(`${b} ${mib(await imageSize(b))}`)
