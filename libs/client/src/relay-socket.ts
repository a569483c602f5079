// One game's relay connection that keeps itself up: reconnects with exponential backoff and jitter
// (at once, jittered, after a 1001 "going away" from a relay shutting down), validates every message
// against the relay contracts, and learns why a refused handshake was refused (browsers only see
// 1006) by asking the same URL over plain HTTP: 404/401 stop the reconnecting for good.
import {
  type ClientMessage,
  GameEvent,
  PresenceMessage,
  RelayCloseCode,
  RelayErrorMessage,
  RelayedMessage,
  validate,
  WelcomeMessage,
} from '@gamenight/contracts'
import type { TSchema } from '@sinclair/typebox'
import { type Backoff, backoffDelay, DEFAULT_BACKOFF } from './backoff.ts'

export type Connection = 'connecting' | 'open' | 'reconnecting' | 'closed'
export type Inbound =
  | { kind: 'welcome'; msg: WelcomeMessage }
  | { kind: 'event'; msg: GameEvent }
  | { kind: 'presence'; msg: PresenceMessage }
  | { kind: 'error'; msg: RelayErrorMessage }
  | { kind: 'relayed'; msg: RelayedMessage }
  | { kind: 'invalid'; type: string; message: string }

export type RelaySocketOptions = {
  /** The relay's origin, `ws://host:3001` (or `wss://…`). */
  relayUrl: string
  gameId: string
  token?: string | null
  WebSocket?: typeof WebSocket
  fetch?: typeof fetch
  backoff?: Backoff
  /** The clock this phone reports in clock pongs and buzzer presses (default Date.now). */
  now?: () => number
  onMessage: (m: Inbound) => void
  onStatus: (s: Connection, detail?: { code: string; message: string; status?: number; fatal?: boolean }) => void
}

// One schema per server message type, built from the unions so a new event type needs no edit here.
const schemas = new Map<string, [Inbound['kind'], TSchema]>([
  ['welcome', ['welcome', WelcomeMessage]],
  ['presence', ['presence', PresenceMessage]],
  ['error', ['error', RelayErrorMessage]],
  ...GameEvent.anyOf.map(
    (s) => [(s.properties.type as { const: string }).const, ['event', s]] as [string, [Inbound['kind'], TSchema]],
  ),
])

export function parseServerMessage(text: string): Inbound {
  let msg: unknown
  try {
    msg = JSON.parse(text)
  } catch {
    return { kind: 'invalid', type: '?', message: 'not JSON' }
  }
  const type = typeof (msg as { type?: unknown })?.type === 'string' ? (msg as { type: string }).type : '?'
  const [kind, schema] = schemas.get(type) ?? ['relayed', RelayedMessage]
  const v = validate(schema, msg)
  return v.ok ? ({ kind, msg: v.value } as Inbound) : { kind: 'invalid', type, message: v.message }
}

export function createRelaySocket(opts: RelaySocketOptions) {
  const WS = opts.WebSocket ?? globalThis.WebSocket
  const now = opts.now ?? Date.now
  const doFetch = opts.fetch ?? ((...a: Parameters<typeof fetch>) => globalThis.fetch(...a))
  const url = `${opts.relayUrl.replace(/\/$/, '')}/ws/games/${encodeURIComponent(opts.gameId)}${opts.token ? `?token=${encodeURIComponent(opts.token)}` : ''}`
  let ws: WebSocket | null = null
  let attempt = 0
  let everWelcomed = false
  let welcomed = false
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | null = null

  function connect() {
    timer = null
    if (stopped) return
    opts.onStatus(everWelcomed ? 'reconnecting' : 'connecting')
    welcomed = false
    let opened = false
    const sock = new WS(url)
    ws = sock
    sock.onopen = () => {
      opened = true
    }
    sock.onmessage = (e) => {
      if (ws !== sock) return
      const text = String(e.data)
      // The relay measures this phone's clock (offset, delay) NTP-style: answer at once with the
      // receive and send times on this phone's clock (docs/RELAY.md, "Clock pings").
      if (text.startsWith('{"type":"clock_ping"')) {
        const t1 = now()
        const ping = JSON.parse(text) as { t0?: unknown }
        if (typeof ping.t0 === 'number') sock.send(JSON.stringify({ type: 'clock_pong', t0: ping.t0, t1, t2: now() }))
        return
      }
      const m = parseServerMessage(text)
      if (m.kind === 'welcome') {
        welcomed = everWelcomed = true
        attempt = 0
        opts.onStatus('open')
      }
      opts.onMessage(m)
    }
    sock.onclose = (e) => {
      if (ws !== sock) return
      ws = null
      welcomed = false
      if (stopped) return
      if (!opened) return void probe()
      if (e.code === RelayCloseCode.GOING_AWAY) return retry(DEFAULT_BACKOFF.baseMs)
      retry()
    }
  }

  function retry(capMs?: number) {
    if (stopped) return
    const delay = capMs === undefined ? backoffDelay(attempt++, opts.backoff) : Math.floor(Math.random() * capMs)
    opts.onStatus(everWelcomed ? 'reconnecting' : 'connecting')
    timer = setTimeout(connect, delay)
  }

  /** The handshake failed: a plain GET tells a refusal (404/401, final) from an outage (retry). */
  async function probe() {
    try {
      const r = await doFetch(url.replace(/^ws/, 'http'), { signal: AbortSignal.timeout(5000) })
      if (r.status === 404 || r.status === 401 || r.status === 403) {
        const body = (await r.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null
        stopped = true
        opts.onStatus('closed', {
          code: body?.error?.code ?? `HTTP_${r.status}`,
          message: body?.error?.message ?? `the relay refused this game or token (${r.status})`,
          status: r.status,
          fatal: true,
        })
        return
      }
    } catch {
      // unreachable: the relay is down or restarting; keep trying
    }
    retry()
  }

  connect()
  return {
    /** Sends a coordination message; false when not connected (coordination is not queued). */
    send(msg: ClientMessage | Record<string, unknown>): boolean {
      if (ws?.readyState !== 1 || !welcomed) return false
      ws.send(JSON.stringify(msg))
      return true
    },
    get connected() {
      return !!ws && ws.readyState === 1
    },
    /** Drops the current socket as if the network failed (tests, or a UI's "reconnect now"). */
    drop() {
      ws?.close(4000, 'client dropped')
    },
    close() {
      stopped = true
      if (timer) clearTimeout(timer)
      ws?.close(1000, 'client closed')
      ws = null
      opts.onStatus('closed')
    },
  }
}
