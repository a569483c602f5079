// Trivia use cases: who may do what, then one transaction in libs/db. Plain functions; they never
// see the HTTP request, only the token and the validated input.
import {
  AppError,
  type Board,
  badRequest,
  forbidden,
  isUuid,
  normalisePlayerName,
  notFound,
  type Role,
  unauthorized,
} from '@gamenight/contracts'
import { createAccessCache, type Sql, trivia, triviaAccess } from '@gamenight/db'
import type { TransactionSql } from 'postgres'
import { hashToken, newToken } from '../http/auth.ts'
import { type IdempotencyKey, runIdempotent, storeIdempotent } from '../http/idempotency.ts'
import { SAMPLE_BOARD } from './sample-board.ts'

export type Deps = {
  sql: Sql
  afterCommit: () => void
  /** A new game's read time (ms) unless it sets its own (TRIVIA_READ_TIME_MS). */
  readTimeMs: number
  fairBuzzer: trivia.FairBuzzerConfig
  /** The game's phones' measured clocks (relay ping/pong, via Redis); empty when unknown. */
  clocks: (gameId: string) => Promise<Map<string, trivia.PhoneClock>>
  /** Asks the ticker to look at the game in `delayMs` (a clue due to open, a window due to end). */
  wake: (gameId: string, delayMs: number) => void
}
export type Viewer = { role: Role; playerId?: string }

const gameNotFound = (id: string) => notFound('GAME_NOT_FOUND', `no game ${id}`)

// Games, players and their token hashes never change once created: libs/db caches the lookups.
const accessCache = createAccessCache()

/** Resolves a token to its role in `gameId` (libs/db's access rule): 404 for an unknown game, 401 for a missing or foreign token. */
export async function viewerOf(sql: Sql, gameId: string, token: string | null): Promise<Viewer> {
  const a = await triviaAccess(sql, gameId, token, accessCache)
  if (!token) throw unauthorized()
  return a.playerId ? { role: 'player', playerId: a.playerId } : { role: a.role as Role }
}

async function requireHost(sql: Sql, gameId: string, token: string | null): Promise<void> {
  const v = await viewerOf(sql, gameId, token)
  if (v.role !== 'host') throw forbidden('only the host may do this')
}

async function mutate<T>(
  deps: Deps,
  idem: IdempotencyKey | null,
  status: number,
  fn: (tx: TransactionSql) => Promise<T>,
) {
  const out = await runIdempotent(deps.sql, idem, status, fn)
  if (!out.replayed) deps.afterCommit()
  return out
}

export async function createGame(
  deps: Deps,
  input: { name: string; board?: Board; readTimeMs?: number },
  idem: IdempotencyKey | null,
) {
  const hostToken = newToken()
  const viewToken = newToken()
  return mutate(deps, idem, 201, async (tx) => {
    const id = await trivia.createGame(
      tx,
      input.name,
      input.board ?? SAMPLE_BOARD,
      {
        host: hashToken(hostToken),
        view: hashToken(viewToken),
      },
      input.readTimeMs ?? deps.readTimeMs,
    )
    const snap = await trivia.loadSnapshot(tx, id, { role: 'host' })
    return { ...snap!, hostToken, viewToken }
  })
}

export async function snapshot(deps: Deps, gameId: string, token: string | null) {
  const viewer = await viewerOf(deps.sql, gameId, token)
  const snap = await trivia.readSnapshot(deps.sql, gameId, viewer)
  if (!snap) throw gameNotFound(gameId)
  return snap
}

/** Joins a player under their normalised name (contracts' player-name.ts): 400 VALIDATION if nothing visible is left. */
export async function join(deps: Deps, gameId: string, rawName: string, idem: IdempotencyKey | null) {
  if (!isUuid(gameId)) throw gameNotFound(gameId)
  const name = normalisePlayerName(rawName)
  if (!name.ok)
    throw badRequest('VALIDATION', `invalid name: ${name.message}`, [{ path: '/name', message: name.message }])
  const token = newToken()
  return mutate(deps, idem, 201, async (tx) => {
    const p = await trivia.joinGame(tx, gameId, name, hashToken(token))
    return { ...p, gameId, token }
  })
}

