// The clue lifecycle (issue 9, rule 2): the game's current clue, on the game row so that the game
// lock orders it with every press and answer. wagering (a Daily Double or the Final) → reading
// (shown, buzzers closed) → open → judged → closed; each change bumps clue_version and sends
// `clue_updated`. Buzzers that open by themselves (the game's read time) open lazily: at the next
// press after `opens_at`, or when the api's ticker finds the clue due, whichever comes first; the
// opening instant is `opens_at` either way, so reaction times never depend on the ticker.
import { AppError, type ClueView } from '@gamenight/contracts'
import { emit } from './outbox.ts'
import { FINAL_ROUND, type GameRow, lockGame, type Tx } from './trivia.ts'
import { capWagersAtReveal, voidWagers } from './wagers.ts'

const noClue = () => new AppError(409, 'NO_CLUE', 'no clue is selected: select one first (POST /clue)')
const wrongPhase = (phase: string, want: string) =>
  new AppError(409, 'CLUE_PHASE', `the clue is ${phase}; this needs it ${want}`)
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

/** The current clue as every screen sees it; null before the first clue is selected. */
export async function loadClue(tx: Tx, gameId: string): Promise<ClueView | null> {
  const [c] = await tx<
    {
      questionId: string | null
      phase: ClueView['phase'] | 'none'
      readTimeMs: number
      version: number
      lockouts: Record<string, number>
      opensAt: number | null
      openedAt: number | null
      now: number
      prompt: string | null
      answer: string | null
      dailyDouble: boolean | null
      revealed: boolean | null
      verdict: { playerId: string; isCorrect: boolean; delta: number; undone: boolean } | null
    }[]
  >`
    select clue_question_id as "questionId", clue_phase as phase, read_time_ms as "readTimeMs",
           clue_version as version, clue_lockouts as lockouts,
           (extract(epoch from clue_opens_at) * 1000)::float8 as "opensAt",
           (extract(epoch from clue_opened_at) * 1000)::float8 as "openedAt",
           (extract(epoch from clock_timestamp()) * 1000)::float8 as now,
           q.prompt, q.answer, q.daily_double as "dailyDouble", q.revealed_at is not null as revealed,
           -- the latest judgement (or undo) on the clue: what the room is told, replayed with the clue
           (select json_build_object('playerId', a.player_id, 'isCorrect', a.is_correct, 'delta', a.delta,
                                     'undone', a.undone_at is not null)
              from answers a where a.question_id = g.clue_question_id
              order by greatest(a.created_at, coalesce(a.undone_at, a.created_at)) desc, a.undone_at is not null desc
              limit 1) as verdict
    from games g left join questions q on q.id = g.clue_question_id where g.id = ${gameId}`
  if (!c?.questionId || c.phase === 'none') return null
  // Who already tried: every player with an answer on the question, undone ones included (an
  // undone "Right" still tried), in the order they were first judged.
  const tried = await tx<{ id: string }[]>`
    select player_id as id from answers where question_id = ${c.questionId}
    group by player_id order by min(created_at), player_id`
  const reading = c.phase === 'reading' && c.opensAt !== null
  return {
    questionId: c.questionId,
    phase: c.phase,
    readTimeMs: c.readTimeMs,
    opensAt: reading ? iso(c.opensAt) : null,
    opensInMs: reading ? Math.max(0, Math.round(c.opensAt! - c.now)) : null,
    openedAt: iso(c.openedAt),
    lockedOut: Object.entries(c.lockouts)
      .filter(([, until]) => until > c.now)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([playerId, until]) => ({ playerId, until: iso(until)! })),
    tried: tried.map((t) => t.id),
    dailyDouble: c.dailyDouble ?? false,
    // The clue text is public once shown; its answer once the clue is judged, or closed after it
    // was played (opened, or someone tried): a clue closed unplayed may be picked again later.
    prompt: c.phase !== 'wagering' && c.revealed ? c.prompt : null,
    answer:
      c.phase === 'judged' || (c.phase === 'closed' && (c.openedAt !== null || tried.length > 0)) ? c.answer : null,
    verdict: c.verdict,
    version: c.version,
  }
}

/** Sends `clue_updated` with the clue as it now stands (call after bumping clue_version). */
async function announceClue(tx: Tx, gameId: string): Promise<ClueView> {
  const view = (await loadClue(tx, gameId))!
  await emit(tx, 'games', gameId, { type: 'clue_updated', ...view })
  return view
}

/**
 * Forgets the presses of an arbitration window still open (call before re-arming or closing the
 * buzzer): that arming ends without a winner, and its waiting presses answer `won: false`.
 */
