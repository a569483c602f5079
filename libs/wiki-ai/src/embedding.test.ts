import { describe, expect, test } from 'bun:test'
import { decodeEmbedding, dense, denseCosine, encodeEmbedding, loadEmbedding } from './embedding.ts'

describe('word vectors', () => {
  test('round-trip through the file format, each word at unit length', () => {
    const emb = decodeEmbedding(encodeEmbedding(['duck', 'rail'], [Float32Array.of(3, 4), Float32Array.of(0, -2)]))
    expect(emb.dims).toBe(2)
    expect([...emb.word('duck')!]).toEqual([76, 102]) // (0.6, 0.8) * 127
    expect([...emb.word('rail')!]).toEqual([0, -127])
    expect(emb.word('nope')).toBeUndefined()
    expect(dense(emb, [['nope', 1]])).toBeNull()
    expect(denseCosine(dense(emb, [['duck', 2]]), dense(emb, [['duck', 1]]))).toBeCloseTo(1, 5)
  })

  test('the committed vectors put words of one topic together (built from the texts alone)', () => {
    const emb = loadEmbedding()
    const v = (w: string) => dense(emb, [[w, 1]])
    // A duck species and ducks; a locomotive and railways; neither with the other.
    expect(denseCosine(v('pochard'), v('duck'))).toBeGreaterThan(0.5)
    expect(denseCosine(v('locomotive'), v('railway'))).toBeGreaterThan(0.5)
    expect(denseCosine(v('pochard'), v('locomotive'))).toBeLessThan(0.2)
  })
})
