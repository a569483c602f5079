// The role-aware trivia snapshot: what a host, a player or a TV may see, as of one instant.
import type { Snapshot } from '@gamenight/contracts'
import type { Sql } from 'postgres'
import { loadClue } from './clue.ts'
import { FINAL_ROUND, type Tx } from './trivia.ts'
import { loadResult } from './trivia-result.ts'

type Viewer = { role: Snapshot['role']; playerId?: string }

/** seq and every version in the snapshot come from the same instant. */
export async function readSnapshot(sql: Sql, gameId: string, viewer: Viewer): Promise<Snapshot | null> {
  return sql.begin('isolation level repeatable read read only', (tx) => loadSnapshot(tx, gameId, viewer))
}

export async function loadSnapshot(tx: Tx, gameId: string, viewer: Viewer): Promise<Snapshot | null> {
  const [g] = await tx<
    {
      id: string
      name: string
      seq: number
      status: Snapshot['status']
      armed: boolean
      winnerId: string | null
      buzzerVersion: number
    }[]
  >`
    select id, name, seq, status, buzzer_armed as armed, buzzer_winner_id as "winnerId",
           buzzer_version as "buzzerVersion"
    from games where id = ${gameId}`
  if (!g) return null
  const players = await tx<Snapshot['players']>`
    select id, name, score, score_version as version from players where game_id = ${gameId} order by joined_at, id`
  const rows = await tx<
    {
      cat: string
      cpos: number
      round: number
      id: string
      value: number
      answered: boolean
      version: number
      prompt: string
      answer: string
      dailyDouble: boolean
    }[]
  >`
    select c.name as cat, c.position as cpos, c.round, q.id, q.value, q.answered, q.state_version as version,
           q.prompt, q.answer, q.daily_double as "dailyDouble"
    from categories c join questions q on q.category_id = c.id
    where c.game_id = ${gameId} order by c.position, q.position`
  const wagers = await tx<{ playerId: string; questionId: string; amount: number; version: number }[]>`
    select player_id as "playerId", question_id as "questionId", amount, version from wagers where game_id = ${gameId}
    order by updated_at, player_id`
  const host = viewer.role === 'host'
  const categories: Snapshot['categories'] = []
  let final: Snapshot['final'] = null
  let lastPos = -1
  for (const r of rows) {
    const { cat, cpos, round, prompt, answer, dailyDouble, ...q } = r
    if (round === FINAL_ROUND) {
      final = {
        questionId: q.id,
        category: cat,
        answered: q.answered,
        version: q.version,
        ...(host ? { prompt, answer } : {}),
      }
      continue
    }
    if (cpos !== lastPos) {
      categories.push({ name: cat, round, questions: [] })
      lastPos = cpos
    }
    categories[categories.length - 1]!.questions.push(host ? { ...q, prompt, answer, dailyDouble } : q)
  }
  // A Final wager stays secret from other players until the host judges that player on the Final
  // (wager_revealed), marks the Final answered, or ends the game.
  const finalOpen = final !== null && !final.answered && g.status === 'playing'
  const judged = new Set(
    finalOpen
      ? (
          await tx<{ id: string }[]>`
            select player_id as id from answers where question_id = ${final!.questionId} and undone_at is null`
        ).map((r) => r.id)
      : [],
  )
  const hidden = (w: (typeof wagers)[number]) =>
    !host &&
    finalOpen &&
    w.questionId === final?.questionId &&
    w.playerId !== viewer.playerId &&
    !judged.has(w.playerId)
  return {
    id: g.id,
    name: g.name,
    seq: g.seq,
    status: g.status,
    result: g.status === 'finished' ? await loadResult(tx, gameId) : null,
    role: viewer.role,
    ...(viewer.playerId ? { playerId: viewer.playerId } : {}),
    buzzer: { armed: g.armed, winnerId: g.winnerId, version: g.buzzerVersion },
    clue: await loadClue(tx, gameId),
    players: [...players],
    categories,
    final,
    wagers: wagers.map((w) => ({ ...w, amount: hidden(w) ? null : w.amount })),
  }
}
