// `bun run test` on testcontainers for real: with DOCKER_HOST naming a Docker Engine API (podman's,
// started by `bun run test:containers`), a real test file runs on Postgres and Redis containers, and
// no container or volume is left afterwards — also when the runner is interrupted (SIGINT, SIGTERM)
// or killed outright (the next run removes what the dead one left).
import { beforeAll, describe, expect, it } from 'bun:test'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { containersLabelled, dockerApi, pingDocker } from '../../scripts/docker-api.ts'
import { engineOut } from '../../scripts/engine.ts'
import { RUN_LABEL } from '../../scripts/testcontainers.ts'
import { waitFor } from '../support/proc.ts'

const ROOT = join(import.meta.dir, '..', '..')
const api = dockerApi()
// A quick file of the real suite that needs both Postgres and Redis.
const TEST_FILE = 'tests/trivia-errors.test.ts'

beforeAll(async () => {
  if (!api || !(await pingDocker(api)))
    throw new Error('no Docker Engine API: set DOCKER_HOST (`bun run test:containers` starts podman system service)')
})

/** `bun run test <file>` as a child with the Docker API and no DATABASE_URL / REDIS_URL. */
function runTests() {
  const { DATABASE_URL: _d, REDIS_URL: _r, GN_TEMPLATE_DB: _t, ...env } = process.env
  const proc = Bun.spawn(['bun', 'scripts/test.ts', TEST_FILE], {
    cwd: ROOT,
    env,
    stdout: 'pipe',
    stderr: 'pipe',
  })
  let out = ''
  const dec = new TextDecoder()
  const pump = async (s: ReadableStream<Uint8Array>) => {
    for await (const c of s) out += dec.decode(c)
  }
  const done = Promise.all([pump(proc.stdout), pump(proc.stderr)])
  return {
    proc,
    get out() {
      return out
    },
    exited: async () => {
      const code = await proc.exited
      await done
      return code
    },
  }
}

const containersOf = async (pid: number) => containersLabelled(api!, `${RUN_LABEL}=${hostname()}:${pid}`)
const volumes = async () => (await engineOut(['volume', 'ls', '-q'])).split('\n').filter(Boolean).sort()

describe('bun run test with testcontainers', () => {
  it('runs a test file on Postgres and Redis containers and removes them afterwards', async () => {
    const before = await volumes()
    const run = runTests()
    const code = await run.exited()
    expect(run.out).toContain('starting Postgres and Redis with testcontainers')
    expect(run.out).toMatch(/\(containers\)/)
    expect(run.out).toMatch(/^[1-9]\d* passed, 0 failed$/m)
    expect(code).toBe(0)
    expect(await containersOf(run.proc.pid)).toEqual([])
    expect(await volumes()).toEqual(before)
  }, 180_000)

  for (const [signal, when, code] of [
    ['SIGTERM', 'preparing template database', 143],
    ['SIGINT', 'bun test v', 130],
  ] as const) {
    it(`removes its containers and volumes when the runner gets ${signal} (at "${when}")`, async () => {
      const before = await volumes()
      const run = runTests()
      await waitFor(() => run.out.includes(when) || run.proc.exitCode !== null, 120_000, when)
      expect((await containersOf(run.proc.pid)).length).toBe(2)
      run.proc.kill(signal)
      expect(await run.exited()).toBe(code)
      expect(run.out).toContain(`${signal}: stopping the tests and cleaning up`)
      expect(await containersOf(run.proc.pid)).toEqual([])
      expect(await volumes()).toEqual(before)
    }, 180_000)
  }

  it('a later run removes the containers of a runner that was killed (SIGKILL)', async () => {
    const before = await volumes()
    const killed = runTests()
    await waitFor(() => killed.out.includes('preparing template database'), 120_000, 'containers up')
    killed.proc.kill('SIGKILL')
    await killed.exited()
    expect((await containersOf(killed.proc.pid)).length).toBe(2)
    const next = runTests()
    expect(await next.exited()).toBe(0)
    expect(next.out).toContain(`left by test run ${hostname()}:${killed.proc.pid}`)
    expect(await containersOf(killed.proc.pid)).toEqual([])
    expect(await volumes()).toEqual(before)
  }, 240_000)
})
