// libs/wiki-ai's ArticleSource over the api's `GET /articles/{title}`, with a small LRU cache of whole
// articles (texts average 21 KB): the player keeps its own compact digest of every article it read
// (links and vectors, AI_DIGEST_CACHE_MB of them), so this cache only needs the targets of the games in
// flight and the pages one move is reading. Concurrent reads of one title share a request.
// Titles pass through unchanged: the api and libs/wiki-ai both speak the reading form.

import { orThrow, type WikiApi } from '@gamenight/client'
import type { Article, ArticleSource } from '@gamenight/wiki-ai'
import { LRUCache } from 'lru-cache'

/** Whole articles kept: a few targets and one move's reads; the player's digests do the rest. */
export const ARTICLE_TEXT_CACHE = 100

export function createApiArticleSource(api: Pick<WikiApi, 'article'>, maxEntries: number) {
  let hits = 0
  let misses = 0
  // lru-cache runs one fetch per title at a time (concurrent gets share it) and keeps nothing when it
  // rejects, so a failed read is tried again by the next move. Boxed: the cache holds no null values.
  const cache = new LRUCache<string, { article: Article | null }>({
    max: maxEntries,
    // clear() under memory pressure must not fail the reads in flight: they still answer their callers.
    ignoreFetchAbort: true,
    fetchMethod: async (title) => {
      const r = await api.article(title)
      if (!r.ok && r.error.status === 404) return { article: null }
      const a = orThrow(r)
      return { article: { title, text: a.text, links: a.links } }
    },
  })

  const source: ArticleSource & { stats(): { hits: number; misses: number; size: number }; clear(): void } = {
    async get(title) {
      const status: LRUCache.Status<string, { article: Article | null }> = {}
      const p = cache.fetch(title, { status })
      if (status.fetch === 'miss') misses++
      else hits++
      return (await p)?.article ?? null
    },
    stats: () => ({ hits, misses, size: cache.size }),
    /** Drops the cached articles (memory pressure); reads in flight still complete. */
    clear: () => cache.clear(),
  }
  return source
}
