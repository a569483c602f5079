// Relay capacity benchmark (issue 12): how many idle sockets one server process holds, its RSS per
// socket, and the welcome latency during a connect storm, beside Socket.IO 4.8 + redis-adapter on
// Node doing the same in the same run. The sockets come from several Node client processes
// (bench/relay/capacity-client.mjs), each on its own 127.0.0.x source address so one address's
// ephemeral ports do not run out, each connecting at its share of BENCH_RATE. Every socket is a
// spectator of one of BENCH_ROOMS real games (the relay checks each token against Postgres).
// File limits: each process is started with `ulimit -n BENCH_NOFILE` (it cannot exceed the hard
// limit; this machine's is 20,000, so one process holds fewer than 20,000 sockets here).
//   bun run bench relay-capacity
//   env: BENCH_SOCKETS=18000 BENCH_ROOMS=360 BENCH_RATE=1000 BENCH_CLIENT_PROCS=4 BENCH_TARGETS=relay,socketio
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Subprocess } from 'bun'
import { benchDatabase, waitReady } from './lib/setup.ts'
import { percentile, table } from './lib/stats.ts'

type Target = 'relay' | 'socketio'
const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 18_000)
const ROOMS = Number(process.env.BENCH_ROOMS ?? 360)
const RATE = Number(process.env.BENCH_RATE ?? 1000)
const PROCS = Number(process.env.BENCH_CLIENT_PROCS ?? 4)
const TARGETS = (process.env.BENCH_TARGETS ?? 'relay,socketio').split(',') as Target[]
const hardLimit = Number(Bun.spawnSync(['sh', '-c', 'ulimit -Hn']).stdout.toString().trim()) || 1024
const NOFILE = Math.min(Number(process.env.BENCH_NOFILE ?? 200_000), hardLimit)
const LABEL: Record<Target, string> = {
  relay: 'apps/relay (Bun)',
  socketio: 'Socket.IO 4.8 + redis-adapter (Node 20)',
}
const ROOT = join(import.meta.dir, '..')
const log = (m: string) => console.error(`bench relay-capacity: ${m}`)
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

/** Resident set size of `pid` in bytes (/proc/<pid>/status VmRSS). */
function rss(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return Number(m?.[1] ?? 0) * 1024
}
/** Runs `cmd` with the file limit raised as far as the hard limit allows. */
const withNofile = (cmd: string[]) => ['sh', '-c', `ulimit -n ${NOFILE} && exec "$@"`, 'sh', ...cmd]

log(`${SOCKETS} sockets over ${ROOMS} rooms, ${RATE} connects/s from ${PROCS} processes; file limit ${NOFILE}`)
if (SOCKETS + 100 > NOFILE) log(`warning: ${SOCKETS} sockets need more than the file limit ${NOFILE} allows`)
const db = await benchDatabase('capacity', () => {})
const prefix = `gnbench:${db.name}:`
const env = { DATABASE_URL: db.url, REDIS_URL: redisUrl, REDIS_PREFIX: prefix, MIGRATE_ON_START: 'false' }
const roomsFile = join(tmpdir(), `gn-capacity-${db.name}.json`)
let nextPort = 34000 + Math.floor(Math.random() * 500)
const rows: (string | number)[][] = []

