// What the player is allowed to know at a move, rebuilt from the game state alone (start, target, moves)
// so that any worker can continue a game after a crash: the pages on the path and, for each of them,
// the pages it linked to (the one-step look-ahead it had at that move). Re-reads go through the
// digest cache (digest.ts), so this is cheap once warm.
import type { Digest, DigestStore } from './digest.ts'
import type { Article, ArticleSource } from './source.ts'

export interface GameState {
  startArticle: string
  endArticle: string
  currentArticle: string
  /** Articles moved to so far, in order (not including the start). */
  moves: string[]
}

export interface GameMemory {
  /** The target in full: its text is read for the names it mentions. */
  target: Article | null
  current: Digest
  /** Path walked so far, start first, current last. */
  path: string[]
  /** How many times each page has been stood on. */
  visits: Map<string, number>
  /** Every page read so far in this game (path pages, their neighbours, the target). */
  seen: Map<string, Digest>
  /** Seen pages known to link straight to the target (distance 1). */
  linksToTarget: Set<string>
}

/** The path as the API knows it; `currentArticle` wins if it disagrees with the moves list. */
export function pathOf(state: GameState): string[] {
  const path = [state.startArticle, ...state.moves]
  if (path[path.length - 1] !== state.currentArticle) path.push(state.currentArticle)
  return path
}

/** Reads in flight at once: a cold move reads hundreds of pages, and each whole article is ~21 KB of text. */
const READ_BATCH = 24

async function readAll(digests: DigestStore, titles: string[], seen: Map<string, Digest>): Promise<void> {
  const todo = [...new Set(titles)].filter((t) => !seen.has(t))
  for (let i = 0; i < todo.length; i += READ_BATCH) {
    const got = await Promise.all(todo.slice(i, i + READ_BATCH).map((t) => digests.get(t)))
    for (const d of got) if (d) seen.set(d.title, d)
  }
}

/**
 * Everything the player knows at this move. `lookahead` is how many clicks deep it reads around every page
 * stood on: 1 is the fairness rule (the pages a human sees by hovering); more CHEATS and exists only for
 * the ceiling analysis (bench/ai/ceiling.ts), which measures what seeing further would be worth.
 */
export async function buildMemory(
  state: GameState,
  source: ArticleSource,
  digests: DigestStore,
  lookahead = 1,
): Promise<GameMemory> {
  const path = pathOf(state)
  const visits = new Map<string, number>()
  for (const p of path) visits.set(p, (visits.get(p) ?? 0) + 1)
  const seen = new Map<string, Digest>()
  const [target] = await Promise.all([
    source.get(state.endArticle),
    readAll(digests, [...path, state.endArticle], seen),
  ])
  const current = seen.get(state.currentArticle) ?? {
    title: state.currentArticle,
    links: [],
    vec: { ids: new Int32Array(), weights: new Float32Array() },
    dense: null,
    subjects: new Set<string>(),
  }
  // Look-ahead of every page stood on (including the current one).
  let ring = [...new Set(path)]
  for (let depth = 1; depth <= lookahead; depth++) {
    const next: string[] = []
    for (const p of ring) for (const l of seen.get(p)?.links ?? []) if (!seen.has(l)) next.push(l)
    ring = [...new Set(next)]
    await readAll(digests, ring, seen)
  }
  const linksToTarget = new Set<string>()
  for (const [t, a] of seen) if (a.links.includes(state.endArticle)) linksToTarget.add(t)
  return { target, current, path, visits, seen, linksToTarget }
}
