// Rebuilds libs/wiki-ai/data/embedding.bin: word vectors by latent semantic analysis (a truncated SVD
// of the TF-IDF word-by-article matrix) over the article TEXTS only, never links.tsv. Two words get
// close vectors when they are used in the same articles ("pochard" near "duck", "locomotive" near
// "railway"), which is what lets the player see that a link title is on the target's topic when the
// two share no word. Usage: bun libs/wiki-ai/scripts/build-embedding.ts [dataDir]  (~20-60 s)
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { EigenvalueDecomposition, Matrix, QrDecomposition } from 'ml-matrix'
import { DEFAULT_EMBEDDING_PATH, EMBEDDING_MIN_DF, encodeEmbedding } from '../src/embedding.ts'
import { readTexts } from '../src/source.ts'
import { splitArticle, tokenize } from '../src/text.ts'

const K = 64 // dimensions kept
// The first singular vector is the corpus's average direction (every article is mostly common words):
// kept, it makes every pair of texts look alike (cosines 0.3-0.9); dropped, topics separate.
const SKIP = 1
const OVERSAMPLE = 16
const POWER_ITERATIONS = 3
const dataDir = process.argv[2] ?? join(import.meta.dir, '..', '..', 'wikigraph', 'data')
const t0 = performance.now()
const say = (msg: string) => console.error(`${((performance.now() - t0) / 1000).toFixed(1)} s  ${msg}`)

// 1. Term counts per article (body words, title words counted three times: they name the topic).
const docs: Map<string, number>[] = []
const df = new Map<string, number>()
for (const [title, text] of readTexts(dataDir)) {
  const counts = new Map<string, number>()
  for (const tok of tokenize(splitArticle(text).body)) counts.set(tok, (counts.get(tok) ?? 0) + 1)
  for (const tok of tokenize(title)) counts.set(tok, (counts.get(tok) ?? 0) + 3)
  for (const tok of counts.keys()) df.set(tok, (df.get(tok) ?? 0) + 1)
  docs.push(counts)
}
const vocab = [...df.entries()]
  .filter(([, n]) => n >= EMBEDDING_MIN_DF)
  .map(([t]) => t)
  .sort()
const index = new Map(vocab.map((t, i) => [t, i]))
const n = docs.length
const v = vocab.length
say(`${n} articles, ${v} words with df >= ${EMBEDDING_MIN_DF}`)

// 2. Sparse rows of X (articles x words): (1 + ln tf) * idf, each row L2-normalised.
const rowStart = new Int32Array(n + 1)
const cols: number[] = []
const vals: number[] = []
for (const [d, counts] of docs.entries()) {
  const row: [number, number][] = []
  for (const [tok, c] of counts) {
    const j = index.get(tok)
    if (j !== undefined) row.push([j, (1 + Math.log(c)) * Math.log((n + 1) / ((df.get(tok) ?? 0) + 1))])
  }
  const norm = Math.sqrt(row.reduce((a, [, w]) => a + w * w, 0)) || 1
  for (const [j, w] of row) {
    cols.push(j)
    vals.push(w / norm)
  }
  rowStart[d + 1] = cols.length
}
const colIdx = Int32Array.from(cols)
const value = Float64Array.from(vals)
say(`matrix built: ${value.length} non-zeros`)

const l = K + SKIP + OVERSAMPLE
/** X (n x v) times M (v x l). */
function times(m: Matrix): Matrix {
  const out = new Matrix(n, l)
  const md = m.to2DArray()
  for (let d = 0; d < n; d++) {
    const acc = new Float64Array(l)
    for (let k = rowStart[d]!; k < rowStart[d + 1]!; k++) {
      const row = md[colIdx[k]!]!
      const w = value[k]!
      for (let c = 0; c < l; c++) acc[c]! += w * row[c]!
    }
    for (let c = 0; c < l; c++) out.set(d, c, acc[c]!)
  }
  return out
}
/** X^T (v x n) times M (n x l). */
function timesT(m: Matrix): Matrix {
  const acc = Array.from({ length: v }, () => new Float64Array(l))
  const md = m.to2DArray()
  for (let d = 0; d < n; d++) {
    const row = md[d]!
    for (let k = rowStart[d]!; k < rowStart[d + 1]!; k++) {
      const a = acc[colIdx[k]!]!
      const w = value[k]!
      for (let c = 0; c < l; c++) a[c]! += w * row[c]!
    }
  }
  return new Matrix(acc.map((a) => Array.from(a)))
}

// 3. Randomised SVD (Halko, Martinsson & Tropp 2011): range of X by power iterations on a seeded
// Gaussian sketch, then the exact SVD of the small projection. Deterministic for the same texts.
let seed = 20120416
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand())
let q = new QrDecomposition(times(Matrix.from1DArray(v, l, Array.from({ length: v * l }, gauss)))).orthogonalMatrix
for (let i = 0; i < POWER_ITERATIONS; i++) {
  q = new QrDecomposition(times(new QrDecomposition(timesT(q)).orthogonalMatrix)).orthogonalMatrix
  say(`power iteration ${i + 1}/${POWER_ITERATIONS}`)
}
const bt = timesT(q) // B^T = X^T Q  (v x l)
const eig = new EigenvalueDecomposition(bt.transpose().mmul(bt), { assumeSymmetric: true }) // B B^T = U S^2 U^T
const order = eig.realEigenvalues.map((e, i) => [e, i] as const).sort((a, b) => b[0] - a[0])
const u = eig.eigenvectorMatrix
// Word loadings V S = B^T U (the top K columns), one vector per word.
const loadings = bt.mmul(new Matrix(order.slice(SKIP, SKIP + K).map(([, i]) => u.getColumn(i))).transpose())
say(
  `singular values ${order
    .slice(0, 5)
    .map(([e]) => Math.sqrt(e).toFixed(2))
    .join(' ')} ... ${Math.sqrt(order[SKIP + K - 1]![0]).toFixed(2)}; the first ${SKIP} left out`,
)

const vectors = loadings.to2DArray().map((row) => Float32Array.from(row))
const bytes = encodeEmbedding(vocab, vectors)
writeFileSync(DEFAULT_EMBEDDING_PATH, bytes)
say(`embedding.bin: ${v} words x ${K} dimensions, ${bytes.length} bytes`)
