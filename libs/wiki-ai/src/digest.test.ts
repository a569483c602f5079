import { describe, expect, test } from 'bun:test'
import { corpusFromDf, documentFrequencies } from './corpus.ts'
import { createDigestStore } from './digest.ts'
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
})
