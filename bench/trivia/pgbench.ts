// pgbench scripts running exactly the SQL the api runs to record and undo an answer (libs/db
// trivia.ts: lockGame, then recordAnswer's or undoAnswer's one statement), and the runner that reports them
// the way the api driver does. A lookup in bench_pairs stands in for the api's token check.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { summarize } from '../lib/stats.ts'

const lockGame = (g: string) =>
  `SELECT id, name, seq, buzzer_armed, buzzer_winner_id, buzzer_version, status, read_time_ms, clue_question_id, clue_phase, clue_version, clue_lockouts, ` +
  `(extract(epoch from clock_timestamp() - buzzer_armed_at) * 1000)::int, (extract(epoch from clock_timestamp()) * 1000)::float8, (extract(epoch from buzzer_armed_at) * 1000)::float8, ` +
  `(extract(epoch from clue_opens_at) * 1000)::float8, (extract(epoch from clue_opened_at) * 1000)::float8, (extract(epoch from clue_announced_at) * 1000)::float8, (extract(epoch from buzzer_decide_at) * 1000)::float8 ` +
  `FROM games WHERE id = '${g}' FOR UPDATE;`

const recordAnswer = (g: string) =>
  `WITH q AS (SELECT q.answered, coalesce(10::int, w.amount, q.value) AS points, q.daily_double, (SELECT round FROM categories c WHERE c.id = q.category_id) AS round, w.amount AS wager, w.version AS wv FROM questions q LEFT JOIN wagers w ON w.question_id = q.id AND w.player_id = :pid::uuid WHERE q.id = :qid::uuid AND q.game_id = '${g}'), ` +
  `ans AS (INSERT INTO answers (game_id, player_id, question_id, is_correct, points, delta) SELECT '${g}', pl.id, :qid::uuid, true, q.points, CASE WHEN true THEN q.points ELSE -q.points END FROM q, players pl WHERE pl.id = :pid::uuid AND pl.game_id = '${g}' AND NOT q.answered ON CONFLICT (player_id, question_id) WHERE undone_at IS NULL AND NOT legacy_duplicate DO NOTHING RETURNING id, player_id, delta), ` +
  `p AS (UPDATE players SET score = score + ans.delta, score_version = score_version + 1 FROM ans WHERE players.id = ans.player_id RETURNING players.id, players.score, players.score_version), ` +
  `g AS (UPDATE games SET seq = seq + 1 WHERE id = '${g}' AND EXISTS (SELECT 1 FROM p) RETURNING seq), ` +
  `o AS (INSERT INTO outbox (game_id, seq, event) SELECT '${g}', g.seq, jsonb_build_object('type', 'update_score', 'gameId', '${g}'::uuid, 'seq', g.seq, 'playerId', p.id, 'score', p.score, 'version', p.score_version) FROM g, p) ` +
  `SELECT ans.id AS aid, ans.delta, p.score, p.score_version, q.round, q.daily_double, q.wager, q.wv FROM ans, p, q`

/** One fresh (player, question) pair per transaction, taken in order from bench_pairs (wrapping after `pairs`). */
export function freshAnswerScript(gameId: string, pairs: number): string {
  return `SELECT pid, qid FROM bench_pairs WHERE k = (SELECT nextval('bench_k')) % ${pairs} \\gset
BEGIN;
${lockGame(gameId)}
${recordAnswer(gameId)};
END;
`
}

/**
 * Each client answers its own question for the first player and undoes it: two transactions.
 * Client i takes question i, the pair at k = i × players in bench_pairs (question-major order).
 */
export function answerAndUndoScript(gameId: string, players: number, questions: number): string {
  const g = gameId
  return `\\set c :client_id % ${questions}
SELECT pid, qid FROM bench_pairs WHERE k = :c * ${players} \\gset
BEGIN;
${lockGame(g)}
${recordAnswer(g)} \\gset
END;
BEGIN;
${lockGame(g)}
WITH a AS (UPDATE answers SET undone_at = now() WHERE id = :aid::uuid AND game_id = '${g}' AND undone_at IS NULL RETURNING player_id, delta, question_id, is_correct), p AS (UPDATE players SET score = score - a.delta, score_version = score_version + 1 FROM a WHERE players.id = a.player_id RETURNING players.id, players.score, players.score_version), g AS (UPDATE games SET seq = seq + 1 WHERE id = '${g}' AND EXISTS (SELECT 1 FROM p) RETURNING seq), o AS (INSERT INTO outbox (game_id, seq, event) SELECT '${g}', g.seq, jsonb_build_object('type', 'update_score', 'gameId', '${g}'::uuid, 'seq', g.seq, 'playerId', p.id, 'score', p.score, 'version', p.score_version) FROM g, p) SELECT p.id, p.score, p.score_version, a.question_id, a.is_correct FROM p, a;
END;
`
}

export type PgRun = { tps: number; p50: number; p99: number; errors: number }

/** Runs `script` with `pgbench -M prepared` for SECONDS at CONCURRENCY clients; latency per script run. */
export function runPgbench(
  base: URL,
  dbName: string,
  script: string,
  o: { SECONDS: number; CONCURRENCY: number },
): PgRun {
  const dir = mkdtempSync(join(tmpdir(), 'pgbench-'))
  const file = join(dir, 'script.sql')
  writeFileSync(file, script)
  const args = [
    ...['-h', base.hostname, '-p', base.port || '5432', '-U', decodeURIComponent(base.username || 'postgres')],
    ...['-n', '-M', 'prepared', '-c', String(o.CONCURRENCY), '-j', '2', '-T', String(o.SECONDS)],
    ...['-f', file, '-l', '--log-prefix', join(dir, 'log'), dbName],
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
