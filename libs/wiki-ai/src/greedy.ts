// Baseline: TF-IDF greedy without look-ahead. Reads each linked page's text (as the player would by
// hovering) and goes to the one most similar to the target, never using the neighbours' links.
import { type Corpus, cosine, loadCorpus } from './corpus.ts'
import { pathOf } from './memory.ts'
import type { AiPlayer } from './player.ts'
import { NoMoveError } from './player.ts'
import { newScoreCache, vecOf } from './score.ts'
import type { ArticleSource } from './source.ts'

export function createGreedyPlayer(options: { source: ArticleSource; corpus?: Corpus }): AiPlayer {
  const corpus = options.corpus ?? loadCorpus()
  const cache = newScoreCache()
  const { source } = options
  return {
    async nextMove(state) {
      const current = await source.get(state.currentArticle)
      const links = [...new Set(current?.links ?? [])]
      if (links.length === 0) throw new NoMoveError(`no links on ${state.currentArticle}`)
      if (links.includes(state.endArticle)) return { article: state.endArticle, reason: 'target is linked' }
      const target = await source.get(state.endArticle)
      const tVec = target ? vecOf(corpus, cache, target) : new Map<string, number>()
      const visited = new Set(pathOf(state))
      let best = ''
      let bestScore = -Infinity
      for (const l of links) {
        const a = await source.get(l)
        const score = (a ? cosine(vecOf(corpus, cache, a), tVec) : 0) - (visited.has(l) ? 10 : 0)
        if (score > bestScore || (score === bestScore && l < best)) [best, bestScore] = [l, score]
      }
      return { article: best, reason: `text similarity ${bestScore.toFixed(2)}` }
    },
  }
}
