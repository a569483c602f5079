// The ceiling for bench/relay.ts: raw Bun.serve publish/subscribe, nothing else (no auth, no
// checks, no presence). Each process reads the whole event stream and publishes each event's raw
// text to its room's topic. Env: PORT, REDIS_URL, REDIS_PREFIX.
import { keys } from '@gamenight/bus'
import { createClient } from 'redis'

const prefix = process.env.REDIS_PREFIX ?? 'gn:'
const reader = createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' })
await reader.connect()
const key = keys(prefix).events

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
    open(ws) {
      ws.subscribe(ws.data.room)
    },
    message(ws, m) {
      server.publish(ws.data.room, m)
    },
  },
})

let stopping = false
const newest = await reader.xRevRange(key, '+', '-', { COUNT: 1 })
let last = newest?.[0]?.id ?? '0-0'
;(async () => {
  while (!stopping) {
    const res = await reader.xRead({ key, id: last }, { BLOCK: 1000, COUNT: 500 }).catch(() => null)
    for (const s of (res as { messages: { id: string; message: Record<string, string> }[] }[] | null) ?? []) {
      for (const m of s.messages) {
        last = m.id
        server.publish(m.message.gameId!, m.message.event!)
      }
    }
  }
})()
console.log(JSON.stringify({ msg: 'listening', port: server.port }))
process.on('SIGTERM', () => {
  stopping = true
  server.stop(true)
  setTimeout(() => process.exit(0), 300)
})
