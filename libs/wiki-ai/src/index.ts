// Public API of @gamenight/wiki-ai.

export { type Corpus, DEFAULT_IDF_PATH, loadCorpus } from './corpus.ts'
export { createGreedyPlayer } from './greedy.ts'
export type { GameState } from './memory.ts'
export { createOptimalPlayer, type LinkGraph, shortestPath } from './optimal.ts'
export { type GameResult, playGame } from './play.ts'
export type { AiPlayer, AiPlayerOptions, Move } from './player.ts'
export { createAiPlayer, NoMoveError } from './player.ts'
export { DEFAULT_PARAMS, type ScoreParams } from './score.ts'
export type { Article, ArticleSource, WikiData } from './source.ts'
export { createFileSource, createMemorySource, loadWikiData } from './source.ts'
