// What the player is allowed to know at a move, rebuilt from the game state alone (start, target, moves)
// so that any worker can continue a game after a crash: the pages on the path and, for each of them,
// the pages it linked to (the one-step look-ahead it had at that move). Re-reads go through the
// (cached) ArticleSource, so this is cheap once warm.
import type { Article, ArticleSource } from './source.ts'

export interface GameState {
  startArticle: string
  endArticle: string
  currentArticle: string
  /** Articles moved to so far, in order (not including the start). */
  moves: string[]
}

export interface GameMemory {
  target: Article | null
  current: Article
  /** Path walked so far, start first, current last. */
  path: string[]
  /** How many times each page has been stood on. */
  visits: Map<string, number>
  /** Every page read so far in this game (path pages, their neighbours, the target). */
  seen: Map<string, Article>
  /** Seen pages known to link straight to the target (distance 1). */
  linksToTarget: Set<string>
}

/** The path as the API knows it; `currentArticle` wins if it disagrees with the moves list. */
export function pathOf(state: GameState): string[] {
  const path = [state.startArticle, ...state.moves]
  if (path[path.length - 1] !== state.currentArticle) path.push(state.currentArticle)
  return path
}

async function readAll(source: ArticleSource, titles: string[], seen: Map<string, Article>): Promise<void> {
  const todo = [...new Set(titles)].filter((t) => !seen.has(t))
  const got = await Promise.all(todo.map((t) => source.get(t)))
  for (const a of got) if (a) seen.set(a.title, a)
}

export async function buildMemory(state: GameState, source: ArticleSource): Promise<GameMemory> {
  const path = pathOf(state)
  const visits = new Map<string, number>()
  for (const p of path) visits.set(p, (visits.get(p) ?? 0) + 1)
  const seen = new Map<string, Article>()
  await readAll(source, [...path, state.endArticle], seen)
  const current = seen.get(state.currentArticle) ?? { title: state.currentArticle, text: '', links: [] }
  // Look-ahead of every page stood on (including the current one).
  const neighbours: string[] = []
  for (const p of new Set(path)) for (const l of seen.get(p)?.links ?? []) neighbours.push(l)
  await readAll(source, neighbours, seen)
  const linksToTarget = new Set<string>()
  for (const [t, a] of seen) if (a.links.includes(state.endArticle)) linksToTarget.add(t)
  return { target: seen.get(state.endArticle) ?? null, current, path, visits, seen, linksToTarget }
}