const apiPort = nextPort++
const api = Bun.spawn(['bun', join(ROOT, 'apps/api/src/main.ts')], {
  env: { ...process.env, ...env, PORT: String(apiPort), LOG_LEVEL: 'warn', WORKER_TOKEN: 'bench' },
  stdout: 'ignore',
  stderr: 'inherit',
})
try {
  await waitReady(`http://127.0.0.1:${apiPort}/readyz`)
  const rooms: { gameId: string; viewToken: string }[] = []
  for (let i = 0; i < ROOMS; i++) {
    const r = await fetch(`http://127.0.0.1:${apiPort}/api/games`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: `capacity ${i}` }),
    })
    const g = (await r.json()) as { id: string; viewToken: string }
    rooms.push({ gameId: g.id, viewToken: g.viewToken })
  }
  writeFileSync(roomsFile, JSON.stringify(rooms))
  api.kill('SIGTERM')

  for (const target of TARGETS) {
    const port = nextPort++
    const server = Bun.spawn(
      withNofile(
        target === 'relay'
          ? ['bun', join(ROOT, 'apps/relay/src/main.ts')]
          : ['/usr/bin/node', join(import.meta.dir, 'relay/socketio-server.mjs')],
      ),
      {
        cwd: ROOT,
        env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn', RELAY_DB_POOL_MAX: '10' },
        stdout: 'ignore',
        stderr: 'inherit',
      },
    )
    const clients: Subprocess[] = []
    try {
      await waitReady(`http://127.0.0.1:${port}/readyz`)
      await Bun.sleep(2000)
      const rss0 = rss(server.pid)
      log(`${target}: RSS ${(rss0 / 2 ** 20).toFixed(0)} MiB before; storm of ${SOCKETS} connects`)
      const per = Math.ceil(SOCKETS / PROCS)
      for (let i = 0; i < PROCS; i++)
        clients.push(
          Bun.spawn(withNofile(['/usr/bin/node', join(import.meta.dir, 'relay/capacity-client.mjs')]), {
            env: {
              ...process.env,
              TARGET: target,
              PORT: String(port),
              LOCAL_ADDRESS: `127.0.0.${i + 2}`,
              COUNT: String(Math.min(per, SOCKETS - i * per)),
              RATE: String(RATE / PROCS),
              ROOMS: roomsFile,
              OFFSET: String(i * per),
            },
            stdout: 'pipe',
            stderr: 'inherit',
          }),
        )
      const reports = await Promise.all(
        clients.map(async (c) => {
          const reader = (c.stdout as ReadableStream<Uint8Array>).getReader()
          let text = ''
          while (!text.includes('\n')) {
            const { value, done } = await reader.read()
            if (done) break
            text += new TextDecoder().decode(value)
          }
          reader.releaseLock()
          return JSON.parse(text) as { opened: number; failed: number; seconds: number; welcomeMs: number[] }
        }),
      )
      await Bun.sleep(3000)
      const rss1 = rss(server.pid)
      const opened = reports.reduce((n, r) => n + r.opened, 0)
      const failed = reports.reduce((n, r) => n + r.failed, 0)
      const seconds = Math.max(...reports.map((r) => r.seconds))
      const lat = reports.flatMap((r) => r.welcomeMs).sort((a, b) => a - b)
      const perSocket = (rss1 - rss0) / Math.max(1, opened)
      rows.push([
        LABEL[target],
        opened,
        failed,
        (rss0 / 2 ** 20).toFixed(0),
        (rss1 / 2 ** 20).toFixed(0),
        (perSocket / 1024).toFixed(1),
        Math.round(2 ** 30 / perSocket),
        Math.round(opened / seconds),
        percentile(lat, 50).toFixed(1),
        percentile(lat, 99).toFixed(1),
      ])
      log(
        `${target}: ${opened} open, ${failed} failed in ${seconds.toFixed(1)} s; RSS ${(rss1 / 2 ** 20).toFixed(0)} MiB`,
      )
    } finally {
      for (const c of clients) c.kill('SIGTERM')
      await Promise.all(clients.map((c) => c.exited))
      server.kill('SIGTERM')
      await Promise.race([server.exited, Bun.sleep(10_000).then(() => server.kill('SIGKILL'))])
    }
  }
} finally {
  api.kill('SIGTERM')
  await api.exited
  rmSync(roomsFile, { force: true })
  await db.drop()
}

console.log(
  `\nRelay capacity: one server process, ${SOCKETS} idle spectator sockets over ${ROOMS} rooms, a storm of ${RATE} connects/s from ${PROCS} client processes (127.0.0.2-${PROCS + 1}), file limit ${NOFILE}, ${cpus().length} cores (shared machine)\n`,
)
console.log(
  table(
    [
      'server',
      'sockets open',
      'failed',
      'RSS before MiB',
      'RSS after MiB',
      'KiB / socket',
      'sockets / GiB',
      'connects/s',
      'welcome p50 ms',
      'welcome p99 ms',
    ],
    rows,
  ),
)
const ours = rows.find((r) => r[0] === LABEL.relay)
const sio = rows.find((r) => r[0] === LABEL.socketio)
if (ours && sio) console.log(`\nsockets per GiB: relay = ${(Number(ours[6]) / Number(sio[6])).toFixed(1)} × Socket.IO`)
console.log(
  `\ncommand: BENCH_SOCKETS=${SOCKETS} BENCH_ROOMS=${ROOMS} BENCH_RATE=${RATE} BENCH_CLIENT_PROCS=${PROCS} BENCH_TARGETS=${TARGETS.join(',')} bun run bench relay-capacity`,
)
