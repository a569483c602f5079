// Relay benchmark: R rooms × N clients over two server processes, game events fired through the
// real api at fixed rates (POST /api/games/{id}/buzzer/reset → outbox → Redis stream → servers →
// clients). Measures deliveries/s, deliveries per CPU-second of the two server processes (utime +
// stime from /proc), REST-response → WebSocket-receipt latency, and lost deliveries; the same
// workload on Socket.IO + @socket.io/redis-adapter (Node) and on raw Bun.serve pub/sub (ceiling).
//   bun run bench relay
//   env: BENCH_ROOMS=50 BENCH_CLIENTS=20 BENCH_RATES=200,1000 BENCH_SECONDS=10 BENCH_TARGETS=relay,socketio,bun
import { cpus } from 'node:os'
import { join } from 'node:path'
import { benchDatabase, waitReady } from './lib/setup.ts'
import { summarize, table } from './lib/stats.ts'
import { connectPool, cpuSeconds, type Room, startPair, type Target } from './relay/targets.ts'

const ROOMS = Number(process.env.BENCH_ROOMS ?? 50)
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20)
const RATES = (process.env.BENCH_RATES ?? '200,1000').split(',').map(Number)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const TARGETS = (process.env.BENCH_TARGETS ?? 'relay,socketio,bun').split(',') as Target[]
const MAX_IN_FLIGHT = 256
const log = (m: string) => console.error(`bench relay: ${m}`)
const LABEL: Record<Target, string> = {
  relay: 'apps/relay (Bun)',
  socketio: 'Socket.IO 4.8 + redis-adapter (Node 20)',
  bun: 'raw Bun.serve pub/sub (ceiling)',
}

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
log(`${ROOMS} rooms × ${CLIENTS} clients, rates ${RATES.join(', ')} events/s, ${SECONDS} s each`)
const db = await benchDatabase('relay', () => {})
const prefix = `gnbench:${db.name}:`
const env = {
  DATABASE_URL: db.url,
  REDIS_URL: redisUrl,
  REDIS_PREFIX: prefix,
  MIGRATE_ON_START: 'false',
  WORKER_TOKEN: 'bench',
}

const apiPort = 32000 + Math.floor(Math.random() * 700)
const api = Bun.spawn(['bun', join(import.meta.dir, '..', 'apps/api/src/main.ts')], {
  env: { ...process.env, ...env, PORT: String(apiPort), LOG_LEVEL: 'warn', DB_POOL_MAX: '20' },
  stdout: 'ignore',
  stderr: 'inherit',
})
const apiUrl = `http://127.0.0.1:${apiPort}`

type Fired = { tReq: number; tResp?: number; recv: number[] }
type Game = Room & { hostToken: string }
const rows: (string | number)[][] = []
try {
  await waitReady(`${apiUrl}/readyz`)
  const games: Game[] = []
  for (let i = 0; i < ROOMS; i++) {
    const g = await (
      await fetch(`${apiUrl}/api/games`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `bench ${i}` }),
      })
    ).json()
    games.push({ gameId: g.id, viewToken: g.viewToken, hostToken: g.hostToken })
  }

  for (const target of TARGETS) {
    log(`${target}: starting two servers`)
    const pair = await startPair(target, env)
    try {
      let fired = new Map<string, Fired>()
      const pool = await connectPool(target, pair, games, CLIENTS, (m, at) => {
        if (m.type !== 'buzzer_reset') return
        // A receipt may come before the REST response: the entry is created by whichever is first.
        const key = `${m.gameId}:${m.version}`
        const f = fired.get(key)
        if (f) f.recv.push(at)
        else fired.set(key, { tReq: NaN, recv: [at] })
      })
      log(`${target}: ${pool.connected()} clients connected`)
      for (const rate of RATES) {
        await drive(games, rate, 1, new Map()) // warm-up, not measured
        await Bun.sleep(500)
        fired = new Map()
        const cpu0 = pair.procs.map((p) => cpuSeconds(p.pid))
        const t0 = performance.now()
        const sent = await drive(games, rate, SECONDS, fired)
        await drain(fired, CLIENTS, 5000)
        const elapsed = (performance.now() - t0) / 1000
        const cpu = pair.procs.reduce((s, p, i) => s + cpuSeconds(p.pid) - cpu0[i]!, 0)
        // Only events fired in this run (a late warm-up receipt has no response time).
        const all = [...fired.values()].filter((f) => f.tResp !== undefined)
        const deliveries = all.reduce((s, f) => s + f.recv.length, 0)
        const expected = all.length * CLIENTS
        const fromResp = all.flatMap((f) => f.recv.map((r) => r - f.tResp!))
        const fromReq = all.flatMap((f) => f.recv.map((r) => r - f.tReq))
        const a = summarize(fromResp)
        const b = summarize(fromReq)
        rows.push([
          LABEL[target],
          rate,
          Math.round(sent.ok / SECONDS),
          Math.round(deliveries / elapsed),
          cpu,
          Math.round(deliveries / cpu),
          a.p50,
          a.p99,
          b.p99,
          expected - deliveries,
        ])
        log(
          `${target} @ ${rate}/s: ${sent.ok} events (${sent.failed} failed, ${sent.skipped} skipped), ${deliveries}/${expected} deliveries, ${cpu.toFixed(2)} CPU-s`,
        )
      }
      pool.close()
    } finally {
      await pair.stop()
    }
  }
} finally {
  api.kill('SIGTERM')
  await api.exited
  await db.drop()
  const { createClient } = await import('redis')
  const r = createClient({ url: redisUrl })
  await r.connect()
  for await (const batch of r.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) if (batch.length) await r.del(batch)
  await r.close()
}

