// The in-memory article graph, read from Postgres once per process. Loaded in the background at
// start and on first use, so the api starts (and answers 503 where it needs the graph) while
// Postgres is down or the graph is not loaded yet, and recovers by itself.
import { AppError } from '@gamenight/contracts'
import type { Sql } from '@gamenight/db'
import type { Logger } from '@gamenight/log'
import { loadGraph, type WikiGraph } from '@gamenight/wikigraph'

export type GraphHolder = ReturnType<typeof createGraphHolder>

export function createGraphHolder(sql: Sql, log: Logger) {
  let graph: WikiGraph | null = null
  let loading: Promise<WikiGraph> | null = null

  async function load(): Promise<WikiGraph> {
    const started = performance.now()
    const g = await loadGraph(sql)
    if (g.size === 0) throw new Error('no articles in the database: run `bun run migrate`')
    log.info('article graph in memory', {
      articles: g.size,
      links: g.links,
      ms: Math.round(performance.now() - started),
    })
    graph = g
    return g
  }

  async function get(): Promise<WikiGraph> {
    if (graph) return graph
    loading ??= load().finally(() => {
      loading = null
    })
    try {
      return await loading
    } catch (err) {
      log.warn('article graph not available', { err })
      throw new AppError(503, 'UNAVAILABLE', 'the article graph is not loaded yet; retry shortly')
    }
  }

  return { get, warm: () => void get().catch(() => {}) }
}
