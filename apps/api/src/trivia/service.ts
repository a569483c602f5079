// Trivia use cases: who may do what, then one transaction in libs/db. Plain functions; they never
// see the HTTP request, only the token and the validated input.
import {
  type Board,
  badRequest,
  forbidden,
  normalisePlayerName,
  notFound,
  type Role,
  unauthorized,
} from '@gamenight/contracts'
import { type Sql, trivia } from '@gamenight/db'
import type { TransactionSql } from 'postgres'
import { hashToken, newToken, sameHash } from '../http/auth.ts'
import { type IdempotencyKey, runIdempotent } from '../http/idempotency.ts'
import { SAMPLE_BOARD } from './sample-board.ts'

export type Deps = { sql: Sql; afterCommit: () => void }
export type Viewer = { role: Role; playerId?: string }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const gameNotFound = (id: string) => notFound('GAME_NOT_FOUND', `no game ${id}`)

// Games, players and their token hashes never change once created, so positive lookups are cached
// per process; this takes a query off every mutation's hot path.
const gameAuthCache = boundedCache<trivia.GameAuth>(10_000)
const playerAuthCache = boundedCache<trivia.PlayerAuth>(50_000)

/** Resolves a token to its role in `gameId`: 404 for an unknown game, 401 for a missing or foreign token. */
export async function viewerOf(sql: Sql, gameId: string, token: string | null): Promise<Viewer> {
  if (!UUID.test(gameId)) throw gameNotFound(gameId)
  const game = await gameAuthCache.get(gameId, () => trivia.findGameAuth(sql, gameId))
  if (!game) throw gameNotFound(gameId)
  if (!token) throw unauthorized()
  const h = hashToken(token)
  if (sameHash(h, game.hostTokenHash)) return { role: 'host' }
  if (sameHash(h, game.viewTokenHash)) return { role: 'spectator' }
  const player = await playerAuthCache.get(h.toString('hex'), () => trivia.findPlayerByToken(sql, h))
  if (player && player.gameId === gameId) return { role: 'player', playerId: player.id }
  throw unauthorized('this token does not belong to this game')
}

function boundedCache<T>(max: number) {
  const map = new Map<string, T>()
  return {
    async get(key: string, load: () => Promise<T | null>): Promise<T | null> {
      const hit = map.get(key)
      if (hit) return hit
      const value = await load()
      if (value) {
        if (map.size >= max) map.delete(map.keys().next().value!)
        map.set(key, value)
      }
      return value
    },
  }
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
  if (!UUID.test(gameId)) throw gameNotFound(gameId)
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
  if (!UUID.test(answerId)) throw notFound('ANSWER_NOT_FOUND', `no answer ${answerId}`)
  return mutate(deps, idem, 200, async (tx) => ({
    success: true as const,
    ...(await trivia.undoAnswer(tx, gameId, answerId)),
  }))
}

export async function setScore(deps: Deps, gameId: string, token: string | null, playerId: string, score: number) {
  await requireHost(deps.sql, gameId, token)
  if (!UUID.test(playerId)) throw notFound('PLAYER_NOT_FOUND', `no player ${playerId}`)
  return mutate(deps, null, 200, async (tx) => ({
    success: true as const,
    ...(await trivia.setScore(tx, gameId, playerId, score)),
  }))
}

export async function toggleQuestion(deps: Deps, questionId: string, token: string | null, answered: boolean) {
  if (!UUID.test(questionId)) throw notFound('QUESTION_NOT_FOUND', `no question ${questionId}`)
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
