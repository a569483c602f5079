// libs/wiki-ai's ArticleSource over the api's `GET /articles/{title}`, with an LRU cache: articles
// never change while the suite runs, and one move reads every neighbour of the path (hundreds of
// articles), so a warm cache is what makes a move cheap. Concurrent reads of one title share a request.

import { orThrow, type WikiApi } from '@gamenight/client'
import type { Article, ArticleSource } from '@gamenight/wiki-ai'
import { LRUCache } from 'lru-cache'
import { encodedTitle, readingTitle } from './titles.ts'

export function createApiArticleSource(api: Pick<WikiApi, 'article'>, maxEntries: number) {
  let hits = 0
  let misses = 0
  // lru-cache runs one fetch per title at a time (concurrent gets share it) and keeps nothing when it
  // rejects, so a failed read is tried again by the next move. Boxed: the cache holds no null values.
  const cache = new LRUCache<string, { article: Article | null }>({
    max: maxEntries,
    fetchMethod: async (title) => {
      const r = await api.article(readingTitle(title))
      if (!r.ok && r.error.status === 404) return { article: null }
      const a = orThrow(r)
      return { article: { title, text: a.text, links: a.links.map(encodedTitle) } }
    },
  })

  const source: ArticleSource & { stats(): { hits: number; misses: number; size: number } } = {
    async get(title) {
      const status: LRUCache.Status<string, { article: Article | null }> = {}
      const p = cache.fetch(title, { status })
      if (status.fetch === 'miss') misses++
      else hits++
      return (await p)?.article ?? null
    },
    stats: () => ({ hits, misses, size: cache.size }),
  }
  return source
}
