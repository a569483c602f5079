// Trivia use cases: who may do what, then one transaction in libs/db. Plain functions; they never
// see the HTTP request, only the token and the validated input.
import {
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
import { type IdempotencyKey, runIdempotent } from '../http/idempotency.ts'
import { SAMPLE_BOARD } from './sample-board.ts'

export type Deps = { sql: Sql; afterCommit: () => void }
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

export async function createGame(deps: Deps, input: { name: string; board?: Board }, idem: IdempotencyKey | null) {
  const hostToken = newToken()
  const viewToken = newToken()
  return mutate(deps, idem, 201, async (tx) => {
    const id = await trivia.createGame(tx, input.name, input.board ?? SAMPLE_BOARD, {
      host: hashToken(hostToken),
      view: hashToken(viewToken),
    })
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

export async function pressBuzzer(
  deps: Deps,
  gameId: string,
  token: string | null,
  buzzerId: string,
  idem: IdempotencyKey | null,
) {
  const v = await viewerOf(deps.sql, gameId, token)
  if (v.role === 'spectator') throw forbidden('a read-only token cannot press a buzzer')
  if (v.role === 'player' && v.playerId !== buzzerId) throw forbidden('a player may press only their own buzzer')
  return mutate(deps, idem, 200, async (tx) => ({
    success: true as const,
    ...(await trivia.pressBuzzer(tx, gameId, buzzerId)),
  }))
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
