// Outbox publisher across api replicas (issue 12): N api processes share one Postgres outbox and one
// Redis, each draining it (`FOR UPDATE SKIP LOCKED`, batches of 200) into the games' backlogs and
// shard channels. Two phases per replica count, in the same run:
//   burst   BENCH_BURST outbox rows over BENCH_GAMES games are inserted in one transaction (as if
//           the publishers had been away); figure: events/s until the outbox is empty;
//   steady  answers posted through the api processes (round robin, BENCH_CONCURRENCY clients) for
//           BENCH_SECONDS; figure: answers/s and the outbox's length sampled every 50 ms (its lag).
//   kill    with more than one process: another burst, one process killed with SIGKILL when 30% of
//           it is out; the others finish it. Figure: events published twice (at-least-once: what
//           the killed one had published but not yet deleted goes out again).
// Then every game's backlog is read back: events published more than once (same game and seq) and
// games whose backlog is out of seq order; and the steady answers' lag from commit to backlog
// (the entry's XADD time, Redis's clock, minus when the answer's 200 reached the bench: the commit
// seen from outside, same machine and clock). The baseline is one api process, same phases.
//   bun run bench outbox-replicas
//   env: BENCH_REPLICAS=1,3 BENCH_GAMES=200 BENCH_BURST=50000 BENCH_SECONDS=10 BENCH_CONCURRENCY=32
import { join } from 'node:path'
import { keys, newRedisClient, readEvents } from '@gamenight/bus'
import postgres from 'postgres'
import { benchDatabase, waitReady } from './lib/setup.ts'
import { percentile, table } from './lib/stats.ts'

const REPLICAS = (process.env.BENCH_REPLICAS ?? '1,3').split(',').map(Number)
const GAMES = Number(process.env.BENCH_GAMES ?? 200)
const BURST = Number(process.env.BENCH_BURST ?? 50_000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32)
const ROOT = join(import.meta.dir, '..')
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const log = (m: string) => console.error(`bench outbox-replicas: ${m}`)
const rows: (string | number)[][] = []

