// Outbox publisher across api replicas (issue 12): N api processes share one database and one
// outbox; each publishes what it commits (kicked after its own commit) and polls for the rest,
// claiming rows with SKIP LOCKED. One replica is the baseline, in the same run. Per N, two phases:
//   live   answers over 200 games × 4 players through HTTP, clients spread over the replicas;
//          lag = backlog entry time (XADD, Redis clock) − the moment the answer's 200 reached the
//          bench (its commit, seen from outside; the same machine's clock)
//   drain  BENCH_BACKLOG events committed to the outbox in one transaction while the replicas are
//          idle (what a crashed replica or a Redis outage leaves behind); lag from that commit
//   drain, one killed -9   the same, with one replica killed mid-drain and a new one started: the
//          events it had published but not yet deleted go out twice (at-least-once)
// Every game's backlog is read afterwards: duplicates are entries with a (gameId, seq) seen before,
// out of order are entries whose seq is below one already in that game's backlog.
//   bun run bench publisher
//   env: BENCH_SECONDS=10 BENCH_CONCURRENCY=32 BENCH_BACKLOG=20000 BENCH_REPLICAS=1,3

import { join } from 'node:path'
import { type Keys, keys, newRedisClient, readBacklog } from '@gamenight/bus'
import postgres from 'postgres'
import { benchDatabase, freePort, waitReady } from './lib/setup.ts'
import { summarize, table } from './lib/stats.ts'
import { setUpManyGames, type Triple } from './trivia/many-games.ts'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32)
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 20_000)
const REPLICAS = (process.env.BENCH_REPLICAS ?? '1,3').split(',').map(Number)
const GAMES = 200
const PLAYERS = 4
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const log = (m: string) => console.error(`bench publisher: ${m}`)
const ROOT = join(import.meta.dir, '..')

const db = await benchDatabase('publisher', log)
const sql = postgres(db.url, { max: 4, onnotice: () => {} })
const redis = newRedisClient(redisUrl)
await redis.connect()
type Api = { url: string; proc: Bun.Subprocess }
const running: Api[] = []

async function startApis(n: number, prefix: string): Promise<Api[]> {
  const apis = Array.from({ length: n }, () => {
    const port = freePort()
    const proc = Bun.spawn(['bun', join(ROOT, 'apps/api/src/main.ts')], {
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        REDIS_URL: redisUrl,
        REDIS_PREFIX: prefix,
        PORT: String(port),
        MIGRATE_ON_START: 'false',
        LOG_LEVEL: 'warn',
      },
      stdout: 'ignore',
      stderr: 'inherit',
    })
    const api = { url: `http://127.0.0.1:${port}`, proc }
    running.push(api)
    return api
  })
  await Promise.all(apis.map((a) => waitReady(`${a.url}/readyz`, 30_000)))
  return apis
}

async function stopApis(apis: Api[]) {
  for (const a of apis) a.proc.kill('SIGTERM')
  await Promise.all(apis.map((a) => a.proc.exited))
  for (const a of apis) running.splice(running.indexOf(a), 1)
}

const board = {
  categories: Array.from({ length: 12 }, (_, c) => ({
    name: `Category ${c + 1}`,
    questions: Array.from({ length: 10 }, (_, q) => ({ value: (q + 1) * 100, prompt: `Q${c}.${q}`, answer: 'A' })),
  })),
}

