// Memory of a real AI worker process with its caches full: starts the api and one worker (apps/worker,
// default AI_DIGEST_CACHE_MB, AI_CONCURRENCY and AI_MEMORY_CEILING_MB unless set, no move delay) on a bench database of their own, plays
// the hard set's AI games through them, and samples the worker's resident memory from /proc every
// 250 ms. Prints the peak RSS (VmHWM) beside the 300 MB budget of issue 13, and the moves per second.
//   bun bench/ai/worker-memory.ts [pairs.tsv] [--games N] [--delay MS]
//   (default bench-hard-dev.tsv, all 200 games, AI_MOVE_DELAY_MS 0: the worker as busy as it can be;
//   production waits 1000 ms before each move so people can watch)
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadWikiGraph } from '@gamenight/wikigraph'
import { createClient } from 'redis'
import { benchDatabase, waitReady } from '../lib/setup.ts'

const ROOT = join(import.meta.dir, '..', '..')
const BUDGET_MB = 300
const args = process.argv.slice(2)
const gi = args.indexOf('--games')
const games = gi >= 0 ? Number(args.splice(gi, 2)[1]) : Infinity
const di = args.indexOf('--delay')
const delayMs = di >= 0 ? Number(args.splice(di, 2)[1]) : 0
const pairsPath = args[0] ?? join(ROOT, 'libs', 'wikigraph', 'data', 'bench-hard-dev.tsv')
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const say = (m: string) => console.error(`bench worker-memory: ${m}`)

const pairs = readFileSync(pairsPath, 'utf8')
  .split('\n')
  .slice(1)
  .filter((l) => l.trim())
  .map((l) => l.split('\t').slice(0, 2) as [string, string])
  .slice(0, games)
const db = await benchDatabase('wmem', say, [loadWikiGraph])
const prefix = `gnbench:${db.name}:`
const port = 38000 + Math.floor(Math.random() * 1000)
const apiUrl = `http://127.0.0.1:${port}`
const procs: ReturnType<typeof Bun.spawn>[] = []
const spawn = (file: string, env: Record<string, string>) => {
  const p = Bun.spawn(['bun', join(ROOT, file)], {
    cwd: ROOT,
    env: {
      ...process.env,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
      WORKER_TOKEN: 'bench',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdout: 'inherit',
    stderr: 'inherit',
  })
  procs.push(p)
  return p
}
/** [VmRSS, VmHWM] of a process in MB. */
const memory = (pid: number): [number, number] => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) => Number(status.match(new RegExp(`${key}:\\s+(\\d+)`))?.[1] ?? 0) / 1024
  return [kb('VmRSS'), kb('VmHWM')]
}

// Interrupted: the children and the bench database go too.
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, async () => {
    for (const p of procs) p.kill('SIGKILL')
    await db.drop().catch(() => {})
    process.exit(130)
  })

const redis = createClient({ url: redisUrl })
redis.on('error', () => {})
await redis.connect()
try {
  spawn('apps/api/src/main.ts', { DATABASE_URL: db.url, PORT: String(port), MIGRATE_ON_START: 'false' })
  await waitReady(`${apiUrl}/readyz`)
  const ids: string[] = []
  for (const [startArticle, endArticle] of pairs) {
    const r = await fetch(`${apiUrl}/game`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ player: 'ai', startArticle, endArticle }),
    })
    if (!r.ok) throw new Error(`POST /game ${startArticle} -> ${endArticle}: ${r.status}`)
    ids.push(((await r.json()) as { id: string }).id)
  }
  const wport = port + 100
  const worker = spawn('apps/worker/src/main.ts', {
    API_URL: apiUrl,
    AI_MOVE_DELAY_MS: String(delayMs),
    AI_SWEEP_INTERVAL_MS: '600000',
    PORT: String(wport),
  })
  await waitReady(`http://127.0.0.1:${wport}/readyz`)
  const started = Date.now()
  let peak = 0
  let last = 0
  let done = 0
  let won = 0
  let moves = 0
  while (done < ids.length && Date.now() - started < 60 * 60_000) {
    await Bun.sleep(250)
    const [rss] = memory(worker.pid)
    peak = Math.max(peak, rss)
    if (Date.now() - last < 10_000) continue
    last = Date.now()
    const list = (await (await fetch(`${apiUrl}/game?player=ai&limit=1000`)).json()) as {
      games: { status: string; moveCount: number }[]
    }
    done = list.games.filter((g) => g.status !== 'playing').length
    won = list.games.filter((g) => g.status === 'won').length
    moves = list.games.reduce((a, g) => a + g.moveCount, 0)
    say(
      `${done}/${ids.length} games over (${won} won), ${moves} moves, worker RSS ${rss.toFixed(0)} MB, peak ${peak.toFixed(0)} MB`,
    )
  }
  const [rss, hwm] = memory(worker.pid)
  const seconds = (Date.now() - started) / 1000
  // What the memory ceiling did (apps/worker/src/memory-ceiling.ts), from the worker's /metrics.
  const metrics = await (await fetch(`http://127.0.0.1:${wport}/metrics`)).text()
  const count = (name: string) => Number(metrics.match(new RegExp(`^gamenight_worker_${name} (\\S+)$`, 'm'))?.[1] ?? 0)
  console.log(
    `AI worker memory: ${ids.length} AI games from ${pairsPath}, one worker process, default cache sizes, AI_MOVE_DELAY_MS=${delayMs}`,
  )
  console.log('')
  console.log('| measure | value | budget |')
  console.log('| --- | --- | --- |')
  console.log(`| worker peak RSS (VmHWM) | ${hwm.toFixed(0)} MB | ${BUDGET_MB} MB |`)
  console.log(`| worker RSS at the end | ${rss.toFixed(0)} MB | ${BUDGET_MB} MB |`)
  console.log(`| games over / won | ${done} / ${won} | |`)
  console.log(`| moves, moves/s | ${moves}, ${(moves / seconds).toFixed(1)} | |`)
  console.log(
    `| cache drops, turns held back (AI_MEMORY_CEILING_MB=${process.env.AI_MEMORY_CEILING_MB ?? 'default'}) | ${count('memory_sheds_total')}, ${count('memory_pauses_total')} | |`,
  )
  console.log(`\ncommand: bun bench/ai/worker-memory.ts ${process.argv.slice(2).join(' ')}`.trimEnd())
} finally {
  for (const p of procs) p.kill('SIGKILL')
  for await (const ks of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) if (ks.length) await redis.del(ks)
  await redis.close()
  await db.drop()
}
