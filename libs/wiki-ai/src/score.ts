// Scores the links of the current article from what the look-ahead shows.
// The estimate behind the score: a neighbour n is good if it is the target, links to the target,
// links to a page we have already seen link to the target, or -- failing certainty -- if many of
// n's own links look likely to link to the target (noisy-OR over them, so hubs get credit only
// as far as their links look relevant) and n's text resembles the target's.
import { type Corpus, type Vec, articleVector, cosine, titleVector } from "./corpus.ts";
import type { GameMemory } from "./memory.ts";
import type { Article } from "./source.ts";

export interface ScoreParams {
  /** Logit of "a link l of a neighbour links to the target" with no evidence. */
  base: number;
  /** Added when the target links to l (links are often reciprocal). */
  reciprocal: number;
  /** Times the cosine between l's title and the target's text. */
  titleSim: number;
  /** Weight of P(n is two clicks away) in the final score. */
  wReach: number;
  /** Weight of the cosine between n's text and the target's text. */
  wSim: number;
  /** Weight of log(1 + out-degree of n): a mild preference for hubs when nothing else is known. */
  wDegree: number;
}

export const DEFAULT_PARAMS: ScoreParams = {
  base: -4,
  reciprocal: 3,
  titleSim: 5,
  wReach: 1,
  wSim: 1,
  wDegree: 0,
};

/** Per-player caches of vectors (pure functions of immutable article text, so safe to keep). */
export interface VecCache {
  article: Map<string, Vec>;
  title: Map<string, Vec>;
}

export function newVecCache(): VecCache {
  return { article: new Map(), title: new Map() };
}

export function vecOf(corpus: Corpus, cache: VecCache, a: Article): Vec {
  let v = cache.article.get(a.title);
  if (!v) cache.article.set(a.title, (v = articleVector(corpus, a.title, a.text)));
  return v;
}

function titleVecOf(corpus: Corpus, cache: VecCache, title: string): Vec {
  let v = cache.title.get(title);
  if (!v) cache.title.set(title, (v = titleVector(corpus, title)));
  return v;
}

export interface Candidate {
  title: string;
  score: number;
  reason: string;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Scores every distinct link of the current article; higher is better. */
export function scoreCandidates(
  mem: GameMemory,
  corpus: Corpus,
  cache: VecCache,
  params: ScoreParams = DEFAULT_PARAMS,
): Candidate[] {
  const target = mem.target;
  const targetTitle = target?.title ?? "";
  const tVec = target ? vecOf(corpus, cache, target) : new Map<string, number>();
  const tLinks = new Set(target?.links ?? []);
  const out: Candidate[] = [];
  for (const n of new Set(mem.current.links)) {
    const visits = mem.visits.get(n) ?? 0;
    // Revisiting is allowed only as a last resort; it is how we back out of a dead end.
    const visitPenalty = 100 * visits;
    if (n === targetTitle) {
      out.push({ title: n, score: 1e6, reason: "target is linked" });
      continue;
    }
    const art = mem.seen.get(n);
    if (!art || art.links.length === 0) {
      // No out-links: entering it would end the game (there is no back button).
      out.push({ title: n, score: -1e4 - visitPenalty, reason: "dead end" });
      continue;
    }
    const sim = cosine(vecOf(corpus, cache, art), tVec);
    if (mem.linksToTarget.has(n)) {
      out.push({ title: n, score: 1e4 + sim - visitPenalty, reason: "links to the target" });
      continue;
    }
    let via = "";
    let miss = 1; // P(no link of n links to the target)
    for (const l of new Set(art.links)) {
      if (l === n) continue;
      if (mem.linksToTarget.has(l)) {
        via = l;
        break;
      }
      const known = mem.seen.get(l);
      if (known) continue; // read earlier and it does not link to the target
      let logit = params.base + params.titleSim * cosine(titleVecOf(corpus, cache, l), tVec);
      if (tLinks.has(l)) logit += params.reciprocal;
      miss *= 1 - sigmoid(logit);
    }
    if (via) {
      out.push({ title: n, score: 5e3 + sim - visitPenalty, reason: `links to ${via}, which links to the target` });
      continue;
    }
    const reach = 1 - miss;
    const score =
      params.wReach * reach + params.wSim * sim + params.wDegree * Math.log1p(art.links.length) - visitPenalty;
    out.push({
      title: n,
      score,
      reason: `p(2 clicks)=${reach.toFixed(2)} sim=${sim.toFixed(2)} links=${art.links.length}`,
    });
  }
  // Deterministic order: score, then title.
  out.sort((a, b) => b.score - a.score || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
  return out;
}
