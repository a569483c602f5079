// The buzzer: presses, the arbitration window, re-arming. Without any measured phone delay the
// first press while armed wins at once (as before the fair buzzer). With measured delays, the
// first press of an arming starts a window (fair-buzzer.ts arbitrationWindowMs); every press in it
// is recorded in `buzzes`, and when it ends the earliest reaction time wins: decided by whichever
// comes first of the pressing requests (they wait for the window) or the api's ticker.
import { AppError, notFound } from '@gamenight/contracts'
import type { Sql } from 'postgres'
import { loadClue, openIfDue } from './clue.ts'
import { type FairBuzzerConfig, type PhoneClock, type PressClaim, reactionMs } from './fair-buzzer.ts'
import { emit } from './outbox.ts'
import { lockGame, type Tx } from './trivia.ts'

export type PressInput = {
  playerId: string
  claim?: PressClaim
  /** The pressing phone's clock as the relay measured it; null when unknown. */
  clock?: PhoneClock | null
  /** How long ago the press reached the api (ms): its arrival, moved onto the database clock. */
  waitedMs: number
  /** The arbitration window to start if this is the first press (0: decide at once). */
  windowMs: number
}

export type BuzzResult = { won: boolean; winnerId: string | null; version: number; reactionMs: number | null }
/** `decided`: the press's outcome. `pending`: wait until `decideAtMs` (database clock), then decide. */
export type PressOutcome =
  | ({ kind: 'decided' } & BuzzResult)
  | { kind: 'pending'; arming: number; decideAtMs: number; nowMs: number }

/**
 * Presses `playerId`'s buzzer. 409 TOO_EARLY while the clue is not open yet (the caller locks the
 * player out: clue.ts lockOut), 409 LOCKED_OUT while a lockout lasts, 409 ALREADY_TRIED for a player
 * already judged on the open clue (an undone answer does not count), 404 PLAYER_NOT_FOUND.
 * A press while disarmed (after the winner) is recorded as a late press (`won: false`).
 */
export async function pressBuzzer(tx: Tx, gameId: string, p: PressInput, cfg: FairBuzzerConfig): Promise<PressOutcome> {
  let g = await lockGame(tx, gameId)
  const [pl] = await tx`select 1 from players where id = ${p.playerId} and game_id = ${gameId}`
  if (!pl) throw notFound('PLAYER_NOT_FOUND', `no player ${p.playerId} in this game`)
  if (await openIfDue(tx, g)) g = await lockGame(tx, gameId)
  if (g.cluePhase === 'wagering' || g.cluePhase === 'reading')
    throw new AppError(409, 'TOO_EARLY', 'the buzzers are not open yet: wait for the clue to be read')
  const until = g.lockouts[p.playerId]
  if (until !== undefined && until > g.nowMs)
    throw new AppError(
      409,
      'LOCKED_OUT',
      `pressed too early: locked out until ${new Date(until).toISOString()} (${Math.ceil(until - g.nowMs)} ms)`,
    )
  if (g.cluePhase === 'open' && g.clueQuestionId) {
    const [tried] = await tx`
      select 1 from answers where question_id = ${g.clueQuestionId} and player_id = ${p.playerId} and undone_at is null`
    if (tried) throw new AppError(409, 'ALREADY_TRIED', 'this player was already judged on this clue')
  }
  const arrivedAt = g.nowMs - Math.max(0, p.waitedMs)
  const armedAt = g.armedAtMs ?? arrivedAt
  const r = reactionMs(
    { arrivedAt, openedAt: armedAt, announcedAt: Math.max(armedAt, g.announcedAtMs ?? armedAt), ...p },
    cfg,
  )
  if (!g.buzzerArmed) {
    // Late presses are broadcast too, so the host sees everyone who buzzed and in which order.
    const late = { won: false, winnerId: g.buzzerWinnerId, version: g.buzzerVersion, reactionMs: r.reactionMs }
    await emit(tx, 'games', gameId, { type: 'buzzer_pressed', buzzerId: p.playerId, ...late })
    return { kind: 'decided', ...late }
  }
  if (g.decideAtMs === null && p.windowMs <= 0) {
    const [b] = await tx<{ version: number }[]>`
      update games set buzzer_armed = false, buzzer_winner_id = ${p.playerId}, buzzer_version = buzzer_version + 1
      where id = ${gameId} returning buzzer_version as version`
    const won = { won: true, winnerId: p.playerId, version: b!.version, reactionMs: r.reactionMs }
    await emit(tx, 'games', gameId, { type: 'buzzer_pressed', buzzerId: p.playerId, ...won })
    return { kind: 'decided', ...won }
  }
  await tx`
    insert into buzzes (game_id, arming, player_id, arrived_at, reaction_ms, trusted)
    values (${gameId}, ${g.buzzerVersion}, ${p.playerId}, to_timestamp(${arrivedAt / 1000}), ${r.reactionMs}, ${r.trusted})
    on conflict do nothing`
  let decideAtMs = g.decideAtMs
  if (decideAtMs === null) {
    decideAtMs = g.nowMs + p.windowMs
    await tx`update games set buzzer_decide_at = to_timestamp(${decideAtMs / 1000}) where id = ${gameId}`
  }
  return { kind: 'pending', arming: g.buzzerVersion, decideAtMs, nowMs: g.nowMs }
}

