// What the player keeps of each article it has read: its links and what it computed from the text
// (a compact TF-IDF vector, the word-vector sum, the "Related subjects"), never the text itself. One
// move re-reads every page of the path and every page they link to (hundreds late in a game), so
// these are cached; a digest is a pure function of the article, so the cache never changes an answer.
// About 5 KB per article: all 4,604 fit in ~25 MB, where their texts would take ~200 MB.
import { articleVector, type CompactVec, type Corpus, compact } from './corpus.ts'
import { type Dense, dense, type Embedding } from './embedding.ts'
import type { ArticleSource } from './source.ts'
import { splitArticle } from './text.ts'

export interface Digest {
  title: string
  /** Reading-form titles it links to. */
  links: string[]
  vec: CompactVec
  dense: Dense | null
  /** Lower-cased "Related subjects" of the article. */
  subjects: Set<string>
}

export interface DigestStore {
  /** The digest of an article, or null if the source does not know it. Errors propagate (and are not cached). */
  get(title: string): Promise<Digest | null>
}

export function createDigestStore(
  source: ArticleSource,
  corpus: Corpus,
  emb: Embedding,
  maxEntries = 6000,
): DigestStore {
  const cache = new Map<string, Promise<Digest | null>>()
  return {
    get(title) {
      const hit = cache.get(title)
      if (hit) return hit
      const p = source.get(title).then((a): Digest | null => {
        if (!a) return null
        const v = articleVector(corpus, a.title, a.text)
        return {
          title: a.title,
          links: a.links,
          vec: compact(corpus, v),
          dense: dense(emb, v),
          subjects: new Set(splitArticle(a.text).subjects.map((x) => x.toLowerCase())),
        }
      })
      // Unknown or unreadable pages are asked again next time (a data reload, a transient error).
      p.then(
        (d) => d === null && cache.get(title) === p && cache.delete(title),
        () => cache.get(title) === p && cache.delete(title),
      )
      cache.set(title, p)
      if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string)
      return p
    },
  }
}
