// Record-answer throughput and latency through the real api process, side by side with pgbench
// running the same SQL transactions at the same concurrency in the same run. A question scores
// once per player (issue 9, rule 1), so the run never repeats an answer:
//   - fresh answers: every answer is a new (player, question) pair, 200 players × 120 questions;
//   - answer + undo: one player (one hot row), each client answering its own question and undoing
//     it, over and over (two transactions per pair; the figure is pairs per second);
//   - many games: fresh answers spread over 200 games × 4 players (a busy server's shape), each
//     answer on a different game from the one before.
//   bun run bench trivia    (env: BENCH_SECONDS=10, BENCH_CONCURRENCY=32, BENCH_CASES=spread,undo,many,
//                            BENCH_API_PROFILE=<dir> for the api's CPU profile)

import { join } from 'node:path'
import postgres from 'postgres'
import { cpuSeconds } from './lib/proc.ts'
import { BASE_DATABASE_URL as base, benchDatabase, waitReady } from './lib/setup.ts'
import { summarize, table } from './lib/stats.ts'
import { setUpManyGames } from './trivia/many-games.ts'
import { answerAndUndoScript, freshAnswerScript, manyGamesScript, runPgbench } from './trivia/pgbench.ts'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32)
const PLAYERS = 200
const QUESTIONS = 120
const MANY_GAMES = 200
const MANY_PLAYERS = 4
const CASES = new Set((process.env.BENCH_CASES ?? 'spread,undo,many').split(',').map((c) => c.trim()))
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const log = (m: string) => console.error(`bench trivia: ${m}`)
if (CONCURRENCY > QUESTIONS) throw new Error(`BENCH_CONCURRENCY is at most ${QUESTIONS} (one question per client)`)

const db = await benchDatabase('trivia', log)
const port = 39000 + Math.floor(Math.random() * 1000)
// BENCH_API_PROFILE=<dir>: the api writes a CPU profile there on exit (JSON and a markdown summary).
const profile = process.env.BENCH_API_PROFILE
const profileArgs = profile ? ['--cpu-prof', '--cpu-prof-md', `--cpu-prof-dir=${profile}`] : []
const api = Bun.spawn(['bun', ...profileArgs, join(import.meta.dir, '..', 'apps/api/src/main.ts')], {
  env: {
    ...process.env,
    DATABASE_URL: db.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `gnbench:${db.name}:`,
    PORT: String(port),
    MIGRATE_ON_START: 'false',
    LOG_LEVEL: 'warn',
  },
  stdout: 'inherit',
  stderr: 'inherit',
})
const url = `http://127.0.0.1:${port}`
const sql = postgres(db.url, { max: 2, onnotice: () => {} })

/** 12 categories × 10 questions: the schema's largest board. */
const board = {
  categories: Array.from({ length: 12 }, (_, c) => ({
    name: `Category ${c + 1}`,
    questions: Array.from({ length: 10 }, (_, q) => ({ value: (q + 1) * 100, prompt: `Q${c}.${q}`, answer: 'A' })),
  })),
}

