// Socket.IO comparison server for bench/relay.ts, run under Node (/usr/bin/node): the usual
// multi-node setup, @socket.io/redis-adapter over Redis pub/sub. Clients join their game's room on
// connect. With READ_STREAM=1 this node also reads the event stream (XREAD, like the relay) and
// emits each event to its room with io.to(room).emit: the adapter carries it to the other node.
// Env: PORT, REDIS_URL, REDIS_PREFIX, READ_STREAM.

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
io.on('connection', (socket) => {
  const room = String(socket.handshake.query.gameId ?? '')
  if (room) socket.join(room)
  socket.on('coord', (msg) => io.to(room).emit('coord', msg))
})

let stopping = false
if (process.env.READ_STREAM === '1') {
  const reader = pub.duplicate()
  await reader.connect()
  const key = `${prefix}events`
  const newest = await reader.xRevRange(key, '+', '-', { COUNT: 1 })
  let last = newest?.[0]?.id ?? '0-0'
  ;(async () => {
    while (!stopping) {
      const res = await reader.xRead({ key, id: last }, { BLOCK: 1000, COUNT: 500 }).catch(() => null)
      for (const s of res ?? []) {
        for (const m of s.messages) {
          last = m.id
          io.to(m.message.gameId).emit('event', JSON.parse(m.message.event))
        }
      }
    }
  })()
}

http.listen(port, '127.0.0.1', () => console.log(JSON.stringify({ msg: 'listening', port })))
process.on('SIGTERM', () => {
  stopping = true
  io.close()
  setTimeout(() => process.exit(0), 300)
})
