// The article graph in memory (ids, titles, adjacency both ways) for what a request cannot afford
// to ask Postgres: breadth-first distances and random start/target pairs by difficulty. Built once
// from the loaded tables; about 1 MB for the 4,604 articles and 119,772 links.
import type { Sql } from 'postgres'

export type WikiGraph = ReturnType<typeof buildGraph>
export const UNREACHABLE = -1

/** Edges are [source id, target id]; ids are 0..titles.length-1. */
export function buildGraph(titles: string[], playable: boolean[], edges: [number, number][]) {
  const n = titles.length
  const csr = (key: 0 | 1) => {
    const start = new Int32Array(n + 1)
    for (const e of edges) start[e[key] + 1]!++
    for (let i = 0; i < n; i++) start[i + 1]! += start[i]!
    const fill = start.slice(0, n)
    const to = new Int32Array(edges.length)
    for (const e of edges) to[fill[e[key]]!++] = e[1 - key]!
    return { start, to }
  }
  const out = csr(0)
  const inc = csr(1)
  const index = new Map(titles.map((t, i) => [t, i]))

  function bfs(from: number, adj: { start: Int32Array; to: Int32Array }): Int8Array {
    const dist = new Int8Array(n).fill(UNREACHABLE)
    const queue = new Int32Array(n)
    let head = 0
    let tail = 0
    dist[from] = 0
    queue[tail++] = from
    while (head < tail) {
      const u = queue[head++]!
      for (let k = adj.start[u]!; k < adj.start[u + 1]!; k++) {
        const v = adj.to[k]!
        if (dist[v] === UNREACHABLE) {
          dist[v] = dist[u]! + 1
          queue[tail++] = v
        }
      }
    }
    return dist
  }

  const outDegree = (i: number) => out.start[i + 1]! - out.start[i]!
  const inDegree = (i: number) => inc.start[i + 1]! - inc.start[i]!
  const pick = <T>(xs: T[], rnd: () => number) => xs[Math.floor(rnd() * xs.length)]
  const candidates = titles.map((_, i) => i).filter((i) => playable[i] && outDegree(i) > 0 && inDegree(i) > 0)

  /** Ids at exactly `d` clicks in `dist`, playable ones only. */
  const at = (dist: Int8Array, d: number) => {
    const r: number[] = []
    for (let i = 0; i < n; i++) if (dist[i] === d && playable[i]) r.push(i)
    return r
  }

  return {
    size: n,
    links: edges.length,
    titles,
    idOf: (title: string) => index.get(title),
    /** Shortest number of clicks from `a` to `b` (titles), or null when `b` cannot be reached. */
    distance(a: string, b: string): number | null {
      const s = index.get(a)
      const t = index.get(b)
      if (s === undefined || t === undefined) return null
      const d = bfs(s, out)[t]!
      return d === UNREACHABLE ? null : d
    },
    /**
     * A random [start, end] at exactly `d` clicks; `start` or `end` fixes that side. Tries a bounded
     * number of random articles, so a distance almost no pair has gives null rather than a slow request.
     */
    randomPair(d: number, fixed: { start?: string; end?: string } = {}, rnd = Math.random): [string, string] | null {
      if (fixed.start !== undefined) {
        const s = index.get(fixed.start)
        if (s === undefined) return null
        const t = pick(at(bfs(s, out), d), rnd)
        return t === undefined ? null : [titles[s]!, titles[t]!]
      }
      if (fixed.end !== undefined) {
        const t = index.get(fixed.end)
        if (t === undefined) return null
        const s = pick(at(bfs(t, inc), d), rnd)
        return s === undefined ? null : [titles[s]!, titles[t]!]
      }
      for (let attempt = 0; attempt < 300 && candidates.length; attempt++) {
        const s = pick(candidates, rnd)!
        const t = pick(at(bfs(s, out), d), rnd)
        if (t !== undefined) return [titles[s]!, titles[t]!]
      }
      return null
    },
  }
}

/** Reads the loaded graph from Postgres (a few hundred milliseconds). */
export async function loadGraph(sql: Sql): Promise<WikiGraph> {
  const arts = await sql<{ id: number; title: string; playable: boolean }[]>`
    select id, title, playable from wiki_articles order by id`
  const titles: string[] = []
  const playable: boolean[] = []
  for (const a of arts) {
    titles[a.id] = a.title
    playable[a.id] = a.playable
  }
  const edges = (await sql`select source_id, target_id from wiki_links`.values()) as unknown as [number, number][]
  return buildGraph(titles, playable, edges)
}
