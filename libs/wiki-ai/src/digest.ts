// What the player keeps of each article it has read: its links and what it computed from the text
// (a compact TF-IDF vector, the word-vector sum, the "Related subjects"), never the text itself. One
// move re-reads every page of the path and every page they link to (hundreds late in a game), so
// these are cached; a digest is a pure function of the article, so the cache never changes an answer.
// The cache is bounded in bytes (an LRU of lru-cache sized by `digestBytes`), not in entries: a hub's
// digest holds hundreds of link titles, a stub's a dozen. All 4,604 articles take ~19 MB.
import { LRUCache } from 'lru-cache'
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
  /** Drops every cached digest (memory pressure); later reads rebuild them. */
  clear(): void
  /** Digests held and their estimated bytes. */
  stats(): { entries: number; bytes: number }
}

/** Default bound of the digest cache: every article of the graph fits (~19 MB), with room to spare. */
export const DEFAULT_DIGEST_BYTES = 32 * 2 ** 20

// JSC object and string overheads, roughly: a string is ~32 bytes plus 1-2 per character, a Set or
// array entry ~16, a typed array ~64 plus its buffer.
const strBytes = (s: string) => 32 + 2 * s.length

/** Estimated bytes a digest keeps alive (its strings, arrays and typed arrays). */
export function digestBytes(d: Digest): number {
  let n = 200 + strBytes(d.title)
  for (const l of d.links) n += 16 + strBytes(l)
  n += 128 + d.vec.ids.byteLength + d.vec.weights.byteLength
  n += d.dense ? 64 + d.dense.byteLength : 0
  for (const s of d.subjects) n += 32 + strBytes(s)
  return n
}

export function digestOf(corpus: Corpus, emb: Embedding, a: { title: string; text: string; links: string[] }): Digest {
  const v = articleVector(corpus, a.title, a.text)
  return {
    title: a.title,
    links: a.links,
    vec: compact(corpus, v),
    dense: dense(emb, v),
    subjects: new Set(splitArticle(a.text).subjects.map((x) => x.toLowerCase())),
  }
}

export function createDigestStore(
  source: ArticleSource,
  corpus: Corpus,
  emb: Embedding,
  maxBytes = DEFAULT_DIGEST_BYTES,
): DigestStore {
  // lru-cache runs one read per title at a time (concurrent gets share it), keeps nothing when the read
  // rejects or finds no article (undefined), so unknown or unreadable pages are asked again next time.
  // A read in flight when its entry is evicted or cleared still answers its callers (ignoreFetchAbort).
  const cache = new LRUCache<string, Digest>({
    maxSize: maxBytes,
    sizeCalculation: digestBytes,
    ignoreFetchAbort: true,
    fetchMethod: async (title) => {
      const a = await source.get(title)
      return a ? digestOf(corpus, emb, a) : undefined
    },
  })
  return {
    async get(title) {
      const status: LRUCache.Status<string, Digest> = {}
      try {
        return (await cache.fetch(title, { status })) ?? null
      } catch (err) {
        // Cleared while reading a page that is not there: lru-cache reports the abort, the answer is "none".
        if (status.fetchAborted) return null
        throw err
      }
    },
    clear: () => cache.clear(),
    stats: () => ({ entries: cache.size, bytes: cache.calculatedSize }),
  }
}
