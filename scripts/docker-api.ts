// The Docker Engine API that testcontainers talks to (DOCKER_HOST, else /var/run/docker.sock): a
// Docker engine, or podman's (`podman system service`). The few calls the test runner makes itself:
// is it there, which containers carry a label, remove one with its anonymous volumes.
import { existsSync } from 'node:fs'

export type DockerApi = { host: string; unix?: string; base: string }

/** Where the API is, or undefined when DOCKER_HOST is unset and there is no /var/run/docker.sock. */
export function dockerApi(env: Record<string, string | undefined> = process.env): DockerApi | undefined {
  const host = env.DOCKER_HOST ?? (existsSync('/var/run/docker.sock') ? 'unix:///var/run/docker.sock' : undefined)
  if (!host) return undefined
  if (host.startsWith('unix://')) return { host, unix: host.slice('unix://'.length), base: 'http://docker' }
  if (host.startsWith('tcp://')) return { host, base: host.replace(/^tcp:/, 'http:') }
  return undefined
}

function call(api: DockerApi, path: string, init: RequestInit = {}, timeoutMs = 5000): Promise<Response> {
  return fetch(`${api.base}${path}`, {
    ...init,
    signal: AbortSignal.timeout(timeoutMs),
    ...(api.unix ? { unix: api.unix } : {}),
  } as RequestInit)
}

/** True when the engine answers `/_ping` within the timeout. */
export async function pingDocker(api: DockerApi, timeoutMs = 3000): Promise<boolean> {
  try {
    return (await call(api, '/_ping', {}, timeoutMs)).ok
  } catch {
    return false
  }
}

export type ContainerSummary = { Id: string; Names: string[]; State: string; Labels: Record<string, string> }

/** Containers (running or not) with a label, `key` or `key=value`. */
export async function containersLabelled(api: DockerApi, label: string): Promise<ContainerSummary[]> {
  const filters = encodeURIComponent(JSON.stringify({ label: [label] }))
  const r = await call(api, `/containers/json?all=1&filters=${filters}`)
  if (!r.ok) throw new Error(`listing containers: ${r.status} ${await r.text()}`)
  return (await r.json()) as ContainerSummary[]
}

/** Force-removes a container and its anonymous volumes; an already removed one is fine. */
export async function removeContainer(api: DockerApi, id: string): Promise<void> {
  const r = await call(api, `/containers/${id}?force=1&v=1`, { method: 'DELETE' }, 30_000)
  if (!r.ok && r.status !== 404) throw new Error(`removing container ${id}: ${r.status} ${await r.text()}`)
}