export async function dropPendingPresses(tx: Tx, g: GameRow) {
  if (g.decideAtMs === null) return
  await tx`delete from buzzes where game_id = ${g.id} and arming = ${g.buzzerVersion}`
}

/** Closes the buzzers (no winner) if they are armed, with `buzzer_reset {armed: false}`. */
async function closeBuzzers(tx: Tx, gameId: string, g: GameRow) {
  if (!g.buzzerArmed && g.buzzerWinnerId === null) return
  await dropPendingPresses(tx, g)
  const [b] = await tx<{ version: number }[]>`
    update games set buzzer_armed = false, buzzer_winner_id = null, buzzer_decide_at = null,
                     buzzer_version = buzzer_version + 1
    where id = ${gameId} returning buzzer_version as version`
  await emit(tx, 'games', gameId, { type: 'buzzer_reset', armed: false, version: b!.version })
}

/**
 * Selects the game's current clue (host). A Daily Double or the Final starts in `wagering` (the
 * clue hidden; reveal it with revealClue). Any other clue is shown at once: `reading` with its
 * buzzers closed until `read_time_ms` has passed (or the host opens them), or `open` at once when
 * the game's read time is 0. Lockouts of the previous clue end. 404 QUESTION_NOT_FOUND.
 */
export async function selectClue(tx: Tx, gameId: string, questionId: string): Promise<ClueView> {
  const g = await lockGame(tx, gameId)
  const [q] = await tx<{ dailyDouble: boolean; round: number }[]>`
    select q.daily_double as "dailyDouble", c.round from questions q join categories c on c.id = q.category_id
    where q.id = ${questionId} and q.game_id = ${gameId}`
  if (!q) throw new AppError(404, 'QUESTION_NOT_FOUND', `no question ${questionId} in this game`)
  // Leaving a wager clue before it was shown voids its wagers (the score may change before it returns).
  if (g.cluePhase === 'wagering' && g.clueQuestionId && g.clueQuestionId !== questionId)
    await voidWagers(tx, gameId, g.clueQuestionId)
  const wagering = q.dailyDouble || q.round === FINAL_ROUND
  const phase = wagering ? 'wagering' : g.readTimeMs === 0 ? 'open' : 'reading'
  await tx`
    update games set clue_question_id = ${questionId}, clue_phase = ${phase}, clue_lockouts = '{}',
      clue_opens_at = case when ${phase} = 'reading' then clock_timestamp() + read_time_ms * interval '1 ms' end,
      clue_opened_at = null, clue_announced_at = null, clue_version = clue_version + 1
    where id = ${gameId}`
  if (!wagering) await tx`update questions set revealed_at = coalesce(revealed_at, now()) where id = ${questionId}`
  if (phase === 'open') return openNow(tx, g, 'now')
  await closeBuzzers(tx, gameId, g)
  return announceClue(tx, gameId)
}

/**
 * Shows a Daily Double's or the Final's clue once the wagers are in (host): `wagering` → `reading`.
 * Wagers on it are refused from now on (409 WAGER_LOCKED), and any above its player's limit now is
 * lowered to that limit. Revealing it again changes nothing.
 */
export async function revealClue(tx: Tx, gameId: string): Promise<ClueView> {
  const g = await lockGame(tx, gameId)
  if (g.cluePhase === 'none') throw noClue()
  if (g.cluePhase !== 'wagering') return (await loadClue(tx, gameId))!
  if (g.clueQuestionId) await capWagersAtReveal(tx, gameId, g.clueQuestionId)
  await tx`update games set clue_phase = 'reading', clue_version = clue_version + 1 where id = ${gameId}`
  await tx`update questions set revealed_at = coalesce(revealed_at, now()) where id = ${g.clueQuestionId}`
  return announceClue(tx, gameId)
}

/** Opens the buzzers of the clue being read (host), now. Already open: no change. */
export async function openClue(tx: Tx, gameId: string): Promise<ClueView> {
  const g = await lockGame(tx, gameId)
  if (g.cluePhase === 'none' || g.cluePhase === 'closed') throw noClue()
  if (g.cluePhase === 'open') return (await loadClue(tx, gameId))!
  if (g.cluePhase !== 'reading') throw wrongPhase(g.cluePhase, 'being read (reveal a Daily Double or the Final first)')
  return openNow(tx, g, 'now')
}

/**
 * Opens the clue if its read time is over (the lazy opening; the game lock is held): the buzzers
 * opened at `opens_at`, whenever this runs. Returns whether it opened.
 */
export async function openIfDue(tx: Tx, g: GameRow): Promise<boolean> {
  if (g.cluePhase !== 'reading' || g.opensAtMs === null || g.opensAtMs > g.nowMs) return false
  await openNow(tx, g, 'due')
  return true
}

