// One AI turn of one game over the api: GET the state, infer the next move, PATCH it with
// expectedVersion. Stateless: everything comes from the game, so any worker can take any turn, and a
// retried turn after a crash re-reads the game instead of trusting what it knew.

import { ApiCallError, orThrow, type WikiApi } from '@gamenight/client'
import { MOVE_REASON_MAX, type WikiGameState } from '@gamenight/contracts'
import type { Logger } from '@gamenight/log'
import { type AiPlayer, NoMoveError } from '@gamenight/wiki-ai'
import type { Metrics } from './metrics.ts'

export type StepResult = { requeue: boolean; status: string; moved: boolean }
export type Step = (gameId: string, signal: AbortSignal) => Promise<StepResult>

/** Thrown when the worker is stopping before the move was sent: the turn is handed back untouched. */
export class HandBack extends Error {}

/** After this many 409 VERSION_CONFLICTs in one turn, someone else is clearly playing the game: yield. */
const MAX_CONFLICTS = 3

export const isFinished = (g: WikiGameState) => g.isComplete || g.status !== 'playing'

export function createStep(deps: {
  api: Pick<WikiApi, 'getGame' | 'workerMove' | 'fail' | 'article'>
  player: AiPlayer
  log: Logger
  metrics: Metrics
  moveDelayMs: number
  testPauseBeforePatchMs?: number
  testPauseAfterPatchMs?: number
}): Step {
  const { api, player, log, metrics } = deps

  return async function step(gameId, signal) {
    // The watch delay comes first so the move is inferred from the freshest state.
    if (deps.moveDelayMs > 0) await sleep(deps.moveDelayMs, signal)
    for (let conflicts = 0; conflicts <= MAX_CONFLICTS; conflicts++) {
      if (signal.aborted) throw new HandBack('stopping')
      const started = performance.now()
      const game = orThrow(await api.getGame(gameId))
      if (isFinished(game)) return { requeue: false, status: game.status, moved: false }

      let article: string
      let reason: string | undefined
      try {
        const move = await player.nextMove({
          startArticle: game.startArticle,
          endArticle: game.endArticle,
          currentArticle: game.currentArticle,
          moves: game.moves.map((m) => m.article),
        })
        article = move.article
        reason = move.reason
      } catch (err) {
        if (!(err instanceof NoMoveError)) throw err
        // The player sees an unreadable page (404) as one without links. Only a page that is really
        // there with no links is a dead end that loses the game; one that cannot be read (e.g. a data
        // reload dropped it) is a fault: left pending, so it is retried, then dead-lettered with this cause.
        const here = await api.article(game.currentArticle)
        if (!here.ok && here.error.status === 404) {
          throw new ApiCallError({
            status: 404,
            code: 'ARTICLE_NOT_FOUND',
            message: `current article "${game.currentArticle}" cannot be read: GET /articles is 404 ARTICLE_NOT_FOUND`,
          })
        }
        if (orThrow(here).links.length > 0) throw err
        orThrow(await api.fail(gameId, `no move possible: ${game.currentArticle} has no links`))
        metrics.gameFinished({ status: 'failed' })
        return { requeue: false, status: 'failed', moved: false }
      }

      if (deps.testPauseBeforePatchMs) {
        log.info('test pause before patch', { gameId, version: game.version, article })
        await sleep(deps.testPauseBeforePatchMs, signal)
      }
      // Past this point the move is sent even if we are stopping: a PATCH in flight is finished.
      if (signal.aborted) throw new HandBack('stopping')

      let after: WikiGameState
      try {
        // The reason is for people watching; it is cut to the contract's limit rather than refused.
        const why = reason ? { reason: reason.slice(0, MOVE_REASON_MAX) } : {}
        after = orThrow(await api.workerMove(gameId, { article, expectedVersion: game.version, ...why }))
      } catch (err) {
        if (err instanceof ApiCallError && err.status === 409 && err.code === 'VERSION_CONFLICT') {
          // Another worker moved this game since we read it: nothing changed on our side; re-read.
          metrics.conflict()
          log.debug('version conflict; re-reading', { gameId, version: game.version })
          continue
        }
        if (err instanceof ApiCallError && err.status === 409 && err.code === 'GAME_OVER') {
          return { requeue: false, status: 'over', moved: false }
        }
        throw err
      }
      const moved = after.version > game.version
      if (moved) {
        metrics.move()
        metrics.observeMove((performance.now() - started) / 1000)
      }
      if (isFinished(after)) metrics.gameFinished({ status: after.status })
      log.debug('moved', { gameId, article, version: after.version, status: after.status })
      if (deps.testPauseAfterPatchMs) {
        log.info('test pause after patch', { gameId, version: after.version, article })
        await sleep(deps.testPauseAfterPatchMs, signal)
      }
      return { requeue: !isFinished(after), status: after.status, moved }
    }
    // Keep the turn: whoever is also moving this game will settle on one entry when it ends.
    return { requeue: true, status: 'playing', moved: false }
  }
}

/** Resolves after ms, or as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve()
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done)
  })
}
