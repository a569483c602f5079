// libs/wiki-ai's ArticleSource over the api's `GET /articles/{title}`, with a small LRU cache of whole
// articles (texts average 21 KB): the player keeps its own compact digest of every article it read
// (links and vectors, AI_ARTICLE_CACHE of them), so this cache only needs the targets of the games in
// flight and the pages one move is reading. Concurrent reads of one title share a request.
// Titles pass through unchanged: the api and libs/wiki-ai both speak the reading form.
import type { Article, ArticleSource } from '@gamenight/wiki-ai'
import type { ApiClient } from './api-client.ts'

/** Whole articles kept: a few targets and one move's reads; the player's digests do the rest. */
export const ARTICLE_TEXT_CACHE = 100

export function createApiArticleSource(api: Pick<ApiClient, 'article'>, maxEntries: number) {
  const cache = new Map<string, Promise<Article | null>>()
  let hits = 0
  let misses = 0

  const source: ArticleSource & { stats(): { hits: number; misses: number; size: number } } = {
    get(title) {
      const hit = cache.get(title)
      if (hit) {
        hits++
        // Map keeps insertion order: re-inserting marks the entry most recently used.
        cache.delete(title)
        cache.set(title, hit)
        return hit
      }
      misses++
      const p = api.article(title).then((a): Article | null => (a ? { title, text: a.text, links: a.links } : null))
      // A failed read must not stay cached: the next move tries again.
      p.catch(() => cache.get(title) === p && cache.delete(title))
      cache.set(title, p)
      while (cache.size > maxEntries) cache.delete(cache.keys().next().value as string)
      return p
    },
    stats: () => ({ hits, misses, size: cache.size }),
  }
  return source
}
