// Plays one game to the end with any AiPlayer (benchmark, tests, and a local "auto-play" helper).
import type { AiPlayer } from './player.ts'
import type { ArticleSource } from './source.ts'

export interface GameResult {
  success: boolean
  moves: string[]
  /** Milliseconds spent in each nextMove call. */
  moveMs: number[]
  error?: string
}

/** Plays from start until the target, an illegal move, an error, or `stepLimit` moves. */
export async function playGame(
  player: AiPlayer,
  source: ArticleSource,
  start: string,
  target: string,
  stepLimit = 30,
): Promise<GameResult> {
  const moves: string[] = []
  const moveMs: number[] = []
  let current = start
  while (current !== target && moves.length < stepLimit) {
    const t0 = performance.now()
    let next: string
    try {
      next = (
        await player.nextMove({ startArticle: start, endArticle: target, currentArticle: current, moves: [...moves] })
      ).article
    } catch (e) {
      return { success: false, moves, moveMs, error: String(e) }
    }
    moveMs.push(performance.now() - t0)
    const links = (await source.get(current))?.links ?? []
    if (!links.includes(next)) return { success: false, moves, moveMs, error: `illegal move ${current} -> ${next}` }
    moves.push(next)
    current = next
  }
  return { success: current === target, moves, moveMs }
}
