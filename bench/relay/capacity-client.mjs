// One client process of bench/relay-capacity.ts, under Node: opens COUNT sockets to one server from
// source address LOCAL_ADDRESS at RATE connects/s, times each from the connect call to its welcome,
// prints one JSON line {opened, failed, welcomeMs[]} when all are in, then holds them until SIGTERM.
// Env: TARGET (relay | socketio), PORT, LOCAL_ADDRESS, COUNT, RATE, ROOMS (JSON [{gameId, viewToken}]), OFFSET.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { io } from 'socket.io-client'

// `ws` (the WebSocket client Socket.IO's Node client uses) is not a dependency of ours: take Socket.IO's.
const fromHere = createRequire(import.meta.url)
const fromEio = createRequire(createRequire(fromHere.resolve('socket.io-client')).resolve('engine.io-client'))
const WebSocket = fromEio('ws')

const target = process.env.TARGET
const port = Number(process.env.PORT)
const localAddress = process.env.LOCAL_ADDRESS ?? '127.0.0.1'
const count = Number(process.env.COUNT)
const rate = Number(process.env.RATE)
const offset = Number(process.env.OFFSET ?? 0)
const rooms = JSON.parse(readFileSync(process.env.ROOMS, 'utf8'))
const welcomeMs = []
let failed = 0
const open = []

function connect(i) {
  const room = rooms[(offset + i) % rooms.length]
  const t0 = performance.now()
  return new Promise((resolve) => {
    const done = (ok) => {
      if (ok) welcomeMs.push(performance.now() - t0)
      else failed++
      resolve()
    }
    if (target === 'socketio') {
      const s = io(`http://127.0.0.1:${port}`, {
        transports: ['websocket'],
        query: { gameId: room.gameId },
        localAddress,
        reconnection: false,
        timeout: 60_000,
      })
      open.push(() => s.close())
      s.once('welcome', () => done(true))
      s.once('connect_error', () => done(false))
    } else {
      const ws = new WebSocket(
        `ws://127.0.0.1:${port}/ws/games/${room.gameId}?token=${encodeURIComponent(room.viewToken)}`,
        { localAddress, perMessageDeflate: false },
      )
      open.push(() => ws.terminate())
      let first = true
      ws.on('message', () => {
        if (first) done(true)
        first = false
      })
      ws.on('error', () => first && ((first = false), done(false)))
      ws.on('close', () => first && ((first = false), done(false)))
    }
  })
}

const start = performance.now()
const pending = []
for (let i = 0; i < count; i++) {
  const due = start + (i * 1000) / rate
  const wait = due - performance.now()
  if (wait > 0) await new Promise((r) => setTimeout(r, wait))
  pending.push(connect(i))
}
await Promise.all(pending)
const seconds = (performance.now() - start) / 1000
console.log(JSON.stringify({ opened: welcomeMs.length, failed, seconds, welcomeMs }))
process.on('SIGTERM', () => {
  for (const close of open) close()
  setTimeout(() => process.exit(0), 200)
})