export async function answer(
  deps: Deps,
  gameId: string,
  token: string | null,
  input: { playerId: string; questionId: string; isCorrect: boolean; points?: number },
  idem: IdempotencyKey | null,
) {
  await requireHost(deps.sql, gameId, token)
  return mutate(deps, idem, 200, async (tx) => ({
    success: true as const,
    ...(await trivia.recordAnswer(tx, { gameId, ...input })),
  }))
}

export async function undoAnswer(
  deps: Deps,
  gameId: string,
  token: string | null,
  answerId: string,
  idem: IdempotencyKey | null,
) {
  await requireHost(deps.sql, gameId, token)
  if (!isUuid(answerId)) throw notFound('ANSWER_NOT_FOUND', `no answer ${answerId}`)
  return mutate(deps, idem, 200, async (tx) => ({
    success: true as const,
    ...(await trivia.undoAnswer(tx, gameId, answerId)),
  }))
}

export async function setScore(deps: Deps, gameId: string, token: string | null, playerId: string, score: number) {
  await requireHost(deps.sql, gameId, token)
  if (!isUuid(playerId)) throw notFound('PLAYER_NOT_FOUND', `no player ${playerId}`)
  return mutate(deps, null, 200, async (tx) => ({
    success: true as const,
    ...(await trivia.setScore(tx, gameId, playerId, score)),
  }))
}

export async function toggleQuestion(deps: Deps, questionId: string, token: string | null, answered: boolean) {
  if (!isUuid(questionId)) throw notFound('QUESTION_NOT_FOUND', `no question ${questionId}`)
  const gameId = await trivia.findQuestionGame(deps.sql, questionId)
  if (!gameId) throw notFound('QUESTION_NOT_FOUND', `no question ${questionId}`)
  await requireHost(deps.sql, gameId, token)
  return mutate(deps, null, 200, async (tx) => ({
    success: true as const,
    ...(await trivia.toggleQuestion(tx, gameId, questionId, answered)),
  }))
}

/**
 * Presses a buzzer (the player, or the host for a player). A press before the clue's buzzers open
 * is 409 TOO_EARLY and locks the player out (BUZZER_LOCKOUT_MS, announced in `clue_updated`).
 * With measured phone clocks, the press waits out the arbitration window (at most
 * BUZZER_WINDOW_MAX_MS) and the earliest reaction time wins (libs/db buzzer.ts, fair-buzzer.ts).
 */
export async function pressBuzzer(
  deps: Deps,
  gameId: string,
  token: string | null,
  body: { buzzerId: string; pressedAt?: number; sawOpenAt?: number },
  idem: IdempotencyKey | null,
) {
  const arrived = performance.now()
  const { buzzerId } = body
  const v = await viewerOf(deps.sql, gameId, token)
  if (v.role === 'spectator') throw forbidden('a read-only token cannot press a buzzer')
  if (v.role === 'player' && v.playerId !== buzzerId) throw forbidden('a player may press only their own buzzer')
  const clocks = await deps.clocks(gameId)
  const claim = { pressedAt: body.pressedAt, sawOpenAt: body.sawOpenAt }
  // The measure is of the player's own phone: a host pressing for a player is on another link.
  const clock = v.role === 'player' ? (clocks.get(buzzerId) ?? null) : null
  const windowMs = trivia.arbitrationWindowMs(
    [...clocks.values()].map((c) => c.delayMs),
    deps.fairBuzzer,
  )
  let out: Awaited<ReturnType<typeof mutate<trivia.PressOutcome>>>
  try {
    out = await mutate(deps, idem, 200, (tx) =>
      trivia.pressBuzzer(
        tx,
        gameId,
        {
          playerId: buzzerId,
          claim,
          clock,
          waitedMs: performance.now() - arrived,
          windowMs,
        },
        deps.fairBuzzer,
      ),
    )
  } catch (err) {
    if (err instanceof AppError && err.code === 'TOO_EARLY') await lockOut(deps, gameId, buzzerId, err)
    throw err
  }
  let o = out.body
  if (o.kind === 'pending') {
    deps.wake(gameId, o.decideAtMs - o.nowMs)
    o = { kind: 'decided', ...(await awaitDecision(deps, gameId, buzzerId, o)) }
    if (idem) await storeIdempotent(deps.sql, idem, 200, o)
  }
  const { kind: _kind, ...result } = o
  return { ...out, body: { success: true as const, ...result } }
}

