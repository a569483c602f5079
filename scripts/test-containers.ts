// `bun run test:containers [files...]`: the suite in containers. Builds every image (`bun run images`:
// counted as one check), serves podman's Docker API on a private socket when DOCKER_HOST is unset (for
// the testcontainers tests), runs tests/containers/ (the compose stack through its edge; the
// testcontainers path of `bun run test`, interrupted too), and ends with `N passed, N failed`.
// Ctrl-C or SIGTERM stops the tests and removes the compose project before exiting; a run whose
// runner was killed outright is removed by the next one.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Subprocess } from 'bun'
import { newProjectName, staleProjects, teardown } from './compose.ts'
import { dockerApi, pingDocker } from './docker-api.ts'
import { engine, engineEnv, isPodman, mib, ROOT, secs } from './engine.ts'
import { buildImages, ensureBaseImages } from './images.ts'

const started = performance.now()
const say = (msg: string) => console.error(`test:containers: ${msg}`)
const project = newProjectName()
let service: Subprocess | undefined
let socketDir: string | undefined
let child: Subprocess | undefined
let interrupted = false

async function cleanUp() {
  await teardown(project).catch((err) => say(`teardown of ${project} failed: ${(err as Error).message}`))
  service?.kill('SIGTERM')
  await service?.exited
  if (socketDir) rmSync(socketDir, { recursive: true, force: true })
}

function summary(passed: number, failed: number): never {
  say(`finished in ${secs(performance.now() - started)}`)
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(failed === 0 && passed > 0 ? 0 : 1)
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (interrupted) return
    interrupted = true
    say(`${signal}: stopping the tests and removing ${project}`)
    child?.kill(signal)
    await child?.exited
    await cleanUp()
    process.exit(signal === 'SIGINT' ? 130 : 143)
  })
}

if (isPodman && !Bun.which('podman-compose')) {
  say('podman-compose is missing: apt-get install -y podman runc debootstrap podman-compose')
  summary(0, 1)
}

for (const stale of await staleProjects()) {
  say(`removing ${stale}, left by a run that was killed`)
  await teardown(stale)
}

// The images: one check of their own (a failed build fails CI like a test does).
let imagesOk = true
try {
  await ensureBaseImages()
  for (const b of await buildImages()) say(`${b.image}: ${mib(b.bytes)}, built in ${secs(b.ms)}`)
} catch (err) {
  say(`building the images failed: ${(err as Error).message}`)
  imagesOk = false
}
if (!imagesOk) summary(0, 1)

// The testcontainers tests need a Docker Engine API: podman's, on a socket of this run's own.
let dockerHost = process.env.DOCKER_HOST
if (!dockerHost && isPodman) {
  socketDir = mkdtempSync(join(tmpdir(), 'gamenight-podman-'))
  dockerHost = `unix://${join(socketDir, 'podman.sock')}`
  say(`serving podman's Docker API at ${dockerHost}`)
  service = Bun.spawn([engine, 'system', 'service', '--time=0', dockerHost], {
    env: engineEnv(),
    stdout: 'ignore',
    stderr: 'ignore',
  })
  const api = dockerApi({ DOCKER_HOST: dockerHost })!
  const deadline = Date.now() + 20_000
  while (!(await pingDocker(api, 1000)) && Date.now() < deadline) await Bun.sleep(200)
}

const args = process.argv.slice(2)
child = Bun.spawn(
  ['bun', 'test', '--no-orphans', '--timeout', '600000', ...(args.length ? args : ['tests/containers/'])],
  {
    cwd: ROOT,
    env: { ...engineEnv(), DOCKER_HOST: dockerHost, GN_COMPOSE_PROJECT: project },
    stdout: 'inherit',
    stderr: 'pipe',
  },
)

// bun test writes its report to stderr; pass it through and count as it goes.
const dec = new TextDecoder()
let tail = ''
for await (const chunk of child.stderr as ReadableStream<Uint8Array>) {
  const text = dec.decode(chunk)
  process.stderr.write(text)
  tail = (tail + text).slice(-4000)
}
const code = await child.exited
if (interrupted) await new Promise(() => {})
await cleanUp()
const pass = Number(/^\s*(\d+) pass$/m.exec(tail)?.[1] ?? 0)
const fail = Number(/^\s*(\d+) fail$/m.exec(tail)?.[1] ?? (code === 0 ? 0 : 1))
summary(pass + 1, fail + (code !== 0 && fail === 0 ? 1 : 0))
