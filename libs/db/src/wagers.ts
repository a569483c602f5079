// Wagers on a Daily Double (up to the player's score, or the round's top value if that is more) or
// on the Final (up to the player's score, if positive). A wager can change until its clue is shown
// (rule 4: `questions.revealed_at`, set when the clue is revealed) or its question answered; each
// change is a new version.
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
  const max = final ? Math.max(p.score, 0) : Math.max(p.score, q.roundMax)
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
