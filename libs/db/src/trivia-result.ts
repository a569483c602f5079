// Game over: the host ends a trivia game, which fixes the final standings for good. After that,
// lockGame refuses every mutation (409 GAME_OVER), so the result never changes and is computed
// from the rows whenever it is read.
import type { GameResult, Standing } from '@gamenight/contracts'
import { emit } from './outbox.ts'
import { FINAL_ROUND, lockGame, type Tx } from './trivia.ts'

/**
 * Ends the game: status `finished`, event `game_over` with the result (the buzzer keeps its state:
 * presses are refused like every other mutation). Ending a
 * finished game again changes nothing and sends no event (`changed: false`), with the same result.
 */
export async function endGame(tx: Tx, gameId: string): Promise<GameResult & { changed: boolean }> {
  const g = await lockGame(tx, gameId, { finished: 'allow' })
  if (g.status === 'finished') return { ...(await loadResult(tx, gameId))!, changed: false }
  await tx`update games set status = 'finished', finished_at = now() where id = ${gameId}`
  const result = (await loadResult(tx, gameId))!
  await emit(tx, 'games', gameId, { type: 'game_over', status: 'finished', ...result })
  return { ...result, changed: true }
}

/** The result of a finished game; null while it is being played (or if there is no such game). */
export async function loadResult(tx: Tx, gameId: string): Promise<GameResult | null> {
  const [g] = await tx<{ endedAt: Date | null }[]>`select finished_at as "endedAt" from games where id = ${gameId}`
  if (!g?.endedAt) return null
  const players = await tx<{ playerId: string; name: string; score: number }[]>`
    select id as "playerId", name, score from players where game_id = ${gameId}
    order by score desc, joined_at, id`
  const standings = rank(players)
  const [final] = await tx<{ questionId: string; category: string; prompt: string; answer: string }[]>`
    select q.id as "questionId", c.name as category, q.prompt, q.answer
    from questions q join categories c on c.id = q.category_id
    where c.game_id = ${gameId} and c.round = ${FINAL_ROUND}`
  let entries: NonNullable<GameResult['final']>['entries'] = []
  if (final) {
    // A player's standing answer on the Final (the latest, should history hold more than one).
    const rows = await tx<
      { playerId: string; wager: number | null; isCorrect: boolean | null; delta: number | null }[]
    >`
      select p.id as "playerId", w.amount as wager, a.is_correct as "isCorrect", a.delta
      from players p
      left join wagers w on w.player_id = p.id and w.question_id = ${final.questionId}
      left join lateral (
        select is_correct, delta from answers
        where player_id = p.id and question_id = ${final.questionId} and undone_at is null
        order by created_at desc, id desc limit 1
      ) a on true
      where p.game_id = ${gameId}`
    const byPlayer = new Map(rows.map((r) => [r.playerId, r]))
    entries = standings.map((s) => byPlayer.get(s.playerId)!)
  }
  return {
    endedAt: g.endedAt.toISOString(),
    standings,
    winnerIds: standings.filter((s) => s.rank === 1).map((s) => s.playerId),
    final: final ? { ...final, entries } : null,
  }
}

/** Standard competition ranking ("1224"): equal scores share a rank, the next rank skips. Input best first. */
export function rank(players: { playerId: string; name: string; score: number }[]): Standing[] {
  const out: Standing[] = []
  for (const [i, p] of players.entries()) {
    const prev = out[i - 1]
    out.push({ rank: prev && prev.score === p.score ? prev.rank : i + 1, ...p })
  }
  return out
}
