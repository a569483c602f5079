// Rebuilds libs/wiki-ai/data/idf.tsv: document frequencies of every token over all article texts.
// Usage: bun libs/wiki-ai/scripts/build-idf.ts [dataDir]   (default libs/wikigraph/data)
// Uses only the article TEXTS (allowed corpus statistic), never links.tsv.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEFAULT_IDF_PATH, documentFrequencies } from '../src/corpus.ts'
import { readTexts } from '../src/source.ts'

const dataDir = process.argv[2] ?? join(import.meta.dir, '..', '..', 'wikigraph', 'data')
const t0 = performance.now()
function* texts() {
  for (const [, text] of readTexts(dataDir)) yield text
}
const { docs, df } = documentFrequencies(texts())
// df=1 tokens are dropped: the loader treats unknown tokens as df=1 anyway, and they are most of the vocabulary.
const rows = [...df.entries()].filter(([, n]) => n >= 2).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
const out = `${[`#docs\t${docs}`, ...rows.map(([t, n]) => `${t}\t${n}`)].join('\n')}\n`
writeFileSync(DEFAULT_IDF_PATH, out)
console.error(
  `idf.tsv: ${rows.length} tokens over ${docs} docs, ${out.length} bytes, ${Math.round(performance.now() - t0)} ms`,
)
