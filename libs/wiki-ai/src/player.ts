// The fair AI player: one-step look-ahead plus memory of the current game, rebuilt from the moves list.
import { type Corpus, loadCorpus } from './corpus.ts'
import { createDigestStore } from './digest.ts'
import { type Embedding, loadEmbedding } from './embedding.ts'
import { buildMemory, type GameState } from './memory.ts'
import { plan } from './planner.ts'
import { DEFAULT_PARAMS, newScoreCache, type ScoreParams } from './score.ts'
import type { ArticleSource } from './source.ts'

export interface Move {
  /** URL-encoded title of a link of the current article. */
  article: string
  reason?: string
}

export interface AiPlayer {
  nextMove(state: GameState): Promise<Move>
  /** Drops every cache (digests, score tables) under memory pressure; answers do not change. */
  shedCaches?(): void
}

export interface AiPlayerOptions {
  source: ArticleSource
  /** Defaults to the committed IDF table (libs/wiki-ai/data/idf.tsv). */
  corpus?: Corpus
  /** Defaults to the committed word vectors (libs/wiki-ai/data/embedding.bin). */
  embedding?: Embedding
  params?: Partial<ScoreParams>
  /** Bytes of article digests (links, vectors; ~4 KB each) the instance keeps; default 32 MiB, all of them. */
  cacheBytes?: number
  /**
   * Clicks of look-ahead around every page stood on. 1 (the default) is the fairness rule; anything more
   * CHEATS and is for bench/ai/ceiling.ts only (what would seeing further be worth?).
   */
  lookahead?: number
}

export class NoMoveError extends Error {}

/**
 * Creates the AI player. The instance only caches pure functions of article text (vectors), so
 * its answers depend on the state alone: any worker can pick up a game mid-way.
 * Throws NoMoveError only if the current article has no links at all (the game is lost there).
 */
export function createAiPlayer(options: AiPlayerOptions): AiPlayer {
  const corpus = options.corpus ?? loadCorpus()
  const embedding = options.embedding ?? loadEmbedding()
  const params = { ...DEFAULT_PARAMS, ...options.params }
  const cache = newScoreCache()
  const digests = createDigestStore(options.source, corpus, embedding, options.cacheBytes)
  return {
    async nextMove(state) {
      const mem = await buildMemory(state, options.source, digests, options.lookahead ?? 1)
      const best = plan(mem, corpus, embedding, cache, params)
      if (!best) throw new NoMoveError(`no links on ${state.currentArticle}`)
      return { article: best.step, reason: best.reason }
    },
    shedCaches() {
      digests.clear()
      for (const m of Object.values(cache)) m.clear()
    },
  }
}