try {
  await waitReady(`${url}/readyz`, 20_000)
  const game = await post('/api/games', { name: 'bench', board })
  const gameId: string = game.id
  const host: string = game.hostToken
  const questions: string[] = game.categories.flatMap((c: { questions: { id: string }[] }) =>
    c.questions.map((q) => q.id),
  )
  log(`joining ${PLAYERS} players`)
  const players: string[] = []
  for (let i = 0; i < PLAYERS; i++) players.push((await post(`/api/games/${gameId}/players`, { name: `P${i}` })).id)
  // (player, question) pairs in the order both drivers take them: every player, then the next question.
  const pairs = questions.flatMap((q) => players.map((p) => [p, q] as const))
  await sql`create table bench_pairs (k integer primary key, pid uuid not null, qid uuid not null)`
  const rowsOfPairs = pairs.map(([pid, qid], k) => ({ k, pid, qid }))
  for (let at = 0; at < rowsOfPairs.length; at += 10_000)
    await sql`insert into bench_pairs ${sql(rowsOfPairs.slice(at, at + 10_000))}`
  await sql`create sequence bench_k minvalue 0 start 0`
  const reset = async () => {
    await sql`delete from answers where game_id = ${gameId}`
    await sql`select setval('bench_k', 0, false)`
  }

  const rows: (string | number)[][] = []
  const notes: string[] = []
  /** The api's CPU seconds so far and the database's committed transactions (every connection). */
  const costs = async () => ({
    cpu: cpuSeconds(api.pid),
    driver: cpuSeconds(process.pid),
    commits: Number(
      (await sql`select xact_commit::bigint as n from pg_stat_database where datname = current_database()`)[0]!.n,
    ),
  })
  const record = (label: string, a: Run, pg: Run) => {
    rows.push([label, 'api (HTTP → Postgres → outbox → Redis)', a.tps, a.p50, a.p99, a.errors])
    rows.push([label, 'pgbench (same SQL transactions)', pg.tps, pg.p50, pg.p99, pg.errors])
    rows.push([label, 'ratio api / pgbench', (a.tps / pg.tps).toFixed(2), '', '', ''])
  }

  let label = `fresh answers over ${PLAYERS} players`
  let fresh: Run | null = null
  if (CASES.has('spread')) {
    log(`${label}: api, ${SECONDS} s at concurrency ${CONCURRENCY}`)
    let next = 0
    fresh = await drive(async () => {
      const pair = pairs[next++]
      if (!pair) return 'exhausted'
      return timed(() => answer(gameId, host, pair[0], pair[1]))
    })
    await reset()
    log(`${label}: pgbench, same transaction, same concurrency`)
    record(label, fresh, runPgbench(base, db.name, freshAnswerScript(gameId, pairs.length), { SECONDS, CONCURRENCY }))
    await expectWork(
      'pgbench',
      'answers recorded',
      sql`select count(*)::int as n from answers where game_id = ${gameId}`,
    )
    await reset()
  }

  label = 'answer + undo pairs, one player'
  if (CASES.has('undo')) {
    log(`${label}: api, ${SECONDS} s at concurrency ${CONCURRENCY}`)
    const undo = await drive(async (client) =>
      timed(async () => {
        const a = await answer(gameId, host, players[0]!, questions[client]!)
        if (a.status !== 200) return a
        return fetch(`${url}/api/games/${gameId}/answers/${(await a.json()).answerId}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${host}` },
        })
      }),
    )
    await reset()
    log(`${label}: pgbench, same transactions, same concurrency`)
    const script = answerAndUndoScript(gameId, PLAYERS, QUESTIONS)
    record(label, undo, runPgbench(base, db.name, script, { SECONDS, CONCURRENCY }))
    await expectWork(
      'pgbench',
      'answers recorded and undone',
      sql`select count(*)::int as n from answers where game_id = ${gameId} and undone_at is not null`,
    )
  }

  label = `many games: ${MANY_GAMES} games × ${MANY_PLAYERS} players`
  let many: Run | null = null
  if (CASES.has('many')) {
    log(`${label}: creating the games`)
    const triples = await setUpManyGames(sql, post, board, {
      games: MANY_GAMES,
      players: MANY_PLAYERS,
      parallel: 8,
      log,
    })
    log(`${label}: api, ${SECONDS} s at concurrency ${CONCURRENCY}`)
    let k = 0
    const before = await costs()
    many = await drive(async () => {
      const t = triples[k++]
      if (!t) return 'exhausted'
      return timed(() => answer(t.gid, t.host, t.pid, t.qid))
    })
    await Bun.sleep(1500) // Postgres flushes its statistics about once a second
    const after = await costs()
    const answers = (await sql`select count(*)::int as n from answers where game_id <> ${gameId}`)[0]!.n as number
    notes.push(
      `many games, api: ${((1000 * (after.cpu - before.cpu)) / answers).toFixed(2)} CPU ms (the HTTP driver: ` +
        `${((1000 * (after.driver - before.driver)) / answers).toFixed(2)}) and ` +
        `${((after.commits - before.commits) / answers).toFixed(2)} database transactions per answer ` +
        `(${answers} answers, warm-up included; pgbench: 1 transaction)`,
    )
    await sql`delete from answers where game_id <> ${gameId}`
    log(`${label}: pgbench, same transaction, same concurrency`)
    record(label, many, runPgbench(base, db.name, manyGamesScript(triples.length), { SECONDS, CONCURRENCY }))
    await expectWork(
      'pgbench',
      'answers recorded',
      sql`select count(*)::int as n from answers where game_id <> ${gameId}`,
    )
  }

  console.log(
    `\nRecord-answer benchmark: ${SECONDS} s per run, concurrency ${CONCURRENCY}, ${navigator.hardwareConcurrency} cores\n`,
  )
  console.log(table(['case', 'driver', 'answers/s', 'p50 ms', 'p99 ms', 'errors'], rows))
  if (fresh?.exhausted) console.log(`\nnote: the fresh-answer run used all ${pairs.length} pairs before ${SECONDS} s`)
  for (const n of notes) console.log(`\n${n}`)
  if (many?.exhausted) console.log(`\nnote: the many-games run used all its answers before ${SECONDS} s`)
  console.log('\ncommand: bun run bench trivia')
} finally {
  api.kill('SIGTERM')
  await api.exited
  await sql.end()
  await db.drop()
}

type Run = { tps: number; p50: number; p99: number; errors: number; exhausted?: boolean }
type Step = { ok: boolean; ms: number } | 'exhausted'

/** Runs `step` on CONCURRENCY clients: 1 s of warm-up, then SECONDS measured (or until it runs out). */
async function drive(step: (client: number) => Promise<Step>): Promise<Run> {
  const latencies: number[] = []
  let errors = 0
  let exhausted = false
  const run = async (client: number, until: number, measure: boolean) => {
    while (performance.now() < until && !exhausted) {
      const r = await step(client)
      if (r === 'exhausted') exhausted = true
      else if (!measure) continue
      else if (r.ok) latencies.push(r.ms)
      else errors++
    }
  }
  const warm = performance.now() + 1000
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, c) => run(c, warm, false)))
  const start = performance.now()
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, c) => run(c, start + SECONDS * 1000, true)))
  const elapsed = (performance.now() - start) / 1000
  const s = summarize(latencies)
  return { tps: Math.round(s.n / elapsed), p50: s.p50, p99: s.p99, errors, exhausted }
}

/** Guards the comparison: the SQL driver must have done the work it is credited with. */
async function expectWork(driver: string, what: string, count: Promise<{ n: number }[]>) {
  const [{ n }] = (await count) as [{ n: number }]
  log(`${driver}: ${n} ${what}`)
  if (n === 0) throw new Error(`${driver} did no work: 0 ${what}`)
}

async function timed(fn: () => Promise<Response>): Promise<Step> {
  const t0 = performance.now()
  const r = await fn()
  await r.arrayBuffer()
  return { ok: r.status === 200, ms: performance.now() - t0 }
}

function answer(gameId: string, host: string, playerId: string, questionId: string) {
  return fetch(`${url}/api/games/${gameId}/answers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${host}` },
    body: JSON.stringify({ playerId, questionId, isCorrect: true, points: 10 }),
  })
}

async function post(path: string, body: unknown) {
  const r = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`)
  return r.json() as Promise<any>
}
