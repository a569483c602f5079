// Record-answer throughput and latency through the real api process, side by side with pgbench
// running the same SQL transaction at the same concurrency, for answers spread over 200 players
// and for answers all on one player (one hot row).
//   bun run bench trivia            (env: BENCH_SECONDS=10, BENCH_CONCURRENCY=32)

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { BASE_DATABASE_URL as base, benchDatabase, waitReady } from './lib/setup.ts'
import { summarize, table } from './lib/stats.ts'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32)
const PLAYERS = 200
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const log = (m: string) => console.error(`bench trivia: ${m}`)

const db = await benchDatabase('trivia', log)
const dbName = db.name
const port = 39000 + Math.floor(Math.random() * 1000)
const api = Bun.spawn(['bun', join(import.meta.dir, '..', 'apps/api/src/main.ts')], {
  env: {
    ...process.env,
    DATABASE_URL: db.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `gnbench:${dbName}:`,
    PORT: String(port),
    MIGRATE_ON_START: 'false',
    LOG_LEVEL: 'warn',
  },
  stdout: 'inherit',
  stderr: 'inherit',
})
const url = `http://127.0.0.1:${port}`
const sql = postgres(db.url, { max: 2, onnotice: () => {} })

try {
  await waitReady(`${url}/readyz`, 20_000)
  const game = await post('/api/games', { name: 'bench' })
  const gameId: string = game.id
  const host: string = game.hostToken
  const questionId: string = game.categories[0].questions[0].id
  log(`joining ${PLAYERS} players`)
  const players: string[] = []
  for (let i = 0; i < PLAYERS; i++) players.push((await post(`/api/games/${gameId}/players`, { name: `P${i}` })).id)

  const rows: (string | number)[][] = []
  for (const [label, pick] of [
    ['spread over 200 players', (i: number) => i % PLAYERS],
    ['all on one player', () => 0],
  ] as const) {
    log(`${label}: api, ${SECONDS} s at concurrency ${CONCURRENCY}`)
    const apiRun = await driveApi(gameId, host, questionId, players, pick)
    log(`${label}: pgbench, same transaction, same concurrency`)
    const pg = pgbench(gameId, questionId, label.startsWith('all') ? 'one' : 'spread')
    rows.push([label, 'api (HTTP → Postgres → outbox → Redis)', apiRun.tps, apiRun.p50, apiRun.p99, apiRun.errors])
    rows.push([label, 'pgbench (same SQL transaction)', pg.tps, pg.p50, pg.p99, pg.errors])
    rows.push([label, 'ratio api / pgbench', (apiRun.tps / pg.tps).toFixed(2), '', '', ''])
  }
  console.log(
    `\nRecord-answer benchmark: ${SECONDS} s per run, concurrency ${CONCURRENCY}, ${navigator.hardwareConcurrency} cores\n`,
  )
  console.log(table(['case', 'driver', 'answers/s', 'p50 ms', 'p99 ms', 'errors'], rows))
  console.log('\ncommand: bun run bench trivia')
} finally {
  api.kill('SIGTERM')
  await api.exited
  await sql.end()
  await db.drop()
}

async function driveApi(
  gameId: string,
  host: string,
  questionId: string,
  players: string[],
  pick: (i: number) => number,
) {
  const latencies: number[] = []
  let errors = 0
  let i = 0
  const run = async (until: number, record: boolean) => {
    while (performance.now() < until) {
      const n = i++
      const t0 = performance.now()
      const r = await fetch(`${url}/api/games/${gameId}/answers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${host}` },
        body: JSON.stringify({ playerId: players[pick(n)], questionId, isCorrect: true, points: 10 }),
      })
      await r.arrayBuffer()
      if (!record) continue
      if (r.status !== 200) errors++
      else latencies.push(performance.now() - t0)
    }
  }
  const warm = performance.now() + 1000
  await Promise.all(Array.from({ length: CONCURRENCY }, () => run(warm, false)))
  const start = performance.now()
  await Promise.all(Array.from({ length: CONCURRENCY }, () => run(start + SECONDS * 1000, true)))
  const elapsed = (performance.now() - start) / 1000
  const s = summarize(latencies)
  return { tps: Math.round(s.n / elapsed), p50: s.p50, p99: s.p99, errors }
}

function pgbench(gameId: string, questionId: string, mode: 'spread' | 'one') {
  const dir = mkdtempSync(join(tmpdir(), 'pgbench-'))
  const script = join(dir, 'answer.sql')
  // The same statements the api runs per answer (libs/db/src/trivia.ts recordAnswer),
  // with the player looked up by name first as a stand-in for the api's token check read.
  writeFileSync(
    script,
    `\\set n ${mode === 'one' ? '0' : `random(0, ${PLAYERS - 1})`}
SELECT id AS pid FROM players WHERE game_id = '${gameId}' AND name = 'P' || :n \\gset
BEGIN;
SELECT 1 FROM games WHERE id = '${gameId}' FOR UPDATE;
WITH q AS (SELECT coalesce(10::int, w.amount, q.value) AS points FROM questions q LEFT JOIN wagers w ON w.question_id = q.id AND w.player_id = :pid WHERE q.id = '${questionId}' AND q.game_id = '${gameId}'), p AS (UPDATE players SET score = score + (SELECT CASE WHEN true THEN points ELSE -points END FROM q), score_version = score_version + 1 WHERE id = :pid AND game_id = '${gameId}' AND EXISTS (SELECT 1 FROM q) RETURNING id, score, score_version), ans AS (INSERT INTO answers (game_id, player_id, question_id, is_correct, points, delta) SELECT '${gameId}', p.id, '${questionId}', true, q.points, CASE WHEN true THEN q.points ELSE -q.points END FROM p, q RETURNING id), g AS (UPDATE games SET seq = seq + 1 WHERE id = '${gameId}' AND EXISTS (SELECT 1 FROM p) RETURNING seq), o AS (INSERT INTO outbox (game_id, seq, event) SELECT '${gameId}', g.seq, jsonb_build_object('type', 'update_score', 'gameId', '${gameId}'::uuid, 'seq', g.seq, 'playerId', p.id, 'score', p.score, 'version', p.score_version) FROM g, p) SELECT ans.id, p.score, p.score_version FROM ans, p;
END;
`,
  )
  const args = [
    '-h',
    base.hostname,
    '-p',
    base.port || '5432',
    '-U',
    decodeURIComponent(base.username || 'postgres'),
    '-n',
    '-M',
    'prepared',
    '-c',
    String(CONCURRENCY),
    '-j',
    '2',
    '-T',
    String(SECONDS),
    '-f',
    script,
    '-l',
    '--log-prefix',
    join(dir, 'log'),
    dbName,
  ]
  const r = Bun.spawnSync(['pgbench', ...args], {
    env: { ...process.env, PGPASSWORD: decodeURIComponent(base.password ?? '') },
  })
  const out = r.stdout.toString() + r.stderr.toString()
  if (r.exitCode !== 0) throw new Error(`pgbench failed:\n${out}`)
  const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? NaN)
  const failed = Number(/number of failed transactions: (\d+)/.exec(out)?.[1] ?? 0)
  const lat: number[] = []
  for (const f of readdirSync(dir).filter((f) => f.startsWith('log'))) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      const us = Number(line.split(' ')[2])
      if (Number.isFinite(us) && line) lat.push(us / 1000)
    }
  }
  const s = summarize(lat)
  return { tps: Math.round(tps), p50: s.p50, p99: s.p99, errors: failed }
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
