// The container engine the scripts drive: podman where it is installed (rootful, with the project's
// containers.conf), else docker. One home for how a command is run, how its output shows as progress,
// and the few queries the scripts need (does an image exist, its size, which containers a label has).
import { existsSync } from 'node:fs'
import { join } from 'node:path'

export const ROOT = join(import.meta.dir, '..')

/** `podman` or `docker` (CONTAINER_ENGINE overrides the choice). */
export const engine: string =
  process.env.CONTAINER_ENGINE ?? (Bun.which('podman') ? 'podman' : Bun.which('docker') ? 'docker' : 'podman')
export const isPodman = engine.endsWith('podman')

/**
 * Environment for every engine command. Podman gets deploy/base/containers.conf (runc, explicit
 * rlimits: see that file for why) unless the caller set CONTAINERS_CONF already.
 */
export function engineEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, ...extra }
  if (isPodman && !env.CONTAINERS_CONF) env.CONTAINERS_CONF = join(ROOT, 'deploy/base/containers.conf')
  return env
}

export type RunOptions = {
  /** Prefix of each output line shown as progress; omitted: output is not shown. */
  label?: string
  cwd?: string
  env?: Record<string, string | undefined>
  stdin?: 'ignore' | ReadableStream | Blob
  /** Throw on a non-zero exit (default true). */
  check?: boolean
  /** Progress lines not worth showing (still kept in the returned output). */
  hide?: RegExp
}

/** Runs a command, showing its output line by line as `[label] line` on stderr. Returns code and output. */
export async function run(cmd: string[], opts: RunOptions = {}): Promise<{ code: number; out: string }> {
  const proc = Bun.spawn(cmd, {
    cwd: opts.cwd ?? ROOT,
    env: opts.env ?? engineEnv(),
    stdin: opts.stdin ?? 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
  })
  let out = ''
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    const dec = new TextDecoder()
    let partial = ''
    for await (const chunk of stream) {
      const text = dec.decode(chunk, { stream: true })
      out += text
      if (!opts.label) continue
      const lines = (partial + text).split('\n')
      partial = lines.pop() ?? ''
      for (const line of lines)
        if (line.trim() && !opts.hide?.test(line)) process.stderr.write(`[${opts.label}] ${line}\n`)
    }
    if (opts.label && partial.trim()) process.stderr.write(`[${opts.label}] ${partial}\n`)
  }
  await Promise.all([pump(proc.stdout), pump(proc.stderr)])
  const code = await proc.exited
  if (code !== 0 && opts.check !== false) {
    const tail = out.trim().split('\n').slice(-20).join('\n')
    throw new Error(`${cmd.join(' ')} exited ${code}${opts.label ? '' : `:\n${tail}`}`)
  }
  return { code, out }
}

/** An engine command's trimmed stdout+stderr (throws on failure). */
export async function engineOut(args: string[]): Promise<string> {
  return (await run([engine, ...args])).out.trim()
}

export async function imageExists(name: string): Promise<boolean> {
  const args = isPodman ? ['image', 'exists', name] : ['image', 'inspect', name]
  return (await run([engine, ...args], { check: false })).code === 0
}

/** Image size in bytes. */
export async function imageSize(name: string): Promise<number> {
  return Number(await engineOut(['image', 'inspect', '--format', '{{.Size}}', name]))
}

/** Ids of the containers (running or not) carrying a label, e.g. `io.podman.compose.project=x`. */
export async function containersWithLabel(label: string): Promise<string[]> {
  const out = await engineOut(['ps', '-a', '-q', '--filter', `label=${label}`])
  return out.split('\n').filter(Boolean)
}

/**
 * The host's CA bundle, for builds behind a TLS-intercepting proxy: given to builds as the secret
 * `ca` (never baked into a layer). Undefined when the host has none of the usual files.
 */
export function hostCaBundle(): string | undefined {
  for (const f of [
    process.env.NODE_EXTRA_CA_CERTS,
    process.env.SSL_CERT_FILE,
    '/etc/ssl/certs/ca-certificates.crt',
    '/etc/pki/tls/certs/ca-bundle.crt',
  ])
    if (f && existsSync(f)) return f
  return undefined
}

/** Flags every build gets: the docker image format (podman drops HEALTHCHECK otherwise) and the CA secret. */
export function buildFlags(): string[] {
  const ca = hostCaBundle()
  return [...(isPodman ? ['--format', 'docker'] : []), ...(ca ? ['--secret', `id=ca,src=${ca}`] : [])]
}

export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`
export const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`
