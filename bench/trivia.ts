// Record-answer throughput and latency through the real api process, side by side with pgbench
// running the same SQL transactions at the same concurrency in the same run. A question scores
// once per player (issue 9, rule 1), so the run never repeats an answer:
//   - fresh answers: every answer is a new (player, question) pair, 200 players × 120 questions;
//   - answer + undo: one player (one hot row), each client answering its own question and undoing
//     it, over and over (two transactions per pair; the figure is pairs per second).
//   - answers over many games: 200 games × 4 players (BENCH_GAMES), consecutive answers on
//     different games, as on a busy server;
//   bun run bench trivia            (env: BENCH_SECONDS=10, BENCH_CONCURRENCY=32, BENCH_GAMES=200)

import { join } from 'node:path'
import postgres from 'postgres'
import { BASE_DATABASE_URL as base, benchDatabase, waitReady } from './lib/setup.ts'
import { summarize, table } from './lib/stats.ts'
import { answerAndUndoScript, freshAnswerScript, manyGamesScript, runPgbench } from './trivia/pgbench.ts'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32)
const PLAYERS = 200
const QUESTIONS = 120
/** The many-games case: answers spread over GAMES games of GAME_PLAYERS players each (a busy server's shape). */
const GAMES = Number(process.env.BENCH_GAMES ?? 200)
const GAME_PLAYERS = 4
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const log = (m: string) => console.error(`bench trivia: ${m}`)
if (CONCURRENCY > QUESTIONS) throw new Error(`BENCH_CONCURRENCY is at most ${QUESTIONS} (one question per client)`)

const db = await benchDatabase('trivia', log)
const port = 39000 + Math.floor(Math.random() * 1000)
const api = Bun.spawn(['bun', join(import.meta.dir, '..', 'apps/api/src/main.ts')], {
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
  const record = (label: string, a: Run, pg: Run) => {
    rows.push([label, 'api (HTTP → Postgres → outbox → Redis)', a.tps, a.p50, a.p99, a.errors])
    rows.push([label, 'pgbench (same SQL transactions)', pg.tps, pg.p50, pg.p99, pg.errors])
    rows.push([label, 'ratio api / pgbench', (a.tps / pg.tps).toFixed(2), '', '', ''])
  }

  let label = `fresh answers over ${PLAYERS} players`
  log(`${label}: api, ${SECONDS} s at concurrency ${CONCURRENCY}`)
  let next = 0
  const fresh = await drive(async () => {
    const pair = pairs[next++]
    if (!pair) return 'exhausted'
    return timed(() => answer(gameId, host, pair[0], pair[1]))
  })
  await reset()
  log(`${label}: pgbench, same transaction, same concurrency`)
  record(label, fresh, runPgbench(base, db.name, freshAnswerScript(gameId, pairs.length), { SECONDS, CONCURRENCY }))
  await expectWork('pgbench', 'answers recorded', sql`select count(*)::int as n from answers where game_id = ${gameId}`)

  label = `answers over ${GAMES} games × ${GAME_PLAYERS} players`
  log(`${label}: creating the games`)
  const games: { id: string; host: string; players: string[]; questions: string[] }[] = []
  for (let i = 0; i < GAMES; i++) {
    const g = await post('/api/games', { name: `bench ${i}`, board })
    const ps: string[] = []
    for (let j = 0; j < GAME_PLAYERS; j++) ps.push((await post(`/api/games/${g.id}/players`, { name: `P${j}` })).id)
    games.push({
      id: g.id,
      host: g.hostToken,
      players: ps,
      questions: g.categories.flatMap((c: { questions: { id: string }[] }) => c.questions.map((q) => q.id)),
    })
  }
  // Every game's every player, then the next question: consecutive answers land on different games.
  const triples = questionIndexes(games).flatMap((qi) =>
    games.flatMap((g) => g.players.map((pid) => ({ g, pid, qid: g.questions[qi]! }))),
  )
  await sql`create table bench_triples (k integer primary key, gid uuid not null, pid uuid not null, qid uuid not null)`
  const tripleRows = triples.map((t, k) => ({ k, gid: t.g.id, pid: t.pid, qid: t.qid }))
  for (let at = 0; at < tripleRows.length; at += 10_000)
    await sql`insert into bench_triples ${sql(tripleRows.slice(at, at + 10_000))}`
  await sql`create sequence bench_k3 minvalue 0 start 0`
  const gameIds = games.map((g) => g.id)
  log(`${label}: api, ${SECONDS} s at concurrency ${CONCURRENCY}`)
  let nextTriple = 0
  const spread = await drive(async () => {
    const t = triples[nextTriple++]
    if (!t) return 'exhausted'
    return timed(() => answer(t.g.id, t.g.host, t.pid, t.qid))
  })
  await sql`delete from answers where game_id in ${sql(gameIds)}`
  await sql`select setval('bench_k3', 0, false)`
  log(`${label}: pgbench, same transaction, same concurrency`)
  record(label, spread, runPgbench(base, db.name, manyGamesScript(triples.length), { SECONDS, CONCURRENCY }))
  await expectWork(
    'pgbench',
    'answers recorded over the games',
    sql`select count(*)::int as n from answers where game_id in ${sql(gameIds)}`,
  )

  await reset()
  label = 'answer + undo pairs, one player'
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

  console.log(
    `\nRecord-answer benchmark: ${SECONDS} s per run, concurrency ${CONCURRENCY}, ${navigator.hardwareConcurrency} cores\n`,
  )
  console.log(table(['case', 'driver', 'answers/s', 'p50 ms', 'p99 ms', 'errors'], rows))
  if (fresh.exhausted) console.log(`\nnote: the fresh-answer run used all ${pairs.length} pairs before ${SECONDS} s`)
  console.log('\ncommand: bun run bench trivia')
} finally {
  api.kill('SIGTERM')
  await api.exited
  await sql.end()
  await db.drop()
}

type Run = { tps: number; p50: number; p99: number; errors: number; exhausted?: boolean }

/** Question indexes 0 … n-1 of the smallest board among `games`. */
function questionIndexes(games: { questions: string[] }[]): number[] {
  return Array.from({ length: Math.min(...games.map((g) => g.questions.length)) }, (_, i) => i)
}
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
