// deploy/compose.yaml under podman-compose (or `docker compose` with CONTAINER_ENGINE=docker), as one
// named project: bring it up from the built images, find its containers, and tear it down so that no
// container, volume or network of it is left, even after a failed or interrupted run.
import { join } from 'node:path'
import { engine, engineEnv, engineOut, isPodman, ROOT, run } from './engine.ts'
import { BASE } from './images.ts'

const COMPOSE_FILE = join(ROOT, 'deploy/compose.yaml')
export const PROJECT_LABEL = isPodman ? 'io.podman.compose.project' : 'com.docker.compose.project'

/** The compose command: podman-compose next to podman, the docker compose plugin next to docker. */
function composeCmd(project: string): string[] {
  const base = isPodman ? ['podman-compose'] : [engine, 'compose']
  return [...base, '-p', project, '-f', COMPOSE_FILE]
}

/**
 * Variables for a stack built by `bun run images`: the local Postgres, Redis and nginx images, and
 * whatever the caller sets (secrets, GAMENIGHT_PORT, knobs).
 */
export function stackEnv(vars: Record<string, string>): Record<string, string | undefined> {
  return engineEnv({
    POSTGRES_IMAGE: BASE.postgres,
    REDIS_IMAGE: BASE.redis,
    EDGE_IMAGE: BASE.nginx,
    ...vars,
  })
}

/** `up -d` without building (the images come from `bun run images`); returns when every container runs. */
export async function composeUp(project: string, vars: Record<string, string>): Promise<void> {
  await run([...composeCmd(project), 'up', '-d', '--no-build'], {
    env: stackEnv(vars),
    label: 'compose',
    // Podman without systemd cannot schedule healthchecks; they run on demand (docs/DEPLOY.md).
    hide: /unable to get systemd connection/,
  })
}

/** The container name of a service's replica (1-based), as podman-compose and docker compose name them. */
export const containerName = (project: string, service: string, replica = 1) =>
  isPodman ? `${project}_${service}_${replica}` : `${project}-${service}-${replica}`

/** What is left of a project: its containers, volumes and networks (names). */
export async function leftovers(
  project: string,
): Promise<{ containers: string[]; volumes: string[]; networks: string[] }> {
  const lines = (s: string) => s.split('\n').filter(Boolean)
  const containers = lines(
    await engineOut(['ps', '-a', '--filter', `label=${PROJECT_LABEL}=${project}`, '--format', '{{.Names}}']),
  )
  const volumes = lines(await engineOut(['volume', 'ls', '--format', '{{.Name}}'])).filter((v) =>
    v.startsWith(`${project}_`),
  )
  const networks = lines(await engineOut(['network', 'ls', '--format', '{{.Name}}'])).filter((n) =>
    n.startsWith(`${project}_`),
  )
  return { containers, volumes, networks }
}

/**
 * Removes every container, volume and network of the project. Not `compose down` alone:
 * podman-compose 1.0.3 leaves the network, and a container created while it ran would be missed.
 */
export async function teardown(project: string, label?: string): Promise<void> {
  await run([...composeCmd(project), 'down', '-v', '-t', '5'], { env: stackEnv({}), label, check: false })
  const left = await leftovers(project)
  if (left.containers.length) await run([engine, 'rm', '-f', '-v', ...left.containers], { label, check: false })
  if (left.volumes.length) await run([engine, 'volume', 'rm', '-f', ...left.volumes], { label, check: false })
  if (left.networks.length) await run([engine, 'network', 'rm', '-f', ...left.networks], { label, check: false })
}

/** Projects this machine's runs started whose runner (pid in the name) is gone: `gn-ct-<pid>-<random>`. */
export async function staleProjects(): Promise<string[]> {
  const names = (await engineOut(['ps', '-a', '--format', `{{index .Labels "${PROJECT_LABEL}"}}`]))
    .split('\n')
    .concat((await engineOut(['network', 'ls', '--format', '{{.Name}}'])).split('\n').map((n) => n.split('_')[0]!))
  const stale = new Set<string>()
  for (const name of names) {
    const m = /^gn-ct-(\d+)-[a-z0-9]+$/.exec(name.trim())
    if (!m) continue
    try {
      process.kill(Number(m[1]), 0)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') stale.add(name.trim())
    }
  }
  return [...stale]
}

/** A fresh project name for this process: `gn-ct-<pid>-<random>`. */
export const newProjectName = () => `gn-ct-${process.pid}-${Math.random().toString(36).slice(2, 7)}`
