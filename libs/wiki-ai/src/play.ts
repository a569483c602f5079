// Plays one game to the end with any AiPlayer (benchmark, tests, and a local "auto-play" helper).
import type { AiPlayer } from './player.ts'
import type { ArticleSource } from './source.ts'

export interface GameResult {
  success: boolean
  moves: string[]
  /** Milliseconds spent in each nextMove call (wall clock). */
  moveMs: number[]
  /**
   * CPU milliseconds of this process (all its threads, so garbage collection too) during each nextMove call:
   * what a move costs without the waits of a machine shared with other work.
   */
  moveCpuMs: number[]
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
  const moveCpuMs: number[] = []
  let current = start
  while (current !== target && moves.length < stepLimit) {
    const t0 = performance.now()
    const c0 = process.cpuUsage()
    let next: string
    try {
      next = (
        await player.nextMove({ startArticle: start, endArticle: target, currentArticle: current, moves: [...moves] })
      ).article
    } catch (e) {
      return { success: false, moves, moveMs, moveCpuMs, error: String(e) }
    }
    moveMs.push(performance.now() - t0)
    const cpu = process.cpuUsage(c0)
    moveCpuMs.push((cpu.user + cpu.system) / 1000)
    const links = (await source.get(current))?.links ?? []
    if (!links.includes(next))
      return { success: false, moves, moveMs, moveCpuMs, error: `illegal move ${current} -> ${next}` }
    moves.push(next)
    current = next
  }
  return { success: current === target, moves, moveMs, moveCpuMs }
}