/** `open`, the buzzers armed from the opening instant (now, or `opens_at` when due): a new arming. */
async function openNow(tx: Tx, g: GameRow, when: 'now' | 'due'): Promise<ClueView> {
  const gameId = g.id
  await dropPendingPresses(tx, g)
  const [b] = await tx<{ version: number }[]>`
    update games set clue_phase = 'open',
      clue_opened_at = case when ${when} = 'due' then clue_opens_at else clock_timestamp() end,
      clue_announced_at = clock_timestamp(), clue_opens_at = null, clue_version = clue_version + 1,
      buzzer_armed = true, buzzer_winner_id = null, buzzer_decide_at = null,
      buzzer_armed_at = case when ${when} = 'due' then clue_opens_at else clock_timestamp() end,
      buzzer_version = buzzer_version + 1
    where id = ${gameId} returning buzzer_version as version`
  await emit(tx, 'games', gameId, { type: 'buzzer_reset', armed: true, version: b!.version })
  return announceClue(tx, gameId)
}

/**
 * Closes the clue (host): back to the board, buzzers closed. A Daily Double or the Final closed
 * before it was revealed voids its wagers. Closing it again changes nothing.
 */
export async function closeClue(tx: Tx, gameId: string): Promise<ClueView> {
  const g = await lockGame(tx, gameId)
  if (g.cluePhase === 'none') throw noClue()
  if (g.cluePhase === 'closed') return (await loadClue(tx, gameId))!
  if (g.cluePhase === 'wagering' && g.clueQuestionId) await voidWagers(tx, gameId, g.clueQuestionId)
  await tx`update games set clue_phase = 'closed', clue_opens_at = null, clue_version = clue_version + 1 where id = ${gameId}`
  if (g.buzzerArmed) await closeBuzzers(tx, gameId, g)
  return announceClue(tx, gameId)
}

/**
 * A press came too early: the player is locked out until `lockoutMs` from now (database clock),
 * shown in `clue_updated.lockedOut`. Only while the clue is still closed to presses (it may have
 * opened since); returns the lockout's end (ms since the epoch) or null.
 */
export async function lockOut(tx: Tx, gameId: string, playerId: string, lockoutMs: number): Promise<number | null> {
  const g = await lockGame(tx, gameId)
  if (g.cluePhase !== 'wagering' && g.cluePhase !== 'reading') return null
  const until = Math.round(g.nowMs + lockoutMs)
  await tx`
    update games set clue_lockouts = clue_lockouts || jsonb_build_object(${playerId}::text, ${until}::bigint),
                     clue_version = clue_version + 1
    where id = ${gameId}`
  await announceClue(tx, gameId)
  return until
}

/**
 * After an answer on the current clue: the player joins `tried`, and a right answer (or any
 * answer on a Daily Double, which one player answers alone) judges the clue.
 */
export async function clueJudged(
  tx: Tx,
  g: GameRow,
  a: { questionId: string; isCorrect: boolean; dailyDouble: boolean },
): Promise<void> {
  if (g.clueQuestionId !== a.questionId || g.cluePhase === 'none' || g.cluePhase === 'closed') return
  const judged = a.isCorrect || a.dailyDouble
  await tx`
    update games set clue_version = clue_version + 1,
      clue_phase = case when ${judged} then 'judged' else clue_phase end,
      clue_opens_at = case when ${judged} then null else clue_opens_at end
    where id = ${g.id}`
  await announceClue(tx, g.id)
}

/**
 * Rule 3: undoing a "Right" on the current clue reopens it (`open`, with who already tried, the
 * buzzers as they were) so the host can give the points to the right player; a question marked
 * answered is marked open again (`toggle_question`). An undone "Wrong" only announces the clue's
 * verdict (undone). Undos on other questions change no clue.
 */
export async function reopenAfterUndo(tx: Tx, g: GameRow, questionId: string, wasCorrect = true): Promise<void> {
  if (g.clueQuestionId !== questionId || g.cluePhase === 'none') return
  if (!wasCorrect) {
    // An undone "Wrong" changes no phase; the clue's verdict (undone) goes to every screen.
    await tx`update games set clue_version = clue_version + 1 where id = ${g.id}`
    await announceClue(tx, g.id)
    return
  }
  const [q] = await tx<{ version: number }[]>`
    update questions set answered = false, state_version = state_version + 1
    where id = ${questionId} and answered returning state_version as version`
  if (q) await emit(tx, 'games', g.id, { type: 'toggle_question', questionId, answered: false, version: q.version })
  await tx`
    update games set clue_phase = 'open', clue_opens_at = null, clue_version = clue_version + 1,
      clue_opened_at = coalesce(clue_opened_at, clock_timestamp())
    where id = ${g.id}`
  await announceClue(tx, g.id)
}
