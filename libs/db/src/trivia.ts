// Trivia persistence. Every mutation is one transaction that locks the game row first (so lock
// order is the same everywhere and seq order is commit order), changes the entity with its version
// bumped by exactly one, and records its event in the outbox.
import { AppError, type Board, type CluePhase, type GameStatus, notFound, suggestName } from '@gamenight/contracts'
import type { Sql, TransactionSql } from 'postgres'
import { clueJudged, reopenAfterUndo } from './clue.ts'
import { emit } from './outbox.ts'

type Tx = TransactionSql
/** Round number of the category that holds the Final question. */
export const FINAL_ROUND = 3
export type { Tx }
export type GameAuth = { id: string; hostTokenHash: Buffer; viewTokenHash: Buffer }
export type PlayerAuth = { id: string; gameId: string }
export type GameRow = {
  id: string
  name: string
  seq: number
  buzzerArmed: boolean
  buzzerWinnerId: string | null
  sinceArmedMs: number
  buzzerVersion: number
  status: GameStatus
  readTimeMs: number
  clueQuestionId: string | null
  cluePhase: 'none' | CluePhase
  clueVersion: number
  /** Database clock, ms since the epoch: now, and the clue's and buzzer's instants (null: unset). */
  nowMs: number
  armedAtMs: number | null
  opensAtMs: number | null
  openedAtMs: number | null
  announcedAtMs: number | null
  decideAtMs: number | null
  lockouts: Record<string, number>
}

const gameNotFound = (id: string) => notFound('GAME_NOT_FOUND', `no game ${id}`)
const playerNotFound = (id: string) => notFound('PLAYER_NOT_FOUND', `no player ${id} in this game`)
const gameOver = () => new AppError(409, 'GAME_OVER', 'the game is over: the host ended it')

/**
 * Locks the game row for a mutation: 404 GAME_NOT_FOUND if there is none, 409 GAME_OVER once the
 * host has ended it (unless `finished: 'allow'`, for ending it again). Taking this lock first is
 * what makes every trivia rule race-free: mutations of one game run one at a time.
 */
export async function lockGame(tx: Tx, gameId: string, opts: { finished?: 'allow' } = {}): Promise<GameRow> {
  const [g] = await tx<GameRow[]>`
    select id, name, seq, buzzer_armed as "buzzerArmed", buzzer_winner_id as "buzzerWinnerId",
           buzzer_version as "buzzerVersion", status, read_time_ms as "readTimeMs",
           clue_question_id as "clueQuestionId", clue_phase as "cluePhase", clue_version as "clueVersion",
           clue_lockouts as lockouts,
           -- database clock on both ends, so app servers' clock skew never shows in reaction times
           -- (instants as ms since the epoch, float8 so that postgres.js reads numbers)
           (extract(epoch from clock_timestamp() - buzzer_armed_at) * 1000)::int as "sinceArmedMs",
           (extract(epoch from clock_timestamp()) * 1000)::float8 as "nowMs", (extract(epoch from buzzer_armed_at) * 1000)::float8 as "armedAtMs",
           (extract(epoch from clue_opens_at) * 1000)::float8 as "opensAtMs", (extract(epoch from clue_opened_at) * 1000)::float8 as "openedAtMs",
           (extract(epoch from clue_announced_at) * 1000)::float8 as "announcedAtMs", (extract(epoch from buzzer_decide_at) * 1000)::float8 as "decideAtMs"
    from games where id = ${gameId} for update`
  if (!g) throw gameNotFound(gameId)
  if (g.status === 'finished' && opts.finished !== 'allow') throw gameOver()
  return g
}

export async function createGame(
  tx: Tx,
  name: string,
  board: Board,
  hashes: { host: Buffer; view: Buffer },
  readTimeMs = 0,
): Promise<string> {
  const [g] = await tx<{ id: string }[]>`
    insert into games (name, host_token_hash, view_token_hash, read_time_ms)
    values (${name}, ${hashes.host}, ${hashes.view}, ${readTimeMs}) returning id`
  const gameId = g!.id
  // The Final is stored as a one-question category in round 3, after the others.
  const categories = [
    ...board.categories.map((c) => ({ name: c.name, round: c.round ?? 1, questions: c.questions })),
    ...(board.final
      ? [
          {
            name: board.final.category,
            round: FINAL_ROUND,
            questions: [{ value: 0, prompt: board.final.prompt, answer: board.final.answer }],
          },
        ]
      : []),
  ]
  const cats = await tx<{ id: string; position: number }[]>`
    insert into categories ${tx(categories.map((c, position) => ({ game_id: gameId, position, name: c.name, round: c.round })))}
    returning id, position`
  const catId = new Map(cats.map((c) => [c.position, c.id]))
  const questions = categories.flatMap((c, ci) =>
    c.questions.map((q, position) => ({
      game_id: gameId,
      category_id: catId.get(ci)!,
      position,
      value: q.value,
      prompt: q.prompt,
      answer: q.answer,
      daily_double: ('dailyDouble' in q && q.dailyDouble) || false,
    })),
  )
  await tx`insert into questions ${tx(questions)}`
  return gameId
}

