// Wagers on a Daily Double (up to the player's score, or the round's top value if that is more) or
// on the Final (up to the player's score, if positive). A wager can change until its clue is shown
// (rule 4: `questions.revealed_at`, set when the clue is revealed) or its question answered; each
// change is a new version.
//
// The limit holds when the clue is shown, not only when the wager is placed (in Jeopardy! a Final
// wager is 0..max(score, 0) at the time of the Final; j-archive.com's rules, and the show's own): a
// score can change between the wager and the reveal (the host goes back to the board, a correction),
// so leaving an unrevealed wager clue voids its wagers (`wagers_voided`: the players wager again) and
// revealing it lowers any wager above the player's limit to that limit (`wager_placed`).
import { AppError, notFound } from '@gamenight/contracts'
import { emit } from './outbox.ts'
import { FINAL_ROUND, lockGame, type Tx } from './trivia.ts'

export async function placeWager(tx: Tx, gameId: string, w: { playerId: string; questionId: string; amount: number }) {
  await lockGame(tx, gameId)
  const [q] = await tx<
    { dailyDouble: boolean; answered: boolean; revealed: boolean; round: number; roundMax: number }[]
  >`
    select q.daily_double as "dailyDouble", q.answered, q.revealed_at is not null as revealed, c.round,
           (select coalesce(max(q2.value), 0) from questions q2 join categories c2 on c2.id = q2.category_id
             where c2.game_id = ${gameId} and c2.round = c.round)::int as "roundMax"
    from questions q join categories c on c.id = q.category_id
    where q.id = ${w.questionId} and q.game_id = ${gameId}`
  if (!q) throw notFound('QUESTION_NOT_FOUND', `no question ${w.questionId} in this game`)
  const final = q.round === FINAL_ROUND
  if (!final && !q.dailyDouble)
    throw new AppError(400, 'WAGER_NOT_ALLOWED', 'wagers are only for a Daily Double or the Final')
  if (q.answered) throw new AppError(409, 'QUESTION_ANSWERED', 'this question is already answered')
  if (q.revealed)
    throw new AppError(
      409,
      'WAGER_LOCKED',
      `the ${final ? "Final's" : "Daily Double's"} clue is shown: wagers are closed`,
    )
  const [p] = await tx<{ score: number }[]>`select score from players where id = ${w.playerId} and game_id = ${gameId}`
  if (!p) throw notFound('PLAYER_NOT_FOUND', `no player ${w.playerId} in this game`)
  const max = wagerLimit(final, p.score, q.roundMax)
  if (w.amount > max)
    throw new AppError(400, 'WAGER_TOO_HIGH', `the wager can be at most ${max}`, [
      { path: '/amount', message: `at most ${max}` },
    ])
  const [row] = await tx<{ amount: number; version: number }[]>`
    insert into wagers (game_id, player_id, question_id, amount) values (${gameId}, ${w.playerId}, ${w.questionId}, ${w.amount})
    on conflict (player_id, question_id) do update
      set amount = excluded.amount, version = wagers.version + 1, updated_at = now()
    returning amount, version`
  await emit(tx, 'games', gameId, {
    type: 'wager_placed',
    playerId: w.playerId,
    questionId: w.questionId,
    amount: final ? null : row!.amount,
    version: row!.version,
  })
  return { playerId: w.playerId, questionId: w.questionId, amount: row!.amount, version: row!.version }
}

/** The largest wager a player may hold: the Final 0..max(score, 0); a Daily Double up to max(score, round's top value). */
const wagerLimit = (final: boolean, score: number, roundMax: number) =>
  final ? Math.max(score, 0) : Math.max(score, roundMax)

/**
 * Voids every wager on a question whose clue is left before it was shown (the host went back to the
 * board or picked another clue): deleted, with `wagers_voided {questionId, playerIds}`; the players
 * wager again if the clue comes back. Call with the game locked. Returns the players whose wager went.
 */
export async function voidWagers(tx: Tx, gameId: string, questionId: string): Promise<string[]> {
  const gone = await tx<{ playerId: string }[]>`
    delete from wagers where game_id = ${gameId} and question_id = ${questionId} returning player_id as "playerId"`
  const playerIds = gone.map((g) => g.playerId).sort()
  if (playerIds.length > 0) await emit(tx, 'games', gameId, { type: 'wagers_voided', questionId, playerIds })
  return playerIds
}

/**
 * Lowers every wager on the question that is above its player's limit now (scores may have changed
 * since it was placed) to that limit, as a new version with `wager_placed` (amount null for the
 * Final). Call with the game locked, as the clue is revealed. Returns how many were lowered.
 */
export async function capWagersAtReveal(tx: Tx, gameId: string, questionId: string): Promise<number> {
  const rows = await tx<{ playerId: string; amount: number; version: number; final: boolean }[]>`
    with q as (
      select c.round, c.round = ${FINAL_ROUND} as final,
             (select coalesce(max(q2.value), 0) from questions q2 join categories c2 on c2.id = q2.category_id
               where c2.game_id = ${gameId} and c2.round = c.round)::int as "roundMax"
      from questions q1 join categories c on c.id = q1.category_id where q1.id = ${questionId}
    )
    update wagers w set amount = case when q.final then greatest(p.score, 0) else greatest(p.score, q."roundMax") end,
                        version = w.version + 1, updated_at = now()
    from q, players p
    where w.question_id = ${questionId} and w.game_id = ${gameId} and p.id = w.player_id
      and w.amount > case when q.final then greatest(p.score, 0) else greatest(p.score, q."roundMax") end
    returning w.player_id as "playerId", w.amount, w.version, q.final`
  for (const r of rows.sort((a, b) => a.playerId.localeCompare(b.playerId)))
    await emit(tx, 'games', gameId, {
      type: 'wager_placed',
      playerId: r.playerId,
      questionId,
      amount: r.final ? null : r.amount,
      version: r.version,
    })
  return rows.length
}
