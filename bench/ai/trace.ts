// Debug helper: bun bench/ai/trace.ts START TARGET — prints the AI's move, its reason and the
// estimates of the best links at each move. Env: AI_PARAMS (JSON), AI_STEP_LIMIT (default 15).
import { join } from 'node:path'
import { loadCorpus } from '../../libs/wiki-ai/src/corpus.ts'
import { createDigestStore } from '../../libs/wiki-ai/src/digest.ts'
import { loadEmbedding } from '../../libs/wiki-ai/src/embedding.ts'
import { buildMemory } from '../../libs/wiki-ai/src/memory.ts'
import { plan } from '../../libs/wiki-ai/src/planner.ts'
import { createEstimator, DEFAULT_PARAMS, newScoreCache } from '../../libs/wiki-ai/src/score.ts'
import { createFileSource } from '../../libs/wiki-ai/src/source.ts'
import { readingTitle } from '../../libs/wikigraph/src/titles.ts'

const start = readingTitle(process.argv[2] ?? '')
const target = readingTitle(process.argv[3] ?? '')
const source = createFileSource(join(import.meta.dir, '..', '..', 'libs', 'wikigraph', 'data'))
const corpus = loadCorpus()
const emb = loadEmbedding()
const digests = createDigestStore(source, corpus, emb)
const cache = newScoreCache()
const params = { ...DEFAULT_PARAMS, ...(process.env.AI_PARAMS ? JSON.parse(process.env.AI_PARAMS) : {}) }
const moves: string[] = []
let current = start
const t = await source.get(target)
console.log(`target links: ${t?.links.join(' ')}`)
while (current !== target && moves.length < Number(process.env.AI_STEP_LIMIT ?? 15)) {
  const mem = await buildMemory(
    { startArticle: start, endArticle: target, currentArticle: current, moves },
    source,
    digests,
  )
  const est = createEstimator(mem, corpus, emb, cache, params)
  const p = plan(mem, corpus, emb, cache, params)
  console.log(
    `@ ${current} (${mem.current.links.length} links, ${mem.seen.size} seen) -> ${p?.step}: ${p?.reason} [${p?.detail}]`,
  )
  const ranked = [...new Set(mem.current.links)].map((l) => ({ l, e: est(l) })).sort((a, b) => a.e.clicks - b.e.clicks)
  for (const { l, e } of ranked.slice(0, 5)) console.log(`   ${l}: ${e.detail}`)
  current = p?.step ?? target
  moves.push(current)
}
