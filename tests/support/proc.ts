// Real service processes for tests: start one with its env, wait until /readyz answers, kill it
// (SIGTERM or a real SIGKILL) and restart it on the same port.

import { join } from 'node:path'
import type { Subprocess } from 'bun'

const ROOT = join(import.meta.dir, '..', '..')
export type Service = 'api' | 'relay' | 'worker'

export type Proc = {
  service: Service
  port: number
  url: string
  proc: Subprocess
  logs: string[]
  kill(signal?: 'SIGTERM' | 'SIGKILL'): Promise<number | null>
}

// Ports below Linux's ephemeral range (32768+), so an outgoing connection's local port never takes
// the one a service is about to listen on; each is checked free before it is handed out.
let nextPort = 10000 + Math.floor(Math.random() * 20000)
export function freePort(): number {
  for (let tries = 0; tries < 1000; tries++) {
    const port = nextPort++
    if (nextPort >= 32000) nextPort = 10000
    try {
      Bun.listen({ hostname: '127.0.0.1', port, socket: { data() {} } }).stop(true)
      return port
    } catch {}
  }
  throw new Error('no free port below 32000')
}

export async function startService(
  service: Service,
  env: Record<string, string>,
  opts: { port?: number; ready?: boolean } = {},
): Promise<Proc> {
  const port = opts.port ?? freePort()
  const logs: string[] = []
  const proc = Bun.spawn(['bun', join(ROOT, 'apps', service, 'src', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env, PORT: String(port) },
    stdout: 'pipe',
    stderr: 'pipe',
  })
  collect(proc.stdout as ReadableStream<Uint8Array>, logs)
  collect(proc.stderr as ReadableStream<Uint8Array>, logs)
  const url = `http://127.0.0.1:${port}`
  let stopping = false
  // A service that dies on its own fails some later assertion far from the cause: say so now, with
  // what it logged last, so a flaky failure on CI can be read from the log alone.
  void proc.exited.then((code) => {
    if (!stopping && code !== 0) {
      console.error(`[${service} :${port}] exited by itself with ${code}; last output:\n${logs.join('').slice(-4000)}`)
    }
  })
  const p: Proc = {
    service,
    port,
    url,
    proc,
    logs,
    async kill(signal = 'SIGTERM') {
      stopping = true
      proc.kill(signal)
      return proc.exited
    },
  }
  if (opts.ready !== false) await waitReady(p)
  return p
}

export async function waitReady(p: Proc, timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (p.proc.exitCode !== null) throw new Error(`${p.service} exited with ${p.proc.exitCode}:\n${p.logs.join('')}`)
    try {
      const r = await fetch(`${p.url}/readyz`)
      if (r.status === 200 && p.proc.exitCode === null) return
    } catch {}
    await Bun.sleep(100)
  }
  throw new Error(`${p.service} not ready after ${timeoutMs} ms:\n${p.logs.join('').slice(-4000)}`)
}

async function collect(stream: ReadableStream<Uint8Array>, into: string[]) {
  const dec = new TextDecoder()
  for await (const chunk of stream) into.push(dec.decode(chunk))
}

export async function waitFor<T>(
  fn: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 10000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < deadline) {
    try {
      const v = await fn()
      if (v) return v as T
    } catch (e) {
      last = e
    }
    await Bun.sleep(50)
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`)
}
