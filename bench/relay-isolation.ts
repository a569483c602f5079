// Relay isolation benchmark (issue 12): one server process holds 20 rooms × 25 sockets with 50
// events/s to those rooms, while traffic to games it does not hold grows 0 → 10× that. Figure:
// the server's CPU-seconds per socket delivery at each level, and how much it rose over 0× (the
// mean of the first row and the last, which is 0× again: the drift over a run is of the same order).
// Targets, in the same run:
//   relay    apps/relay as deployed: per-game shard channels (SSUBSCRIBE to the games it holds)
//   sharded  a bare Bun.serve with the same per-game shard channels (bench/relay/bun-pubsub-server.ts)
//   stream   the same bare server on the design before issue 12, the baseline: every server reads
//            one global stream (XREAD) and drops the entries of games it does not hold
// Events are published straight to Redis at fixed rates (libs/bus publishEvents for relay/sharded,
// XADD to the global stream for stream), so the api's cost is not in the figure.
//   bun run bench relay-isolation
//   env: BENCH_ROOMS=20 BENCH_CLIENTS=25 BENCH_RATE=50 BENCH_LEVELS=0,1,10,50,0 BENCH_SECONDS=15
//        BENCH_TARGETS=relay,sharded,stream

import { readFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { keys, newRedisClient, publishEvents } from '@gamenight/bus'
import { benchDatabase, waitReady } from './lib/setup.ts'
import { table } from './lib/stats.ts'

type Target = 'relay' | 'sharded' | 'stream'

/** utime + stime of `pid` in seconds (/proc/<pid>/stat; includes threads that have exited). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(f[11]) + Number(f[12])) / 100
}
const ROOMS = Number(process.env.BENCH_ROOMS ?? 20)
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 25)
const RATE = Number(process.env.BENCH_RATE ?? 50)
const LEVELS = (process.env.BENCH_LEVELS ?? '0,1,10,50,0').split(',').map(Number)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15)
const TARGETS = (process.env.BENCH_TARGETS ?? 'relay,sharded,stream').split(',') as Target[]
const OTHER_GAMES = 400
const LABEL: Record<Target, string> = {
  relay: 'apps/relay, per-game shard channels',
  sharded: 'bare Bun server, per-game shard channels',
  stream: 'bare Bun server, one global stream (before)',
}
const log = (m: string) => console.error(`bench relay-isolation: ${m}`)
const ROOT = join(import.meta.dir, '..')
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

log(`${ROOMS} rooms × ${CLIENTS} sockets, ${RATE} events/s to them; other games' traffic × ${LEVELS.join(', ')}`)
const db = await benchDatabase('isolation', () => {})
const prefix = `gnbench:${db.name}:`
const k = keys(prefix)
const env = { DATABASE_URL: db.url, REDIS_URL: redisUrl, REDIS_PREFIX: prefix, MIGRATE_ON_START: 'false' }
const redis = newRedisClient(redisUrl)
await redis.connect()
let nextPort = 33000 + Math.floor(Math.random() * 500)

const apiPort = nextPort++
const api = Bun.spawn(['bun', join(ROOT, 'apps/api/src/main.ts')], {
  env: { ...process.env, ...env, PORT: String(apiPort), LOG_LEVEL: 'warn', WORKER_TOKEN: 'bench' },
  stdout: 'ignore',
  stderr: 'inherit',
})
const rows: (string | number)[][] = []
try {
  await waitReady(`http://127.0.0.1:${apiPort}/readyz`)
  const held: { id: string; viewToken: string }[] = []
  for (let i = 0; i < ROOMS; i++) {
    const r = await fetch(`http://127.0.0.1:${apiPort}/api/games`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: `isolation ${i}` }),
    })
    held.push((await r.json()) as { id: string; viewToken: string })
  }
  api.kill('SIGTERM')
  const others = Array.from({ length: OTHER_GAMES }, () => crypto.randomUUID())

  for (const target of TARGETS) {
    const port = nextPort++
    const server = Bun.spawn(
      target === 'relay'
        ? ['bun', join(ROOT, 'apps/relay/src/main.ts')]
        : ['bun', join(import.meta.dir, 'relay/bun-pubsub-server.ts')],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          ...env,
          PORT: String(port),
          LOG_LEVEL: 'warn',
          FANOUT: target === 'stream' ? 'stream' : 'sharded',
        },
        stdout: 'ignore',
        stderr: 'inherit',
      },
    )
    try {
      await waitReady(`http://127.0.0.1:${port}/readyz`)
      let received = 0
      const sockets: WebSocket[] = []
      for (const g of held) {
        const url =
          target === 'relay'
            ? `ws://127.0.0.1:${port}/ws/games/${g.id}?token=${encodeURIComponent(g.viewToken)}`
            : `ws://127.0.0.1:${port}/?gameId=${g.id}`
        await Promise.all(
          Array.from(
            { length: CLIENTS },
            () =>
              new Promise<void>((resolve, reject) => {
                const ws = new WebSocket(url)
                sockets.push(ws)
                ws.onmessage = (e) => {
                  const m = String(e.data)
                  if (m.includes('"bench"')) received++
                  else if (m.includes('"welcome"')) resolve()
                }
                ws.onerror = () => reject(new Error(`socket to ${url} failed`))
              }),
          ),
        )
      }
      log(`${target}: ${sockets.length} sockets open; settling for 15 s`)
      let seq = 0
      const publish = async (gameIds: string[]) => {
        const events = gameIds.map((gameId) => ({
          gameId,
          event: { type: 'bench', gameId, seq: ++seq, version: seq, at: Date.now(), pad: 'x'.repeat(80) },
        }))
        if (target === 'stream') {
          const m = redis.multi()
          for (const e of events)
            m.xAdd(
              `${prefix}events`,
              '*',
              { gameId: e.gameId, event: JSON.stringify(e.event) },
              { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: 100_000 } },
            )
          await m.exec()
        } else await publishEvents(redis, k, events, { maxLen: 1000, ttlSec: 600 })
      }
      // After the connect storm (GC, JIT), before anything is measured.
      await drive(publish, held, others, 0, 15)
      for (const level of LEVELS) {
        await drive(publish, held, others, level, 1) // warm-up at this level
        await Bun.sleep(300)
        const r0 = received
        const c0 = cpuSeconds(server.pid)
        const t0 = performance.now()
        const sent = await drive(publish, held, others, level, SECONDS)
        await Bun.sleep(300)
        const cpu = cpuSeconds(server.pid) - c0
        const deliveries = received - r0
        const elapsed = (performance.now() - t0) / 1000
        rows.push([
          LABEL[target],
          `${level}×`,
          Math.round(sent.others / SECONDS),
          deliveries,
          cpu,
          (cpu / deliveries) * 1e6,
        ])
        log(
          `${target} ${level}×: ${sent.held} held + ${sent.others} other events in ${elapsed.toFixed(1)} s, ${deliveries} deliveries (${sent.held * CLIENTS} expected), ${cpu.toFixed(2)} CPU-s`,
        )
      }
      for (const ws of sockets) ws.close()
    } finally {
      server.kill('SIGTERM')
      await server.exited
    }
  }
} finally {
  api.kill('SIGTERM')
  await api.exited
  for await (const batch of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 }))
    if (batch.length) await redis.del(batch)
  await redis.close()
  await db.drop()
}

/** `RATE` events/s round-robin over the held rooms plus `level` × RATE over the other games, for `seconds`. */
async function drive(
  publish: (gameIds: string[]) => Promise<void>,
  held: { id: string }[],
  others: string[],
  level: number,
  seconds: number,
) {
  const tickMs = 20
  const start = performance.now()
  let heldSent = 0
  let othersSent = 0
  let h = 0
  let o = 0
  while (performance.now() - start < seconds * 1000) {
    const t = (performance.now() - start) / 1000
    const batch: string[] = []
    for (; heldSent < Math.floor(t * RATE); heldSent++) batch.push(held[h++ % held.length]!.id)
    for (; othersSent < Math.floor(t * RATE * level); othersSent++) batch.push(others[o++ % others.length]!)
    if (batch.length) await publish(batch)
    await Bun.sleep(tickMs)
  }
  return { held: heldSent, others: othersSent }
}

// The base of each server: the mean of its 0× rows (the first and the last of its run).
const base = new Map<string, number>()
for (const server of new Set(rows.map((r) => String(r[0])))) {
  const zero = rows.filter((r) => String(r[0]) === server && r[1] === '0×').map((r) => Number(r[5]))
  base.set(server, zero.reduce((a, b) => a + b, 0) / zero.length)
}
const out = rows.map(([server, level, otherRate, deliveries, cpu, perDelivery]) => {
  const b = base.get(String(server)) ?? Number(perDelivery)
  return [
    String(server),
    String(level),
    Number(otherRate),
    Number(deliveries),
    Number(cpu).toFixed(2),
    Number(perDelivery).toFixed(1),
    `${(((Number(perDelivery) - b) / b) * 100).toFixed(1)} %`,
  ]
})
console.log(
  `\nRelay isolation: one server, ${ROOMS} rooms × ${CLIENTS} sockets, ${RATE} events/s to them, ${SECONDS} s per level, ${cpus().length} cores (shared machine)\n`,
)
console.log(
  table(['server', 'other games', 'other ev/s', 'deliveries', 'server CPU-s', 'CPU-µs / delivery', 'vs 0×'], out),
)
console.log(
  `\ncommand: BENCH_ROOMS=${ROOMS} BENCH_CLIENTS=${CLIENTS} BENCH_RATE=${RATE} BENCH_LEVELS=${LEVELS.join(',')} BENCH_SECONDS=${SECONDS} BENCH_TARGETS=${TARGETS.join(',')} bun run bench relay-isolation`,
)
