// Corpus model: inverse document frequencies over all article TEXTS (never the link graph).
// IDF is precomputed into data/idf.tsv (rebuild: `bun libs/wiki-ai/scripts/build-idf.ts`) because the
// worker only sees articles one by one through its ArticleSource and cannot scan the corpus itself.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { splitArticle, tokenize } from './text.ts'

export const DEFAULT_IDF_PATH = join(import.meta.dir, '..', 'data', 'idf.tsv')

export interface Corpus {
  /** Number of documents the IDF was computed over. */
  docs: number
  idf(token: string): number
  /** False for tokens seen in fewer than two documents: they cannot match another article. */
  known(token: string): boolean
  /** A small integer per known token (for compact vectors); undefined for unknown ones. */
  id(token: string): number | undefined
}

/** Sparse, L2-normalised term vector. */
export type Vec = Map<string, number>

export function corpusFromDf(docs: number, df: Map<string, number>): Corpus {
  // Unseen tokens (typos, rare names) get the idf of a df=1 word: rare means specific.
  const maxIdf = Math.log((docs + 1) / 2)
  // One map (token -> id) and a typed array of frequencies: ~90k tokens, kept for the process's life.
  const ids = new Map<string, number>()
  const freq = new Int32Array(df.size)
  for (const [t, d] of df) {
    freq[ids.size] = d
    ids.set(t, ids.size)
  }
  return {
    id: (token) => ids.get(token),
    docs,
    idf(token) {
      const i = ids.get(token)
      return i === undefined ? maxIdf : Math.log((docs + 1) / (freq[i]! + 1))
    },
    known(token) {
      const i = ids.get(token)
      return i !== undefined && freq[i]! >= 2
    },
  }
}

/** Counts document frequencies; used by the build script and by tests on tiny corpora. */
export function documentFrequencies(texts: Iterable<string>): { docs: number; df: Map<string, number> } {
  const df = new Map<string, number>()
  let docs = 0
  for (const text of texts) {
    docs++
    for (const tok of new Set(tokenize(splitArticle(text).body))) df.set(tok, (df.get(tok) ?? 0) + 1)
  }
  return { docs, df }
}

const cache = new Map<string, Corpus>()

/** Loads the committed IDF table (once per path). Format: `#docs<TAB>N` then `token<TAB>df` lines. */
export function loadCorpus(path: string = DEFAULT_IDF_PATH): Corpus {
  const hit = cache.get(path)
  if (hit) return hit
  let docs = 0
  const df = new Map<string, number>()
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const tab = line.indexOf('\t')
    if (tab < 0) continue
    const key = line.slice(0, tab)
    const n = Number(line.slice(tab + 1))
    if (key === '#docs') docs = n
    else df.set(key, n)
  }
  const corpus = corpusFromDf(docs, df)
  cache.set(path, corpus)
  return corpus
}

function normalise(v: Vec, keep: number): Vec {
  // Keep only the strongest terms: long articles otherwise match everything weakly.
  let entries = [...v.entries()]
  if (entries.length > keep) {
    entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    entries = entries.slice(0, keep)
  }
  let norm = 0
  for (const [, w] of entries) norm += w * w
  norm = Math.sqrt(norm) || 1
  return new Map(entries.map(([t, w]) => [t, w / norm]))
}

/** TF-IDF vector of an article: sublinear tf over the body, title words boosted (they name the topic). */
export function articleVector(corpus: Corpus, title: string, text: string, keep = 300): Vec {
  const counts = new Map<string, number>()
  for (const tok of tokenize(splitArticle(text).body)) counts.set(tok, (counts.get(tok) ?? 0) + 1)
  const v: Vec = new Map()
  for (const [tok, c] of counts) {
    // Words found in a single article cannot match any other one; they would only dilute the vector.
    if (!corpus.known(tok)) continue
    v.set(tok, (1 + Math.log(c)) * corpus.idf(tok))
  }
  for (const tok of new Set(tokenize(title))) {
    v.set(tok, (v.get(tok) ?? 0) + 3 * corpus.idf(tok))
  }
  return normalise(v, keep)
}

/** TF-IDF vector of a bare title (for pages we only know by name: links of neighbours). */
export function titleVector(corpus: Corpus, title: string): Vec {
  const v: Vec = new Map()
  for (const tok of tokenize(title)) v.set(tok, (v.get(tok) ?? 0) + corpus.idf(tok))
  return normalise(v, 50)
}

export function cosine(a: Vec, b: Vec): number {
  if (a.size > b.size) [a, b] = [b, a]
  let s = 0
  for (const [t, w] of a) {
    const o = b.get(t)
    if (o !== undefined) s += w * o
  }
  return s
}

/** A Vec kept small: token ids and weights (about 2.4 KB for a 300-term article vector instead of ~20 KB). */
export interface CompactVec {
  ids: Int32Array
  weights: Float32Array
}

/** Drops tokens the corpus does not know (they cannot match another article anyway). */
export function compact(corpus: Corpus, v: Vec): CompactVec {
  const ids: number[] = []
  const weights: number[] = []
  for (const [t, w] of v) {
    const id = corpus.id(t)
    if (id === undefined) continue
    ids.push(id)
    weights.push(w)
  }
  return { ids: Int32Array.from(ids), weights: Float32Array.from(weights) }
}

/** Cosine of a compact vector with a vector given as id -> weight (both L2-normalised). */
export function compactCosine(a: CompactVec, b: Map<number, number>): number {
  let s = 0
  for (let i = 0; i < a.ids.length; i++) {
    const o = b.get(a.ids[i]!)
    if (o !== undefined) s += a.weights[i]! * o
  }
  return s
}
