// Public API of @gamenight/wiki-ai.
export type { Article, ArticleSource, WikiData } from "./source.ts";
export { createFileSource, createMemorySource, loadWikiData } from "./source.ts";
export type { GameState } from "./memory.ts";
export type { AiPlayer, AiPlayerOptions, Move } from "./player.ts";
export { createAiPlayer, NoMoveError } from "./player.ts";
export { createGreedyPlayer } from "./greedy.ts";
export { createOptimalPlayer, shortestPath, type LinkGraph } from "./optimal.ts";
export { loadCorpus, DEFAULT_IDF_PATH, type Corpus } from "./corpus.ts";
export { DEFAULT_PARAMS, type ScoreParams } from "./score.ts";
export { displayTitle } from "./text.ts";
export { playGame, type GameResult } from "./play.ts";
