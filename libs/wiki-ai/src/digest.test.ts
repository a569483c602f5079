import { describe, expect, test } from 'bun:test'
import { corpusFromDf, documentFrequencies } from './corpus.ts'
import { createDigestStore, digestBytes } from './digest.ts'
import { decodeEmbedding, encodeEmbedding } from './embedding.ts'
import type { Article, ArticleSource } from './source.ts'

const text = (subjects: string, body: string) =>
  `   #copyright\n\nX\n\n2007 Schools Wikipedia Selection. Related subjects: ${subjects}\n\n   ${body}\n`
const { docs, df } = documentFrequencies([text('Birds', 'ducks swim'), text('Birds', 'ducks fly')])
const corpus = corpusFromDf(docs, df)
const emb = decodeEmbedding(encodeEmbedding(['duck'], [Float32Array.of(1, 0)]))

describe('digest store', () => {
  test('keeps links, vectors and subjects, reads each article once, and asks again after a miss or an error', async () => {
    const reads: string[] = []
    let fail = true
    const source: ArticleSource = {
      async get(title): Promise<Article | null> {
        reads.push(title)
        if (title === 'Flaky' && fail) throw new Error('api down')
        if (title === 'Gone') return null
        return { title, text: text('Birds', 'Ducks swim.'), links: ['Duck'] }
      },
    }
    const store = createDigestStore(source, corpus, emb)
    const d = await store.get('Mallard')
    expect(d).toMatchObject({ title: 'Mallard', links: ['Duck'], subjects: new Set(['birds']) })
    expect(d!.vec.ids.length).toBeGreaterThan(0)
    expect(d!.dense).not.toBeNull()
    await store.get('Mallard')
    expect(await store.get('Gone')).toBeNull()
    await store.get('Gone')
    await expect(store.get('Flaky')).rejects.toThrow('api down')
    fail = false
    expect((await store.get('Flaky'))?.title).toBe('Flaky')
    expect(reads).toEqual(['Mallard', 'Gone', 'Gone', 'Flaky', 'Flaky'])
  })

  test('is bounded in bytes, keeps the most recently used digests, and clear() drops them all', async () => {
    const reads: string[] = []
    const source: ArticleSource = {
      async get(title) {
        reads.push(title)
        return { title, text: text('Birds', 'Ducks swim.'), links: Array.from({ length: 20 }, (_, i) => `Link ${i}`) }
      },
    }
    const one = digestBytes((await createDigestStore(source, corpus, emb).get('Page 0'))!)
    const store = createDigestStore(source, corpus, emb, 3 * one + one / 2)
    for (let i = 0; i < 10; i++) await store.get(`Page ${i}`)
    expect(store.stats()).toEqual({ entries: 3, bytes: 3 * one })
    reads.length = 0
    await store.get('Page 9')
    await store.get('Page 0')
    expect(reads).toEqual(['Page 0'])
    store.clear()
    expect(store.stats()).toEqual({ entries: 0, bytes: 0 })
  })

  test('reads in flight when the cache is cleared still answer (memory pressure never fails a move)', async () => {
    const pending: (() => void)[] = []
    const source: ArticleSource = {
      get: (title) =>
        new Promise((resolve) =>
          pending.push(() => resolve(title === 'Gone' ? null : { title, text: text('Birds', 'Ducks.'), links: [] })),
        ),
    }
    const store = createDigestStore(source, corpus, emb)
    const found = store.get('Mallard')
    const gone = store.get('Gone')
    store.clear()
    for (const f of pending) f()
    expect((await found)?.title).toBe('Mallard')
    expect(await gone).toBeNull()
  })
})
