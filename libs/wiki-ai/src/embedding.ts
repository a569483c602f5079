// Word vectors learned from the article TEXTS by latent semantic analysis (built offline by
// scripts/build-embedding.ts into data/embedding.bin; nothing in it comes from the link graph).
// A text's vector is the weighted sum of its words' vectors, so two texts, or a link title and the
// target's text, can be on one topic without sharing a word (Pochard / Tufted Duck: both ducks).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export const DEFAULT_EMBEDDING_PATH = join(import.meta.dir, '..', 'data', 'embedding.bin')
/** Words of a single article get no vector: nothing places them (the IDF table drops them too). */
export const EMBEDDING_MIN_DF = 2
const MAGIC = 0x3141534c // "LSA1"

export interface Embedding {
  dims: number
  /** Unit vector of a token (as produced by text.ts tokenize), or undefined if unknown. */
  word(token: string): Int8Array | undefined
}

/** Dense text vector (not normalised; see `dense`). */
export type Dense = Float32Array

/**
 * Layout: uint32 magic, dims, words, vocabulary byte length; the vocabulary (UTF-8, one word a line);
 * then words x dims int8 (each word's vector scaled to unit length, times 127).
 */
export function encodeEmbedding(vocab: string[], vectors: Float32Array[]): Uint8Array {
  const dims = vectors[0]?.length ?? 0
  const words = new TextEncoder().encode(vocab.join('\n'))
  const out = new Uint8Array(16 + words.length + vocab.length * dims)
  const view = new DataView(out.buffer)
  view.setUint32(0, MAGIC, true)
  view.setUint32(4, dims, true)
  view.setUint32(8, vocab.length, true)
  view.setUint32(12, words.length, true)
  out.set(words, 16)
  const data = new Int8Array(out.buffer, 16 + words.length)
  for (const [i, vec] of vectors.entries()) {
    const norm = Math.sqrt(vec.reduce((a, x) => a + x * x, 0)) || 1
    for (let d = 0; d < dims; d++) data[i * dims + d] = Math.round((127 * vec[d]!) / norm)
  }
  return out
}

export function decodeEmbedding(bytes: Uint8Array): Embedding {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (view.getUint32(0, true) !== MAGIC) throw new Error('embedding: not an LSA1 file')
  const dims = view.getUint32(4, true)
  const count = view.getUint32(8, true)
  const vocabLength = view.getUint32(12, true)
  const vocab = new TextDecoder().decode(bytes.subarray(16, 16 + vocabLength)).split('\n')
  if (vocab.length !== count) throw new Error('embedding: vocabulary size mismatch')
  const data = new Int8Array(bytes.buffer, bytes.byteOffset + 16 + vocabLength, count * dims)
  const index = new Map(vocab.map((w, i) => [w, i]))
  return {
    dims,
    word(token) {
      const i = index.get(token)
      return i === undefined ? undefined : data.subarray(i * dims, (i + 1) * dims)
    },
  }
}

const loaded = new Map<string, Embedding>()

/** Loads data/embedding.bin once per path (~3 MB, ~20 ms). */
export function loadEmbedding(path: string = DEFAULT_EMBEDDING_PATH): Embedding {
  let e = loaded.get(path)
  if (!e) loaded.set(path, (e = decodeEmbedding(new Uint8Array(readFileSync(path)))))
  return e
}

/** Unit-length vector of weighted tokens (a TF-IDF vector, a title); null if no token has a vector. */
export function dense(emb: Embedding, weighted: Iterable<[string, number]>): Dense | null {
  const out = new Float32Array(emb.dims)
  let any = false
  for (const [tok, w] of weighted) {
    const v = emb.word(tok)
    if (!v) continue
    any = true
    for (let d = 0; d < out.length; d++) out[d]! += w * v[d]!
  }
  if (!any) return null
  let norm = 0
  for (const x of out) norm += x * x
  norm = Math.sqrt(norm) || 1
  for (let d = 0; d < out.length; d++) out[d]! /= norm
  return out
}

/** Cosine of two unit vectors; 0 when either is missing. */
export function denseCosine(a: Dense | null, b: Dense | null): number {
  if (!a || !b) return 0
  let s = 0
  for (let d = 0; d < a.length; d++) s += a[d]! * b[d]!
  return s
}
