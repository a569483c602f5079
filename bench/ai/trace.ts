// Debug helper: bun bench/ai/trace.ts START TARGET — prints the AI's top candidates at each move.
import { join } from "node:path";
import { loadCorpus } from "../../libs/wiki-ai/src/corpus.ts";
import { buildMemory } from "../../libs/wiki-ai/src/memory.ts";
import { DEFAULT_PARAMS, newVecCache, scoreCandidates } from "../../libs/wiki-ai/src/score.ts";
import { createFileSource } from "../../libs/wiki-ai/src/source.ts";

const [start = "", target = ""] = process.argv.slice(2);
const source = createFileSource(join(import.meta.dir, "..", "..", "libs", "wikigraph", "data"));
const corpus = loadCorpus();
const cache = newVecCache();
const params = { ...DEFAULT_PARAMS, ...(process.env.AI_PARAMS ? JSON.parse(process.env.AI_PARAMS) : {}) };
const moves: string[] = [];
let current = start;
const t = await source.get(target);
console.log(`target links: ${t?.links.join(" ")}`);
while (current !== target && moves.length < Number(process.env.AI_STEP_LIMIT ?? 15)) {
  const mem = await buildMemory({ startArticle: start, endArticle: target, currentArticle: current, moves }, source);
  const ranked = scoreCandidates(mem, corpus, cache, params);
  console.log(`@ ${current} (${mem.current.links.length} links)`);
  for (const c of ranked.slice(0, 6)) console.log(`   ${c.score.toFixed(3)} ${c.title}: ${c.reason}`);
  current = ranked[0]?.title ?? target;
  moves.push(current);
}