export async function findGameAuth(sql: Sql, gameId: string): Promise<GameAuth | null> {
  const [g] = await sql<
    GameAuth[]
  >`select id, host_token_hash as "hostTokenHash", view_token_hash as "viewTokenHash" from games where id = ${gameId}`
  return g ?? null
}

export async function findPlayerByToken(sql: Sql, tokenHash: Buffer): Promise<PlayerAuth | null> {
  const [p] = await sql<PlayerAuth[]>`select id, game_id as "gameId" from players where token_hash = ${tokenHash}`
  return p ?? null
}

export async function findQuestionGame(sql: Sql, questionId: string): Promise<string | null> {
  const [q] = await sql<{ gameId: string }[]>`select game_id as "gameId" from questions where id = ${questionId}`
  return q?.gameId ?? null
}

/**
 * Adds a player. `name` is already normalised (contracts' normalisePlayerName) and `key` is its
 * comparison form: a key already in the game is 409 NAME_TAKEN carrying a free variant
 * (`suggestion`, e.g. "Alice 2"). Race-free: the game lock and the unique (game_id, name_key).
 */
export async function joinGame(tx: Tx, gameId: string, name: { name: string; key: string }, tokenHash: Buffer) {
  await lockGame(tx, gameId)
  const [p] = await tx<{ id: string; name: string; score: number; version: number }[]>`
    insert into players (game_id, name, name_key, token_hash) values (${gameId}, ${name.name}, ${name.key}, ${tokenHash})
    on conflict (game_id, name_key) do nothing
    returning id, name, score, score_version as version`
  if (!p) {
    const taken = await tx<{ key: string }[]>`select name_key as key from players where game_id = ${gameId}`
    const suggestion = suggestName(name.name, new Set(taken.map((t) => t.key)))
    throw new AppError(
      409,
      'NAME_TAKEN',
      `someone called "${name.name}" is already in this game; try "${suggestion}"`,
      [{ path: '/name', message: 'already taken in this game (ignoring case)' }],
      suggestion,
    )
  }
  await emit(tx, 'games', gameId, {
    type: 'player_joined',
    playerId: p.id,
    name: p.name,
    score: p.score,
    version: p.version,
  })
  return p
}

/**
 * Records an answer: correct adds `points` (default: the wager on a Daily Double or the Final, else
 * the question's value), incorrect subtracts it. A question scores once per player: 409
 * PLAYER_ALREADY_ANSWERED while an earlier answer of the player on it stands (not undone), 409
 * QUESTION_ANSWERED once the question is marked answered; 404 for an unknown question or player.
 */
export async function recordAnswer(
  tx: Tx,
  a: { gameId: string; playerId: string; questionId: string; isCorrect: boolean; points?: number },
) {
  const g = await lockGame(tx, a.gameId)
  // One statement after the game lock (the hot path of a trivia night): fewer round trips while
  // the game row is held. The answer row goes first: the score moves only if it was inserted, and
  // the partial unique index answers_once_idx backs the rule even without the lock.
  const [r] = await tx<
    {
      answerId: string
      delta: number
      score: number
      version: number
      round: number
      dailyDouble: boolean
      wager: number | null
      wagerVersion: number | null
    }[]
  >`
    with q as (
      select q.answered, coalesce(${a.points ?? null}::int, w.amount, q.value) as points, q.daily_double,
             (select round from categories c where c.id = q.category_id) as round, w.amount as wager, w.version as wv
      from questions q left join wagers w on w.question_id = q.id and w.player_id = ${a.playerId}
      where q.id = ${a.questionId} and q.game_id = ${a.gameId}
    ), ans as (
      insert into answers (game_id, player_id, question_id, is_correct, points, delta)
      select ${a.gameId}, pl.id, ${a.questionId}, ${a.isCorrect}, q.points,
             case when ${a.isCorrect} then q.points else -q.points end
      from q, players pl
      where pl.id = ${a.playerId} and pl.game_id = ${a.gameId} and not q.answered
      on conflict (player_id, question_id) where undone_at is null and not legacy_duplicate do nothing
      returning id, player_id, delta
    ), p as (
      update players set score = score + ans.delta, score_version = score_version + 1
      from ans where players.id = ans.player_id
      returning players.id, players.score, players.score_version
    ), g as (
      update games set seq = seq + 1 where id = ${a.gameId} and exists (select 1 from p) returning seq
    ), o as (
      insert into outbox (game_id, seq, event)
      select ${a.gameId}, g.seq, jsonb_build_object('type', 'update_score', 'gameId', ${a.gameId}::uuid, 'seq', g.seq,
                                                   'playerId', p.id, 'score', p.score, 'version', p.score_version)
      from g, p
    )
    select ans.id as "answerId", ans.delta, p.score, p.score_version as version, q.round,
           q.daily_double as "dailyDouble", q.wager, q.wv as "wagerVersion"
    from ans, p, q`
  if (!r) throw await whyNoAnswer(tx, a)
  if (r.round === FINAL_ROUND) {
    // Rule 4: judging a player on the Final shows the room their wager and answer.
    await emit(tx, 'games', a.gameId, {
      type: 'wager_revealed',
      playerId: a.playerId,
      questionId: a.questionId,
      amount: r.wager,
      isCorrect: a.isCorrect,
      delta: r.delta,
      version: r.wagerVersion ?? 0,
    })
  }
  await clueJudged(tx, g, { questionId: a.questionId, isCorrect: a.isCorrect, dailyDouble: r.dailyDouble })
  return { answerId: r.answerId, playerId: a.playerId, score: r.score, version: r.version }
}

