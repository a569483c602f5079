// Chooses the move: the first step of the cheapest known route to a promising page.
// The "map" is only what this game has shown (pages read and their links), so routes can lead
// back through earlier pages (backtracking by links), never through unseen parts of the graph.
import type { Corpus } from './corpus.ts'
import type { Embedding } from './embedding.ts'
import type { GameMemory } from './memory.ts'
import { createEstimator, type ScoreCache, type ScoreParams } from './score.ts'

export interface Plan {
  /** A link of the current article. */
  step: string
  /** The page the route aims at (may equal step). */
  goal: string
  cost: number
  /** Why, for people watching (at most MAX_REASON characters). */
  reason: string
  /** The estimate's figures, for the trace tool. */
  detail: string
}

const byTitle = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Null only if the current article has no links. */
export function plan(
  mem: GameMemory,
  corpus: Corpus,
  emb: Embedding,
  cache: ScoreCache,
  params: ScoreParams,
): Plan | null {
  const current = mem.current.title
  const estimate = createEstimator(mem, corpus, emb, cache, params)
  // BFS over the known map; firstStep[v] = link of the current article on the route to v.
  const firstStep = new Map<string, string>()
  const dist = new Map<string, number>([[current, 0]])
  let frontier = [current]
  for (let d = 1; frontier.length > 0 && d <= 8; d++) {
    const next: string[] = []
    for (const u of frontier) {
      for (const v of mem.seen.get(u)?.links ?? []) {
        if (dist.has(v)) continue
        dist.set(v, d)
        firstStep.set(v, d === 1 ? v : (firstStep.get(u) as string))
        // Only pages whose links we know can be routed through.
        if (mem.seen.has(v)) next.push(v)
      }
    }
    frontier = next
  }
  let best: Plan | null = null
  const consider = (goal: string, d: number) => {
    // Pages already stood on have been fully looked around; aim only at new ones.
    if ((mem.visits.get(goal) ?? 0) > 0) return
    const e = estimate(goal)
    const step = firstStep.get(goal) as string
    // Walking back through a page already stood on is allowed (backtracking on purpose) but must pay
    // for itself: without a surcharge the player shuttles hub -> leaf -> hub -> leaf.
    const cost = d + e.clicks + ((mem.visits.get(step) ?? 0) > 0 ? params.backtrack : 0)
    if (
      !best ||
      cost < best.cost - 1e-9 ||
      (Math.abs(cost - best.cost) <= 1e-9 && (d < (dist.get(best.goal) ?? 0) || byTitle(goal, best.goal) < 0))
    ) {
      best = {
        step,
        goal,
        cost,
        reason: goal === step ? `${step}: ${e.why}` : `${step}: on the way to ${goal} (${d} clicks), where ${e.why}`,
        detail: e.detail,
      }
    }
  }
  for (const [v, d] of [...dist.entries()].sort((a, b) => a[1] - b[1] || byTitle(a[0], b[0]))) {
    if (d > 0) consider(v, d)
  }
  if (best && Number.isFinite((best as Plan).cost)) return { ...(best as Plan), reason: clip((best as Plan).reason) }
  // Nothing new anywhere on the map: least-visited live link, so the walk keeps moving.
  const links = [...new Set(mem.current.links)].sort(
    (a, b) =>
      (mem.seen.get(a)?.links.length ? 0 : 1) - (mem.seen.get(b)?.links.length ? 0 : 1) ||
      (mem.visits.get(a) ?? 0) - (mem.visits.get(b) ?? 0) ||
      byTitle(a, b),
  )
  const step = links[0]
  return step
    ? {
        step,
        goal: step,
        cost: Infinity,
        reason: `${step}: no new page in sight; the least visited way on`,
        detail: '',
      }
    : null
}

/** Longest reason sent with a move (the api takes up to 200 characters). */
export const MAX_REASON = 160

function clip(reason: string): string {
  return reason.length <= MAX_REASON ? reason : `${reason.slice(0, MAX_REASON - 1)}…`
}
