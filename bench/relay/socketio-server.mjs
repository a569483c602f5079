// Socket.IO comparison server for bench/relay.ts, run under Node (/usr/bin/node): the usual
// multi-node setup, @socket.io/redis-adapter over Redis pub/sub (coordination messages). Clients
// join their game's room on connect. Game events arrive as they do at the relay: each node
// SSUBSCRIBEs to the shard channel `${REDIS_PREFIX}{g:<id>}:ch` of every game it has sockets in
// (libs/bus keys.ts, frames.ts) and emits each event to its local room.
// Env: PORT, REDIS_URL, REDIS_PREFIX.

import { createServer } from 'node:http'
import { createAdapter } from '@socket.io/redis-adapter'
import { createClient } from 'redis'
import { Server } from 'socket.io'

const port = Number(process.env.PORT)
const prefix = process.env.REDIS_PREFIX ?? 'gn:'
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const pub = createClient({ url })
const sub = pub.duplicate()
await Promise.all([pub.connect(), sub.connect()])

const http = createServer((req, res) => {
  if (req.url === '/readyz') return res.writeHead(200).end('ok')
  res.writeHead(404).end()
})
const io = new Server(http, { transports: ['websocket'], adapter: createAdapter(pub, sub, { key: `${prefix}sio` }) })
const events = pub.duplicate()
await events.connect()
const held = new Map()
// A frame is `${origin}\n${kind}\n${type}\n${payload}`; kind `e` is a committed event.
const onFrame = (room) => (raw) => {
  const a = raw.indexOf('\n')
  const b = raw.indexOf('\n', a + 1)
  const c = raw.indexOf('\n', b + 1)
  if (raw.slice(a + 1, b) === 'e') io.local.to(room).emit('event', JSON.parse(raw.slice(c + 1)))
}
io.on('connection', (socket) => {
  const room = String(socket.handshake.query.gameId ?? '')
  if (!room) return
  socket.join(room)
  // The relay's welcome is its first message; the same here, for bench/relay-capacity.ts.
  socket.emit('welcome', { gameId: room })
  const h = held.get(room)
  if (h) h.n++
  else {
    const listener = onFrame(room)
    held.set(room, { n: 1, listener })
    events.sSubscribe(`${prefix}{g:${room}}:ch`, listener).catch(() => {})
  }
  socket.on('coord', (msg) => io.to(room).emit('coord', msg))
  socket.on('disconnect', () => {
    const x = held.get(room)
    if (x && --x.n === 0) {
      held.delete(room)
      events.sUnsubscribe(`${prefix}{g:${room}}:ch`, x.listener).catch(() => {})
    }
  })
})

http.listen(port, '127.0.0.1', () => console.log(JSON.stringify({ msg: 'listening', port })))
process.on('SIGTERM', () => {
  io.close()
  setTimeout(() => process.exit(0), 300)
})
