// The three server pairs bench/relay.ts compares, each started as two real processes on one Redis,
// and the matching client pool: our relay (apps/relay), Socket.IO + @socket.io/redis-adapter under
// Node, and raw Bun.serve publish/subscribe (the ceiling).

import { join } from 'node:path'
import type { Subprocess } from 'bun'
import { io, type Socket } from 'socket.io-client'
import { waitReady } from '../lib/setup.ts'

const ROOT = join(import.meta.dir, '..', '..')
export type Target = 'relay' | 'socketio' | 'bun'
export type Room = { gameId: string; viewToken: string }
export type Receipt = (msg: { type: string; gameId: string; version?: number }, at: number) => void
export type Pair = { procs: Subprocess[]; ports: number[]; stop: () => Promise<void> }
export type Pool = { connected: () => number; close: () => void }

// Below the kernel's ephemeral range (32768+), where a thousand client sockets take their ports.
let nextPort = 30000 + Math.floor(Math.random() * 2000)

export async function startPair(target: Target, env: Record<string, string>): Promise<Pair> {
  const ports = [nextPort++, nextPort++]
  const cmd = (): string[] =>
    target === 'relay'
      ? ['bun', join(ROOT, 'apps/relay/src/main.ts')]
      : target === 'socketio'
        ? ['/usr/bin/node', join(import.meta.dir, 'socketio-server.mjs')]
        : ['bun', join(import.meta.dir, 'bun-pubsub-server.ts')]
  const procs = ports.map((port, i) =>
    Bun.spawn(cmd(), {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn' },
      stdout: 'ignore',
      stderr: 'inherit',
    }),
  )
  const stop = async () => {
    for (const p of procs) p.kill('SIGTERM')
    await Promise.all(procs.map((p) => Promise.race([p.exited, Bun.sleep(5000).then(() => p.kill('SIGKILL'))])))
  }
  try {
    for (const port of ports) await waitReady(`http://127.0.0.1:${port}/readyz`, 20_000)
  } catch (err) {
    await stop()
    throw err
  }
  return { procs, ports, stop }
}

/** Connects `perRoom` clients to every room, alternating between the pair's two servers. */
export async function connectPool(
  target: Target,
  pair: Pair,
  rooms: Room[],
  perRoom: number,
  onReceipt: Receipt,
): Promise<Pool> {
  let connected = 0
  const closers: (() => void)[] = []
  const jobs: (() => Promise<void>)[] = []
  for (const room of rooms) {
    for (let i = 0; i < perRoom; i++) {
      const port = pair.ports[i % 2]!
      jobs.push(() => (target === 'socketio' ? sioClient(port, room) : wsClient(target, port, room)))
    }
  }
  function wsClient(t: Target, port: number, room: Room) {
    const url =
      t === 'relay'
        ? `ws://127.0.0.1:${port}/ws/games/${room.gameId}?token=${encodeURIComponent(room.viewToken)}`
        : `ws://127.0.0.1:${port}/?gameId=${room.gameId}`
    return new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(url)
      closers.push(() => ws.close())
      ws.onmessage = (e) => {
        const at = performance.now()
        const m = JSON.parse(String(e.data))
        if (m.type === 'welcome') return
        onReceipt(m, at)
      }
      ws.onopen = () => {
        connected++
        resolve()
      }
      ws.onerror = () => reject(new Error(`connect ${url}`))
    })
  }
  function sioClient(port: number, room: Room) {
    return new Promise<void>((resolve, reject) => {
      const s: Socket = io(`http://127.0.0.1:${port}`, {
        transports: ['websocket'],
        query: { gameId: room.gameId },
        reconnection: false,
      })
      closers.push(() => s.close())
      s.on('event', (m) => onReceipt(m, performance.now()))
      s.on('connect', () => {
        connected++
        resolve()
      })
      s.on('connect_error', reject)
    })
  }
  // A few connects at a time: a thousand at once would measure the accept queue, not the relay.
  while (jobs.length) await Promise.all(jobs.splice(0, 50).map((j) => j()))
  return {
    connected: () => connected,
    close: () => {
      for (const c of closers) c()
    },
  }
}

/** utime + stime of a process in seconds (/proc/<pid>/stat, clock ticks of 1/100 s). */
export function cpuSeconds(pid: number): number {
  const stat = require('node:fs').readFileSync(`/proc/${pid}/stat`, 'utf8') as string
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(f[11]) + Number(f[12])) / 100
}
