// Postgres and Redis for `bun run test` from testcontainers, on any Docker Engine API (Docker, or
// podman's `podman system service`).
// - Images: the official names (TEST_POSTGRES_IMAGE, TEST_REDIS_IMAGE); where they cannot be pulled
//   (no registry), look-alikes are built from Debian's packages (deploy/base) and tagged with them.
// - Readiness: a listening port plus `pg_isready` run inside, not the image's Docker healthcheck, which
//   podman without systemd never runs (PostgreSqlContainer's default wait would hang there).
// - No leaks: Ryuk (testcontainers' reaper) cannot be pulled here, so it is off and this module cleans
//   up: every container is labelled with the runner's host and pid, removed (with its volumes) when
//   the run ends or is interrupted, and a later run removes those of runners that died (SIGKILL).
import { hostname } from 'node:os'
import { PostgreSqlContainer } from '@testcontainers/postgresql'
import { RedisContainer } from '@testcontainers/redis'
import { Wait } from 'testcontainers'
import { containersLabelled, type DockerApi, removeContainer } from './docker-api.ts'
import { engine, imageExists, run } from './engine.ts'
import { BASE, type Base, ensureBaseImages } from './images.ts'

export const TEST_IMAGES = {
  postgres: process.env.TEST_POSTGRES_IMAGE ?? 'postgres:15-bookworm',
  redis: process.env.TEST_REDIS_IMAGE ?? 'redis:7.0-bookworm',
}

/** Label on every container a test run starts; its value is `<host>:<runner pid>`. */
export const RUN_LABEL = 'gamenight.test-run'
const owner = `${hostname()}:${process.pid}`

type Say = (msg: string) => void

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Removes the containers of earlier runs on this host whose runner is gone. */
export async function sweepStale(api: DockerApi, say: Say): Promise<void> {
  for (const c of await containersLabelled(api, RUN_LABEL)) {
    const [host, pid] = (c.Labels[RUN_LABEL] ?? '').split(':')
    if (host !== hostname() || alive(Number(pid))) continue
    say(`removing ${c.Names.join(',')} left by test run ${c.Labels[RUN_LABEL]} (its runner is gone)`)
    await removeContainer(api, c.Id)
  }
}

/** Removes this run's containers; repeated while any appear (one may be in creation when interrupted). */
export async function removeOwnContainers(api: DockerApi): Promise<number> {
  let removed = 0
  for (let round = 0; round < 5; round++) {
    const mine = await containersLabelled(api, `${RUN_LABEL}=${owner}`)
    if (mine.length === 0 && round > 0) break
    for (const c of mine) await removeContainer(api, c.Id)
    removed += mine.length
    await Bun.sleep(300)
  }
  return removed
}

/** The image exists locally, or is pulled, or is built from Debian's packages and tagged with `name`. */
async function ensureImage(name: string, base: Base, say: Say): Promise<void> {
  if (!Bun.which(engine)) return // a remote engine without a local CLI: testcontainers pulls
  if (await imageExists(name)) return
  say(`pulling ${name}`)
  if ((await run([engine, 'pull', name], { check: false })).code === 0) return
  say(`${name} cannot be pulled: building it from Debian's packages (${BASE[base]})`)
  await ensureBaseImages([base])
  await run([engine, 'tag', BASE[base], name])
}

export type Services = { databaseUrl: string; redisUrl: string }

/** Starts Postgres (user and password `postgres`) and Redis; their URLs reach them from this host. */
export async function startServices(say: Say): Promise<Services> {
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true'
  await ensureImage(TEST_IMAGES.postgres, 'postgres', say)
  await ensureImage(TEST_IMAGES.redis, 'redis', say)
  const labels = { [RUN_LABEL]: owner }
  const [pg, rd] = await Promise.all([
    new PostgreSqlContainer(TEST_IMAGES.postgres)
      .withUsername('postgres')
      .withPassword('postgres')
      .withLabels(labels)
      .withWaitStrategy(
        Wait.forAll([Wait.forListeningPorts(), Wait.forSuccessfulCommand('pg_isready -h 127.0.0.1 -U postgres')]),
      )
      .start(),
    new RedisContainer(TEST_IMAGES.redis).withLabels(labels).start(),
  ])
  const db = new URL(pg.getConnectionUri())
  db.pathname = '/postgres'
  return { databaseUrl: db.toString(), redisUrl: rd.getConnectionUrl() }
}