/** Too early: the lockout is its own transaction (the press changed nothing), then the 409 says until when. */
async function lockOut(deps: Deps, gameId: string, playerId: string, err: AppError) {
  const until = await deps.sql.begin((tx) => trivia.lockOut(tx, gameId, playerId, deps.fairBuzzer.lockoutMs))
  if (until === null) return
  deps.afterCommit()
  err.message = `${err.message}; locked out until ${new Date(until).toISOString()}`
}

/** Waits out the window (database clock), then decides it, or reads what the first to wake decided. */
async function awaitDecision(
  deps: Deps,
  gameId: string,
  playerId: string,
  p: { arming: number; decideAtMs: number; nowMs: number },
) {
  let waitMs = p.decideAtMs - p.nowMs
  for (let attempt = 0; ; attempt++) {
    if (waitMs > 0) await Bun.sleep(waitMs + 1)
    const r = await deps.sql.begin((tx) => trivia.decideBuzzer(tx, gameId, { playerId, arming: p.arming }))
    if (r) {
      deps.afterCommit()
      return r
    }
    if (attempt > 50) throw new AppError(503, 'UNAVAILABLE', 'the buzzer could not be decided; press again')
    waitMs = 5
  }
}

export async function placeWager(
  deps: Deps,
  gameId: string,
  token: string | null,
  input: { playerId: string; questionId: string; amount: number },
  idem: IdempotencyKey | null,
) {
  const v = await viewerOf(deps.sql, gameId, token)
  if (v.role === 'spectator') throw forbidden('a read-only token cannot place a wager')
  if (v.role === 'player' && v.playerId !== input.playerId) throw forbidden('a player may wager only for themselves')
  return mutate(deps, idem, 200, async (tx) => ({
    success: true as const,
    ...(await trivia.placeWager(tx, gameId, input)),
  }))
}

/** Ends the game for good (the host); ending it again answers the same result without a new event. */
export async function endGame(deps: Deps, gameId: string, token: string | null, idem: IdempotencyKey | null) {
  await requireHost(deps.sql, gameId, token)
  return mutate(deps, idem, 200, async (tx) => {
    const { changed: _changed, ...result } = await trivia.endGame(tx, gameId)
    return { success: true as const, status: 'finished' as const, ...result }
  })
}

export async function resetBuzzer(deps: Deps, gameId: string, token: string | null, idem: IdempotencyKey | null) {
  await requireHost(deps.sql, gameId, token)
  return mutate(deps, idem, 200, async (tx) => ({ success: true as const, ...(await trivia.resetBuzzer(tx, gameId)) }))
}

/** The clue lifecycle (host): select, reveal (a Daily Double or the Final), open, close. */
export async function clue(
  deps: Deps,
  gameId: string,
  token: string | null,
  action: { op: 'select'; questionId: string } | { op: 'reveal' | 'open' | 'close' },
  idem: IdempotencyKey | null,
) {
  await requireHost(deps.sql, gameId, token)
  const out = await mutate(deps, idem, 200, async (tx) => {
    const view =
      action.op === 'select'
        ? await trivia.selectClue(tx, gameId, action.questionId)
        : action.op === 'reveal'
          ? await trivia.revealClue(tx, gameId)
          : action.op === 'open'
            ? await trivia.openClue(tx, gameId)
            : await trivia.closeClue(tx, gameId)
    return { success: true as const, ...view }
  })
  if (out.body.opensInMs !== null) deps.wake(gameId, out.body.opensInMs)
  return out
}