console.log(
  `\nRelay benchmark: ${ROOMS} rooms × ${CLIENTS} clients over 2 server processes, ${SECONDS} s per rate, ${cpus().length} cores`,
)
console.log(
  'events fired through the api (buzzer reset → outbox → the game backlog and shard channel); latency from the REST response (or request) to each WebSocket receipt\n',
)
console.log(
  table(
    [
      'server pair',
      'target ev/s',
      'fired ev/s',
      'deliveries/s',
      'server CPU-s',
      'deliveries / CPU-s',
      'resp→ws p50 ms',
      'resp→ws p99 ms',
      'req→ws p99 ms',
      'lost',
    ],
    rows,
  ),
)
const ours = rows.filter((r) => String(r[0]).startsWith('apps/relay'))
const sio = rows.filter((r) => String(r[0]).startsWith('Socket.IO'))
for (let i = 0; i < Math.min(ours.length, sio.length); i++) {
  console.log(
    `at ${ours[i]![1]} ev/s: relay deliveries per CPU-second = ${(Number(ours[i]![5]) / Number(sio[i]![5])).toFixed(1)} × Socket.IO`,
  )
}
console.log(
  `\ncommand: BENCH_ROOMS=${ROOMS} BENCH_CLIENTS=${CLIENTS} BENCH_RATES=${RATES.join(',')} BENCH_SECONDS=${SECONDS} bun run bench relay`,
)

/** Fires buzzer resets round-robin over the rooms at `rate`/s for `seconds`, at most MAX_IN_FLIGHT at once. */
async function drive(rooms: Game[], rate: number, seconds: number, into: Map<string, Fired>) {
  let ok = 0
  let failed = 0
  let skipped = 0
  let due = 0
  let inFlight = 0
  let next = 0
  const start = performance.now()
  const total = Math.round(rate * seconds)
  const calls: Promise<void>[] = []
  while (due < total) {
    const shouldHave = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate))
    for (; due < shouldHave; due++) {
      if (inFlight >= MAX_IN_FLIGHT) {
        skipped++
        continue
      }
      const room = rooms[next++ % rooms.length]!
      inFlight++
      const tReq = performance.now()
      calls.push(
        fetch(`${apiUrl}/api/games/${room.gameId}/buzzer/reset`, {
          method: 'POST',
          headers: { authorization: `Bearer ${room.hostToken}` },
        })
          .then(async (r) => {
            const tResp = performance.now()
            if (!r.ok) return void failed++
            const body = (await r.json()) as { version: number }
            const key = `${room.gameId}:${body.version}`
            const f = into.get(key)
            if (f) Object.assign(f, { tReq, tResp })
            else into.set(key, { tReq, tResp, recv: [] })
            ok++
          })
          .catch(() => void failed++)
          .finally(() => void inFlight--),
      )
    }
    await Bun.sleep(2)
  }
  await Promise.all(calls)
  return { ok, failed, skipped }
}

async function drain(fired: Map<string, Fired>, perEvent: number, timeoutMs: number) {
  const deadline = performance.now() + timeoutMs
  while (performance.now() < deadline) {
    if ([...fired.values()].every((f) => f.tResp === undefined || f.recv.length >= perEvent)) return
    await Bun.sleep(50)
  }
}