type Row = (string | number)[]
const rows: Row[] = []
try {
  const [setup] = await startApis(1, `gnbench:${db.name}:setup:`)
  const post = async (path: string, body: unknown) => {
    const r = await fetch(setup!.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`)
    return r.json()
  }
  const triples = await setUpManyGames(sql, post, board, { games: GAMES, players: PLAYERS, parallel: 8, log })
  await stopApis([setup!])
  const gameIds = [...new Set(triples.map((t) => t.gid))]
  let cursor = 0

  for (const n of REPLICAS) {
    const prefix = `gnbench:${db.name}:r${n}:`
    const k = keys(prefix)
    log(`${n} replica(s): starting`)
    const apis = await startApis(n, prefix)

    log(`${n} replica(s): live answers, ${SECONDS} s at concurrency ${CONCURRENCY}`)
    const committedAt = new Map<string, number>()
    const t0 = Date.now()
    let answers = 0
    let errors = 0
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, c) => {
        const api = apis[c % apis.length]!
        while (Date.now() - t0 < SECONDS * 1000) {
          const t = triples[cursor++]
          if (!t) break
          const r = await answer(api.url, t)
          if (r.status !== 200) {
            errors++
            await r.arrayBuffer()
            continue
          }
          const body = (await r.json()) as { playerId: string; version: number }
          committedAt.set(`${body.playerId}:${body.version}`, Date.now())
          answers++
        }
      }),
    )
    const t1 = Date.now()
    await drained()
    const live = analyse(await backlogs(k, gameIds, null), (e) => committedAt.get(`${e.playerId}:${e.version}`))
    const publishedInWindow = live.entryTimes.filter((ms) => ms >= t0 && ms <= t1).length
    rows.push([
      n,
      'live',
      Math.round(answers / ((t1 - t0) / 1000)),
      live.entries,
      Math.round(publishedInWindow / ((t1 - t0) / 1000)),
      live.lag.p50,
      live.lag.p99,
      live.duplicates,
      live.outOfOrder,
    ])
    if (errors) log(`${n} replica(s): ${errors} answers failed`)

    for (const kill of [false, true]) {
      const phase = kill ? 'drain, one killed -9' : 'drain'
      log(`${n} replica(s): ${phase}, ${BACKLOG} events committed at once`)
      const committed = await fillOutbox(gameIds, Math.ceil(BACKLOG / gameIds.length))
      if (kill) {
        // Mid-drain: a replica dies between its XADDs and its commit; what it had published goes
        // out again from whoever claims those rows next (at-least-once). A replacement starts, so
        // one replica still drains the outbox in the baseline.
        await outboxBelow(Math.floor(BACKLOG * 0.7))
        const victim = apis.shift()!
        victim.proc.kill('SIGKILL')
        log(`killed a replica after ${Date.now() - committed.at} ms, ${await outboxLeft()} events left`)
        await victim.proc.exited
        running.splice(running.indexOf(victim), 1)
        apis.push(...(await startApis(1, prefix)))
        log(`replacement ready after ${Date.now() - committed.at} ms, ${await outboxLeft()} events left`)
      }
      const doneAt = await drained()
      const after = analyse(await backlogs(k, gameIds, String(committed.at)), (e) =>
        e.type === 'bench' ? committed.at : undefined,
      )
      rows.push([
        n,
        phase,
        '',
        after.entries,
        Math.round(committed.events / ((doneAt - committed.at) / 1000)),
        after.lag.p50,
        after.lag.p99,
        after.duplicates,
        after.outOfOrder,
      ])
    }
    await stopApis(apis)
  }

  console.log(
    `\nOutbox publisher across api replicas: ${GAMES} games × ${PLAYERS} players, live ${SECONDS} s at concurrency ${CONCURRENCY}, drain ${BACKLOG} events, ${navigator.hardwareConcurrency} cores\n`,
  )
  console.log(
    table(
      [
        'replicas',
        'phase',
        'answers/s',
        'events',
        'published/s',
        'lag p50 ms',
        'lag p99 ms',
        'duplicates',
        'out of order',
      ],
      rows,
    ),
  )
  console.log('\ncommand: bun run bench publisher')
} finally {
  await stopApis([...running])
  await sql.end()
  redis.destroy()
  await db.drop()
}

function answer(url: string, t: Triple) {
  return fetch(`${url}/api/games/${t.gid}/answers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.host}` },
    body: JSON.stringify({ playerId: t.pid, questionId: t.qid, isCorrect: true, points: 10 }),
  })
}

/**
 * Commits `perGame` events for each game to the outbox in one transaction, interleaved over the
 * games (ids in order seq, game) as many replicas' commits leave them; returns when (ms) and how many.
 */
async function fillOutbox(gameIds: string[], perGame: number): Promise<{ at: number; events: number }> {
  await sql.begin(async (tx) => {
    await tx`
      insert into outbox (game_id, seq, event)
      select g.id, g.seq + i, jsonb_build_object('type', 'bench', 'gameId', g.id, 'seq', g.seq + i)
      from games g, generate_series(1, ${perGame}::int) i
      where g.id = any(${gameIds}::uuid[])
      order by i, g.id`
    await tx`update games set seq = seq + ${perGame} where id = any(${gameIds}::uuid[])`
  })
  return { at: Date.now(), events: perGame * gameIds.length }
}

async function outboxLeft(): Promise<number> {
  const [{ left }] = (await sql`select count(*)::int as left from outbox`) as unknown as [{ left: number }]
  return left
}

async function outboxBelow(n: number) {
  while ((await outboxLeft()) >= n) await Bun.sleep(5)
}

/** Waits until the outbox is empty (every event published and its row deleted); returns when (ms). */
async function drained(timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const n = await outboxLeft()
    if (n === 0) return Date.now()
    if (Date.now() > deadline) throw new Error(`outbox still holds ${n} events after ${timeoutMs} ms`)
    await Bun.sleep(20)
  }
}

type Seen = { gameId: string; entryMs: number; type: string; seq: number; playerId?: string; version?: number }

/** Every backlog entry of `games` after entry id `from` (exclusive; null: all), per game in backlog order. */
async function backlogs(k: Keys, games: string[], from: string | null): Promise<Seen[][]> {
  return Promise.all(
    games.map(async (gameId) => {
      const out: Seen[] = []
      let after = from
      for (;;) {
        const batch = await readBacklog(redis, k, gameId, after, 1000)
        for (const e of batch) out.push({ gameId, entryMs: Number(e.id.split('-')[0]), ...JSON.parse(e.event) })
        if (batch.length < 1000) return out
        after = batch.at(-1)!.id
      }
    }),
  )
}

/** Entries, lag (entry time − `since(entry)`, entries without one left out), duplicates and out-of-order entries. */
function analyse(perGame: Seen[][], since: (e: Seen) => number | undefined) {
  let entries = 0
  let duplicates = 0
  let outOfOrder = 0
  const lags: number[] = []
  const entryTimes: number[] = []
  for (const game of perGame) {
    const seen = new Set<number>()
    let top = -Infinity
    for (const e of game) {
      entries++
      entryTimes.push(e.entryMs)
      if (seen.has(e.seq)) duplicates++
      else if (e.seq < top) outOfOrder++
      seen.add(e.seq)
      top = Math.max(top, e.seq)
      const t = since(e)
      if (t !== undefined) lags.push(Math.max(0, e.entryMs - t))
    }
  }
  return { entries, duplicates, outOfOrder, lag: summarize(lags), entryTimes }
}