for (const n of REPLICAS) {
  const db = await benchDatabase(`outbox${n}`, () => {})
  const prefix = `gnbench:${db.name}:`
  const k = keys(prefix)
  const redis = newRedisClient(redisUrl)
  await redis.connect()
  const sql = postgres(db.url, { max: 4, onnotice: () => {} })
  const env = {
    ...process.env,
    DATABASE_URL: db.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    MIGRATE_ON_START: 'false',
    LOG_LEVEL: 'warn',
    WORKER_TOKEN: 'bench',
    DB_POOL_MAX: String(Math.max(4, Math.floor(30 / n))),
  }
  const base = 35000 + Math.floor(Math.random() * 500)
  const apis = Array.from({ length: n }, (_, i) =>
    Bun.spawn(['bun', join(ROOT, 'apps/api/src/main.ts')], {
      env: { ...env, PORT: String(base + i) },
      stdout: 'ignore',
      stderr: 'inherit',
    }),
  )
  const urls = apis.map((_, i) => `http://127.0.0.1:${base + i}`)
  try {
    for (const u of urls) await waitReady(`${u}/readyz`)
    log(`${n} api process(es): creating ${GAMES} games × 4 players`)
    const games: { id: string; host: string; players: string[]; questions: string[] }[] = []
    for (let i = 0; i < GAMES; i++) {
      const g = await post(urls[0]!, '/api/games', { name: `outbox ${i}` })
      const ps: string[] = []
      for (let j = 0; j < 4; j++) ps.push((await post(urls[0]!, `/api/games/${g.id}/players`, { name: `P${j}` })).id)
      games.push({
        id: g.id,
        host: g.hostToken,
        players: ps,
        questions: g.categories.flatMap((c: { questions: { id: string }[] }) => c.questions.map((q) => q.id)),
      })
    }
    await waitFor(async () => (await outboxLength(sql)) === 0, 30_000)

    // Burst: rows with seqs above every game's, in one transaction; the publishers find them on their next poll.
    const gameIds = games.map((g) => g.id)
    const t0 = performance.now()
    await sql`
      insert into outbox (game_id, seq, event)
      select g.id, g.seq + i, jsonb_build_object('type', 'bench', 'gameId', g.id, 'seq', g.seq + i)
      from games g, generate_series(1, ${Math.ceil(BURST / GAMES)}) i
      where g.id in ${sql(gameIds)}`
    await sql`update games set seq = seq + ${Math.ceil(BURST / GAMES)} where id in ${sql(gameIds)}`
    const burstRows = Math.ceil(BURST / GAMES) * GAMES
    await waitFor(async () => (await outboxLength(sql)) === 0, 300_000)
    const burstSeconds = (performance.now() - t0) / 1000
    log(`${n}: burst of ${burstRows} drained in ${burstSeconds.toFixed(2)} s`)

    // Steady: answers through the api processes, the outbox's length sampled meanwhile.
    const triples = games[0]!.questions.flatMap((_, qi) =>
      games.flatMap((g) => g.players.map((pid) => ({ g, pid, qid: g.questions[qi]! }))),
    )
    let next = 0
    let ok = 0
    const committedAt = new Map<string, number>()
    const lengths: number[] = []
    const until = performance.now() + SECONDS * 1000
    const sampler = (async () => {
      while (performance.now() < until) {
        lengths.push(await outboxLength(sql))
        await Bun.sleep(50)
      }
    })()
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, c) => {
        while (performance.now() < until) {
          const t = triples[next++]
          if (!t) break
          const r = await fetch(`${urls[c % n]}/api/games/${t.g.id}/answers`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${t.g.host}` },
            body: JSON.stringify({ playerId: t.pid, questionId: t.qid, isCorrect: true }),
          })
          if (r.status !== 200) {
            await r.arrayBuffer()
            continue
          }
          const a = (await r.json()) as { playerId: string; version: number }
          committedAt.set(`${a.playerId}:${a.version}`, Date.now())
          ok++
        }
      }),
    )
    await sampler
    await waitFor(async () => (await outboxLength(sql)) === 0, 60_000)
    const sorted = [...lengths].sort((a, b) => a - b)
    const steadyEnd = Date.now()

    // Kill: a second burst, one replica killed -9 mid-drain (only with more than one to finish it).
    let killed = false
    if (n > 1) {
      const perGame = Math.ceil(BURST / GAMES)
      await sql`
        insert into outbox (game_id, seq, event)
        select g.id, g.seq + i, jsonb_build_object('type', 'bench', 'gameId', g.id, 'seq', g.seq + i)
        from games g, generate_series(1, ${perGame}) i
        where g.id in ${sql(gameIds)}`
      await sql`update games set seq = seq + ${perGame} where id in ${sql(gameIds)}`
      await waitFor(async () => (await outboxLength(sql)) < perGame * GAMES * 0.7, 300_000)
      apis[0]!.kill('SIGKILL')
      await apis[0]!.exited
      killed = true
      log(`${n}: killed one api process -9 with ${await outboxLength(sql)} rows left`)
      await waitFor(async () => (await outboxLength(sql)) === 0, 300_000)
    }

    // Read every backlog back: duplicates and out-of-order games.
    let events = 0
    let duplicates = 0
    let killDuplicates = 0
    let outOfOrder = 0
    const lags: number[] = []
    for (const g of gameIds) {
      const entries = (await readEvents(redis, k, { gameId: g })).map((e) => ({
        ms: Number(e.id.split('-')[0]),
        ...(JSON.parse(e.event) as { seq: number; playerId?: string; version?: number }),
      }))
      const seqs = entries.map((e) => Number(e.seq))
      events += seqs.length
      duplicates += seqs.length - new Set(seqs).size
      const afterSteady = entries.filter((e) => e.ms > steadyEnd).map((e) => Number(e.seq))
      killDuplicates += afterSteady.length - new Set(afterSteady).size
      // Out of order: an event's first appearance below one already there (a duplicate's repeat is not).
      const firsts = seqs.filter((s, i) => seqs.indexOf(s) === i)
      if (firsts.some((s, i) => i > 0 && s < firsts[i - 1]!)) outOfOrder++
      for (const e of entries) {
        const at = committedAt.get(`${e.playerId}:${e.version}`)
        if (at !== undefined) lags.push(Math.max(0, e.ms - at))
      }
    }
    lags.sort((a, b) => a - b)
    rows.push([
      n,
      burstRows,
      Math.round(burstRows / burstSeconds),
      Math.round(ok / SECONDS),
      percentile(sorted, 50),
      percentile(sorted, 99),
      Math.max(...sorted),
      percentile(lags, 50),
      percentile(lags, 99),
      events,
      duplicates - killDuplicates,
      killed ? killDuplicates : '',
      outOfOrder,
    ])
    log(
      `${n}: ${ok} answers, ${events} events in the backlogs, ${duplicates} duplicates, ${outOfOrder} games out of order`,
    )
  } finally {
    for (const a of apis) if (a.exitCode === null && a.signalCode === null) a.kill('SIGTERM')
    await Promise.all(apis.map((a) => a.exited))
    for await (const batch of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 }))
      if (batch.length) await redis.del(batch)
    await redis.close()
    await sql.end()
    await db.drop()
  }
}

console.log(
  `\nOutbox publisher across api replicas: ${GAMES} games, a burst of ${BURST} rows, then ${SECONDS} s of answers at concurrency ${CONCURRENCY} (shared machine)\n`,
)
console.log(
  table(
    [
      'api processes',
      'burst rows',
      'burst events/s published',
      'steady answers/s',
      'outbox rows p50',
      'outbox rows p99',
      'outbox rows max',
      'lag p50 ms',
      'lag p99 ms',
      'events in backlogs',
      'published twice',
      'twice, one killed -9',
      'games out of order',
    ],
    rows,
  ),
)
console.log(
  `\ncommand: BENCH_REPLICAS=${REPLICAS.join(',')} BENCH_GAMES=${GAMES} BENCH_BURST=${BURST} BENCH_SECONDS=${SECONDS} BENCH_CONCURRENCY=${CONCURRENCY} bun run bench outbox-replicas`,
)

async function outboxLength(sql: postgres.Sql): Promise<number> {
  const [r] = await sql<{ n: number }[]>`select count(*)::int as n from outbox`
  return r?.n ?? 0
}

async function waitFor(fn: () => Promise<boolean>, ms: number) {
  const deadline = performance.now() + ms
  while (!(await fn())) {
    if (performance.now() > deadline) throw new Error('timed out waiting for the outbox to drain')
    await Bun.sleep(25)
  }
}

async function post(url: string, path: string, body: unknown) {
  const r = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`)
  return r.json() as Promise<any>
}
