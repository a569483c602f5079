// The ceiling for bench/relay.ts and the two fan-out designs for bench/relay-isolation.ts: raw
// Bun.serve publish/subscribe, nothing else (no auth, no checks, no presence). Each event's raw text
// goes to its room's topic. FANOUT=sharded (default, today's design): the process SSUBSCRIBEs to the
// shard channel of each game it has sockets in, as apps/relay does. FANOUT=stream (the design
// before issue 12, kept here as the baseline): it reads one global stream `${REDIS_PREFIX}events`
// with XREAD BLOCK, checks each entry as that relay did (EventEntry) and drops the entries of games
// it holds no socket for.
// Env: PORT, REDIS_URL, REDIS_PREFIX, FANOUT.
import { keys, parseFrame } from '@gamenight/bus'
import { EventEntry, validate } from '@gamenight/contracts'
import { createClient } from 'redis'

const prefix = process.env.REDIS_PREFIX ?? 'gn:'
const k = keys(prefix)
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const mode = process.env.FANOUT === 'stream' ? 'stream' : 'sharded'
const reader = createClient({ url })
await reader.connect()
const held = new Map<string, number>()
const listeners = new Map<string, (raw: string) => void>()

const server = Bun.serve<{ room: string }>({
  port: Number(process.env.PORT),
  hostname: '127.0.0.1',
  fetch(req, srv) {
    const u = new URL(req.url)
    if (u.pathname === '/readyz') return new Response('ok')
    if (srv.upgrade(req, { data: { room: u.searchParams.get('gameId') ?? '' } })) return
    return new Response('websocket only', { status: 426 })
  },
  websocket: {
    async open(ws) {
      const room = ws.data.room
      held.set(room, (held.get(room) ?? 0) + 1)
      if (mode === 'sharded' && !listeners.has(room)) {
        const listener = (raw: string) => {
          const f = parseFrame(raw)
          if (f?.kind === 'e') server.publish(room, f.payload)
        }
        listeners.set(room, listener)
        await reader.sSubscribe(k.gameChannel(room), listener)
      }
      ws.subscribe(room)
      ws.send('{"type":"welcome"}')
    },
    message(ws, m) {
      server.publish(ws.data.room, m)
    },
    close(ws) {
      const room = ws.data.room
      const n = (held.get(room) ?? 1) - 1
      if (n > 0) return void held.set(room, n)
      held.delete(room)
      const listener = listeners.get(room)
      listeners.delete(room)
      if (listener) void reader.sUnsubscribe(k.gameChannel(room), listener).catch(() => {})
    },
  },
})

let stopping = false
if (mode === 'stream') {
  const key = `${prefix}events`
  const newest = await reader.xRevRange(key, '+', '-', { COUNT: 1 })
  let last = newest?.[0]?.id ?? '0-0'
  ;(async () => {
    while (!stopping) {
      const res = await reader.xRead({ key, id: last }, { BLOCK: 1000, COUNT: 500 }).catch(() => null)
      for (const s of (res as { messages: { id: string; message: Record<string, string> }[] }[] | null) ?? []) {
        for (const m of s.messages) {
          last = m.id
          const v = validate(EventEntry, m.message)
          if (v.ok && held.has(v.value.gameId)) server.publish(v.value.gameId, v.value.event)
        }
      }
    }
  })()
}
console.log(JSON.stringify({ msg: 'listening', port: server.port, fanout: mode }))
process.on('SIGTERM', () => {
  stopping = true
  server.stop(true)
  setTimeout(() => process.exit(0), 300)
})