/**
 * Ends the arbitration window if it is over: the press with the earliest reaction time (then the
 * earliest arrival) wins, the buzzer disarms, and each press of the window is broadcast
 * (`buzzer_pressed`, the winner first). With `mine`, returns that press's outcome once its arming
 * is decided, else null (still pending).
 */
export async function decideBuzzer(
  tx: Tx,
  gameId: string,
  mine?: { playerId: string; arming: number },
): Promise<BuzzResult | null> {
  const g = await lockGame(tx, gameId, { finished: 'allow' })
  if (g.buzzerArmed && g.decideAtMs !== null && g.decideAtMs <= g.nowMs && g.status === 'playing') {
    const presses = await armingPresses(tx, gameId, g.buzzerVersion)
    const winnerId = presses[0]?.playerId ?? null
    const [b] = await tx<{ version: number }[]>`
      update games set buzzer_armed = false, buzzer_winner_id = ${winnerId}, buzzer_decide_at = null,
                       buzzer_version = buzzer_version + 1
      where id = ${gameId} returning buzzer_version as version`
    for (const [i, x] of presses.entries())
      await emit(tx, 'games', gameId, {
        type: 'buzzer_pressed',
        buzzerId: x.playerId,
        won: i === 0,
        winnerId,
        reactionMs: x.reactionMs,
        version: b!.version,
      })
    g.buzzerVersion = b!.version
  }
  if (!mine || g.buzzerVersion <= mine.arming) return null
  const presses = await armingPresses(tx, gameId, mine.arming)
  const me = presses.find((x) => x.playerId === mine.playerId)
  const winnerId = presses[0]?.playerId ?? null
  return { won: winnerId === mine.playerId, winnerId, version: mine.arming + 1, reactionMs: me?.reactionMs ?? null }
}

const armingPresses = (tx: Tx, gameId: string, arming: number) =>
  tx<{ playerId: string; reactionMs: number }[]>`
    select player_id as "playerId", reaction_ms as "reactionMs" from buzzes
    where game_id = ${gameId} and arming = ${arming} order by reaction_ms, arrived_at, player_id`

/** Re-arms the buzzer (host): a new arming, open from now; a clue being read opens now. */
export async function resetBuzzer(tx: Tx, gameId: string) {
  const g = await lockGame(tx, gameId)
  const [b] = await tx<{ version: number }[]>`
    update games set buzzer_armed = true, buzzer_winner_id = null, buzzer_armed_at = now(), buzzer_decide_at = null,
                     buzzer_version = buzzer_version + 1, clue_announced_at = now(),
                     clue_phase = case when clue_phase = 'reading' then 'open' else clue_phase end,
                     clue_opened_at = case when clue_phase = 'reading' then now() else clue_opened_at end,
                     clue_opens_at = case when clue_phase = 'reading' then null else clue_opens_at end,
                     clue_version = clue_version + case when clue_phase = 'reading' then 1 else 0 end
    where id = ${gameId} returning buzzer_version as version`
  await emit(tx, 'games', gameId, { type: 'buzzer_reset', armed: true, version: b!.version })
  if (g.cluePhase === 'reading')
    await emit(tx, 'games', gameId, { type: 'clue_updated', ...(await loadClue(tx, gameId))! })
  return { armed: true as const, version: b!.version }
}

/** Games whose clue is due to open or whose arbitration window is over (the ticker's scan). */
export async function dueGames(tx: Tx | Sql): Promise<string[]> {
  const rows = await tx<{ id: string }[]>`
    select id from games where clue_phase = 'reading' and clue_opens_at <= clock_timestamp()
    union
    select id from games where buzzer_decide_at <= clock_timestamp()`
  return rows.map((r) => r.id)
}

/** The ticker's work on one game: open a due clue, decide an ended window. */
export async function tickGame(tx: Tx, gameId: string): Promise<void> {
  const g = await lockGame(tx, gameId, { finished: 'allow' })
  if (g.status === 'playing') await openIfDue(tx, g)
  await decideBuzzer(tx, gameId)
}
