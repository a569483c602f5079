// AI pipeline throughput: AI moves per second end to end (turn stream → worker → api → Postgres →
// outbox → wiki_move event on the Redis event stream), with 1 and 2 worker processes, and in the
// same run the same HTTP turn driven by BullMQ workers (bench/pipeline/bullmq-worker.ts).
//   bun run bench:pipeline      (env: BENCH_WARMUP_SECONDS=8, BENCH_SECONDS=15, BENCH_CONCURRENCY=8, BENCH_GAMES=500)
// Moves are counted from the wiki_move events whose stream ids (publish time) fall in the window
// after the warm-up, so every counted move went all the way through.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { keys, newRedisClient, readEvents } from '@gamenight/bus'
import { loadWikiGraph } from '@gamenight/wikigraph'
import { Queue } from 'bullmq'
import { benchDatabase, waitReady } from './lib/setup.ts'
import { table } from './lib/stats.ts'

const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 8)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8)
const GAMES = Number(process.env.BENCH_GAMES ?? 500)
const TOKEN = 'bench-worker-token'
const ROOT = join(import.meta.dir, '..')
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const say = (m: string) => console.error(`bench pipeline: ${m}`)

const db = await benchDatabase('pipe', say, [loadWikiGraph])
const prefix = `gnbench:${db.name}:`
const k = keys(prefix)
const turns = k.aiTurns
const bullPrefix = `${prefix}bull`
const port = 39000 + Math.floor(Math.random() * 1000)
const apiUrl = `http://127.0.0.1:${port}`

const pairs = readFileSync(join(ROOT, 'libs/wikigraph/data/bench-dev.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter((l) => l.trim())
  .map((l) => l.split('\t').slice(0, 2) as [string, string])
  .slice(0, GAMES)

const redis = newRedisClient(redisUrl)
redis.on('error', () => {})
await redis.connect()
const procs: ReturnType<typeof Bun.spawn>[] = []
const _api = spawn(['apps/api/src/main.ts'], { DATABASE_URL: db.url, PORT: String(port), MIGRATE_ON_START: 'false' })

try {
  await waitReady(`${apiUrl}/readyz`)
  const rows: (string | number)[][] = []
  for (const [driver, workers] of [
    ['stream', 1],
    ['bullmq', 1],
    ['stream', 2],
    ['bullmq', 2],
  ] as const) {
    const r = await run(driver, workers)
    rows.push([
      driver === 'stream' ? 'Redis stream consumer group (apps/worker)' : 'BullMQ 6.7.0 Worker, same step',
      workers,
      CONCURRENCY,
      r.moves,
      r.perSecond,
      r.finished,
    ])
    say(`${driver} × ${workers}: ${r.perSecond.toFixed(1)} moves/s`)
  }
  console.log(
    `\nAI pipeline: moves/s end to end, ${WARMUP} s warm-up then ${SECONDS} s counted, ${GAMES} bench-dev games per run, ${navigator.hardwareConcurrency} cores\n`,
  )
  console.log(
    table(['driver', 'worker processes', 'concurrency each', 'moves counted', 'moves/s', 'games won in window'], rows),
  )
  console.log(
    `\ncommand: BENCH_WARMUP_SECONDS=${WARMUP} BENCH_SECONDS=${SECONDS} BENCH_CONCURRENCY=${CONCURRENCY} BENCH_GAMES=${GAMES} bun run bench:pipeline`,
  )
} finally {
  for (const p of procs) p.kill('SIGKILL')
  for await (const ks of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) if (ks.length) await redis.del(ks)
  await redis.close()
  await db.drop()
}

/** One configuration: fresh games, workers started, warm-up, counted window, leftovers failed. */
async function run(driver: 'stream' | 'bullmq', workers: number) {
  const ids = await createGames()
  const queue = driver === 'bullmq' ? new Queue('ai-turns', { connection: redis, prefix: bullPrefix }) : null
  if (queue) {
    // The api enqueued on the stream; this run feeds BullMQ instead.
    await redis.del(turns)
    await queue.addBulk(
      ids.map((gameId) => ({ name: 'turn', data: { gameId }, opts: { removeOnComplete: true, removeOnFail: 1000 } })),
    )
  }
  const env = {
    API_URL: apiUrl,
    WORKER_TOKEN: TOKEN,
    AI_CONCURRENCY: String(CONCURRENCY),
    AI_MOVE_DELAY_MS: '0',
    AI_SWEEP_INTERVAL_MS: '600000',
    BULL_PREFIX: bullPrefix,
    PORT: '0',
  }
  const ws = await Promise.all(
    Array.from({ length: workers }, async (_, i) => {
      if (driver === 'stream') {
        const wport = port + 100 + i
        const p = spawn(['apps/worker/src/main.ts'], { ...env, PORT: String(wport) })
        await waitReady(`http://127.0.0.1:${wport}/readyz`)
        return p
      }
      const p = spawn(['bench/pipeline/bullmq-worker.ts'], env, 'pipe')
      for await (const chunk of p.stdout as ReadableStream<Uint8Array>)
        if (new TextDecoder().decode(chunk).includes('ready')) break
      return p
    }),
  )
  await Bun.sleep(WARMUP * 1000)
  const t1 = Date.now()
  await Bun.sleep(SECONDS * 1000)
  const t2 = Date.now()
  const idSet = new Set(ids)
  let moves = 0
  let finished = 0
  for (const e of await readEvents(redis, k, { from: String(t1), to: String(t2) })) {
    if (!idSet.has(e.gameId)) continue
    const ev = JSON.parse(e.event)
    if (ev.type === 'wiki_move') moves++
    if (ev.type === 'wiki_move' && ev.isComplete) finished++
  }
  for (const p of ws) {
    p.kill('SIGTERM')
    await p.exited
  }
  // Leave nothing for the next configuration: unfinished games failed, queues emptied.
  await redis.del(turns)
  if (queue) {
    await queue.obliterate({ force: true })
    await queue.close()
  }
  const left = (await get(`/game?player=ai&status=playing&limit=1000`)).games as { id: string }[]
  await Promise.all(
    left.map((g) =>
      fetch(`${apiUrl}/game/${g.id}/fail`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'bench run over' }),
      }),
    ),
  )
  return { moves, perSecond: moves / ((t2 - t1) / 1000), finished }
}

async function createGames(): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < pairs.length; i += 16) {
    const batch = await Promise.all(
      pairs.slice(i, i + 16).map(async ([s, e]) => {
        const r = await fetch(`${apiUrl}/game`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ player: 'ai', startArticle: s, endArticle: e }),
        })
        if (r.status !== 201) throw new Error(`POST /game: ${r.status} ${await r.text()}`)
        return ((await r.json()) as { id: string }).id
      }),
    )
    ids.push(...batch)
  }
  return ids
}

function spawn(args: string[], env: Record<string, string>, stdout: 'inherit' | 'pipe' = 'inherit') {
  const p = Bun.spawn(['bun', join(ROOT, ...args[0]!.split('/'))], {
    cwd: ROOT,
    env: { ...process.env, REDIS_URL: redisUrl, REDIS_PREFIX: prefix, WORKER_TOKEN: TOKEN, LOG_LEVEL: 'warn', ...env },
    stdout,
    stderr: 'inherit',
  })
  procs.push(p)
  return p
}

async function get(path: string) {
  const r = await fetch(apiUrl + path)
  if (!r.ok) throw new Error(`GET ${path}: ${r.status}`)
  return r.json() as Promise<any>
}
