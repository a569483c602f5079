// Helpers for relay and client tests: a raw WebSocket test client that records what it receives,
// relay processes, and a private redis-server child that tests may kill and restart (the shared
// Redis on 6379 is never restarted).
import type { Subprocess } from 'bun'
import { freePort, type Proc, startService, waitFor } from './proc.ts'

export const wsUrl = (relay: Proc, gameId: string, token?: string) =>
  `ws://127.0.0.1:${relay.port}/ws/games/${gameId}${token ? `?token=${encodeURIComponent(token)}` : ''}`

export type TestSocket = Awaited<ReturnType<typeof openSocket>>

/** Opens a socket and waits for its welcome; every message received is kept, parsed, in order. */
export async function openSocket(url: string, opts: { welcome?: boolean } = {}) {
  const ws = new WebSocket(url)
  const messages: any[] = []
  let closed: { code: number; reason: string } | null = null
  ws.onmessage = (e) => messages.push(JSON.parse(String(e.data)))
  const closedP = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.onclose = (e) => {
      closed = { code: e.code, reason: e.reason }
      resolve(closed)
    }
  })
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve()
    ws.onerror = (e) => reject(new Error(`websocket to ${url} failed: ${(e as ErrorEvent).message ?? 'error'}`))
  })
  const s = {
    ws,
    messages,
    get closed() {
      return closed
    },
    whenClosed: (timeoutMs = 10000) => waitFor(() => closed, timeoutMs, 'socket close'),
    closedP,
    send: (m: unknown) =>
      ws.send(typeof m === 'string' ? m : m instanceof Uint8Array ? new Uint8Array(m) : JSON.stringify(m)),
    /** The first message (after `from`, an index) matching `pred`. */
    next: (pred: (m: any) => boolean, timeoutMs = 10000, from = 0, what = 'message') =>
      waitFor(() => messages.slice(from).find(pred), timeoutMs, what),
    of: (type: string) => messages.filter((m) => m.type === type),
    close: () => {
      ws.close()
      return closedP
    },
  }
  if (opts.welcome !== false) await s.next((m) => m.type === 'welcome', 10000, 0, 'welcome')
  return s
}

/** What the relay answers to a handshake: the HTTP status and the contract error code, if refused. */
export async function handshake(url: string): Promise<{ status: number; code?: string }> {
  const r = await fetch(url.replace(/^ws/, 'http'), {
    headers: {
      upgrade: 'websocket',
      connection: 'Upgrade',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      'sec-websocket-version': '13',
    },
  })
  const text = await r.text()
  let code: string | undefined
  try {
    code = JSON.parse(text)?.error?.code
  } catch {}
  return { status: r.status, code }
}

export function startRelay(env: Record<string, string>, opts: { port?: number } = {}) {
  return startService('relay', env, opts)
}

/** A redis-server of the test's own, on a random port, without persistence. */
export async function privateRedis() {
  const port = freePort()
  let proc: Subprocess | null = null
  const url = `redis://127.0.0.1:${port}`
  async function start() {
    proc = Bun.spawn(
      ['redis-server', '--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'],
      {
        stdout: 'ignore',
        stderr: 'ignore',
      },
    )
    await waitFor(
      async () => {
        const p = Bun.spawn(['redis-cli', '-p', String(port), 'ping'], { stdout: 'pipe', stderr: 'ignore' })
        return (await new Response(p.stdout).text()).trim() === 'PONG'
      },
      10000,
      `redis-server on ${port}`,
    )
  }
  await start()
  return {
    url,
    port,
    start,
    async stop() {
      if (!proc) return
      proc.kill('SIGKILL')
      await proc.exited
      proc = null
    },
  }
}

/** Parses the relay's JSON log lines. */
export const logLines = (p: Proc) =>
  p.logs
    .join('')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l))

/** The parts of a trivia game every viewer sees, comparable between a client's state and a REST snapshot. */
export function triviaView(
  g:
    | {
        players: { id: string; score: number; version: number }[]
        categories: { questions: { id: string; answered: boolean; version: number }[] }[]
        buzzer: unknown
      }
    | null
    | undefined,
) {
  if (!g) return null
  return {
    players: g.players.map((p) => ({ id: p.id, score: p.score, version: p.version })),
    questions: g.categories.flatMap((c) =>
      c.questions.map((q) => ({ id: q.id, answered: q.answered, version: q.version })),
    ),
    buzzer: g.buzzer,
  }
}
