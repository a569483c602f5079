// "Hard / optimal" opponent and benchmark baseline. CHEATS: it sees the whole link graph and
// runs a breadth-first search every move. Never use it as the fair AI.
import type { AiPlayer } from './player.ts'
import { NoMoveError } from './player.ts'

/** Out-links per URL-encoded title (e.g. WikiData.links from loadWikiData). */
export type LinkGraph = Map<string, string[]>

/** Shortest path from `from` to `to` (both included), or null if unreachable. Ties: link order. */
export function shortestPath(graph: LinkGraph, from: string, to: string): string[] | null {
  if (from === to) return [from]
  const prev = new Map<string, string>([[from, from]])
  let frontier = [from]
  while (frontier.length > 0) {
    const next: string[] = []
    for (const u of frontier) {
      for (const v of graph.get(u) ?? []) {
        if (prev.has(v)) continue
        prev.set(v, u)
        if (v === to) {
          const path = [to]
          for (let x = to; x !== from; ) path.push((x = prev.get(x) as string))
          return path.reverse()
        }
        next.push(v)
      }
    }
    frontier = next
  }
  return null
}

export function createOptimalPlayer(graph: LinkGraph): AiPlayer {
  return {
    async nextMove(state) {
      const path = shortestPath(graph, state.currentArticle, state.endArticle)
      const step = path?.[1]
      if (step) return { article: step, reason: `optimal: ${path.length - 1} clicks left (sees the whole graph)` }
      const any = graph.get(state.currentArticle)?.[0]
      if (!any) throw new NoMoveError(`no links on ${state.currentArticle}`)
      return { article: any, reason: 'target unreachable from here' }
    },
  }
}