async function whyNoAnswer(tx: Tx, a: { gameId: string; playerId: string; questionId: string }) {
  const [q] = await tx<{ answered: boolean }[]>`
    select answered from questions where id = ${a.questionId} and game_id = ${a.gameId}`
  if (!q) return notFound('QUESTION_NOT_FOUND', `no question ${a.questionId} in this game`)
  if (q.answered) return new AppError(409, 'QUESTION_ANSWERED', 'this question is already marked answered')
  const [p] = await tx`select 1 from players where id = ${a.playerId} and game_id = ${a.gameId}`
  if (!p) return playerNotFound(a.playerId)
  return new AppError(
    409,
    'PLAYER_ALREADY_ANSWERED',
    'this player already has an answer on this question; undo it to record another',
  )
}

/**
 * Undoes an answer: the score loses the answer's delta as a new version (event `update_score`) and
 * the player may be recorded on that question again. 404 ANSWER_NOT_FOUND, 409 ALREADY_UNDONE.
 */
export async function undoAnswer(tx: Tx, gameId: string, answerId: string) {
  const g = await lockGame(tx, gameId)
  // One statement after the game lock, as recordAnswer: the answer is marked undone only if it
  // stands, and the score moves only if it was.
  const [r] = await tx<{ playerId: string; score: number; version: number; questionId: string; isCorrect: boolean }[]>`
    with a as (
      update answers set undone_at = now()
      where id = ${answerId} and game_id = ${gameId} and undone_at is null
      returning player_id, delta, question_id, is_correct
    ), p as (
      update players set score = score - a.delta, score_version = score_version + 1
      from a where players.id = a.player_id
      returning players.id, players.score, players.score_version
    ), g as (
      update games set seq = seq + 1 where id = ${gameId} and exists (select 1 from p) returning seq
    ), o as (
      insert into outbox (game_id, seq, event)
      select ${gameId}, g.seq, jsonb_build_object('type', 'update_score', 'gameId', ${gameId}::uuid, 'seq', g.seq,
                                                 'playerId', p.id, 'score', p.score, 'version', p.score_version)
      from g, p
    )
    select p.id as "playerId", p.score, p.score_version as version, a.question_id as "questionId",
           a.is_correct as "isCorrect"
    from p, a`
  if (!r) {
    const [a] = await tx`select 1 from answers where id = ${answerId} and game_id = ${gameId}`
    if (!a) throw notFound('ANSWER_NOT_FOUND', `no answer ${answerId} in this game`)
    throw new AppError(409, 'ALREADY_UNDONE', 'this answer was already undone')
  }
  await reopenAfterUndo(tx, g, r.questionId, r.isCorrect)
  return { playerId: r.playerId, score: r.score, version: r.version }
}

export async function setScore(tx: Tx, gameId: string, playerId: string, score: number) {
  await lockGame(tx, gameId)
  const [cur] = await tx<{ score: number; version: number }[]>`
    select score, score_version as version from players where id = ${playerId} and game_id = ${gameId} for update`
  if (!cur) throw playerNotFound(playerId)
  if (cur.score === score) return { playerId, ...cur }
  const [p] = await tx<{ score: number; version: number }[]>`
    update players set score = ${score}, score_version = score_version + 1
    where id = ${playerId} returning score, score_version as version`
  await emit(tx, 'games', gameId, { type: 'update_score', playerId, score: p!.score, version: p!.version })
  return { playerId, score: p!.score, version: p!.version }
}

export async function toggleQuestion(tx: Tx, gameId: string, questionId: string, answered: boolean) {
  await lockGame(tx, gameId)
  const [cur] = await tx<{ answered: boolean; version: number }[]>`
    select answered, state_version as version from questions where id = ${questionId} for update`
  if (!cur) throw notFound('QUESTION_NOT_FOUND', `no question ${questionId}`)
  // Setting the state it already has is a no-op: same version, no event.
  if (cur.answered === answered) return { questionId, ...cur }
  const [q] = await tx<{ answered: boolean; version: number }[]>`
    update questions set answered = ${answered}, state_version = state_version + 1
    where id = ${questionId} returning answered, state_version as version`
  await emit(tx, 'games', gameId, { type: 'toggle_question', questionId, answered: q!.answered, version: q!.version })
  return { questionId, answered: q!.answered, version: q!.version }
}
