// Estimates how many clicks a page we have read is from the target, using only what the game has
// shown: the page's text and its links (titles), the target's text and links, and the pages read
// earlier in this game. Certain cases first (is the target / links to it / links to a page known to
// link to it), then a heuristic for the rest: how many of the page's links look likely to link to
// the target (a link the target links back to, or whose title matches the target's text) and how
// similar the page's own text is to the target's.
import { articleVector, type Corpus, compact, compactCosine, cosine, titleVector, type Vec } from './corpus.ts'
import { type Dense, dense, denseCosine, type Embedding } from './embedding.ts'
import type { GameMemory } from './memory.ts'
import type { Article } from './source.ts'
import { splitArticle, tokenize } from './text.ts'

export interface ScoreParams {
  /** Logit of "a link l of a page links to the target" with no evidence. */
  base: number
  /** Added when the target links to l (links are often reciprocal). */
  reciprocal: number
  /** Times the cosine between l's title and the target's text. */
  titleSim: number
  /** Times the word-vector (LSA) cosine between l's title and the target's text, above `embFloor`. */
  embTitle: number
  /** Word-vector cosine that counts as "no evidence" (unrelated texts sit around 0-0.3). */
  embFloor: number
  /** Weight of log(expected number of the page's links that link to the target). */
  wReach: number
  /** Weight of the cosine between the page's text and the target's text. */
  wSim: number
  /** Weight of the word-vector (LSA) cosine between the page's text and the target's text, above `embFloor`. */
  wEmb: number
  /** Added when the page shares a "Related subjects" category with the target (a strong topical cue). */
  wSubject: number
  /** Clicks per unit of score when turning the heuristic score into a distance estimate. */
  clicksPerScore: number
  /** Score above which a page counts as "probably two clicks away" (the floor of the estimate). */
  scoreCeiling: number
  /** Once hard: added to the link logit when l's title is named (as a phrase) in the target's text. */
  mention: number
  /** Once hard: added to a page's score when its own title is named in the target's text. */
  wMention: number
  /**
   * A title counts as named only if its words carry at least this much idf in all: "Time", "Law" or
   * "Country" occur in almost every text, so the target naming them says nothing about the way in.
   */
  mentionIdf: number
  /** Factor on the reciprocal cue for each page read that the target links to but that does not link back. */
  cueDecay: number
  /** The same for the mention cues (pages the target's text names). */
  mentionDecay: number
  /**
   * Moves after which the player counts itself stuck: pages on the target's topic have not led to it,
   * so the target is probably reached from another topic (Tufted Duck from a lake, Black panther from
   * a zoo). Then topic weights are multiplied by `stuckTopic` and any link whose title has a rare word
   * of the target's text (`History of Arizona`, `Phoenix Zoo`) gets `wordMention` on its logit.
   */
  stuckAfter: number
  stuckTopic: number
  wordMention: number
  /** Only words at least this rare (idf) count for `wordMention` ("lake" is too common; "arizona" is not). */
  wordIdf: number
  /**
   * Stuck among general pages (Earth, Africa, Asia, ...): once the path has stood on `stuckHubs` pages
   * with at least `hubLinks` links, every such page gets `-hubPenalty` on its score, so the player stops
   * hopping between them and commits to specific pages.
   */
  hubLinks: number
  stuckHubs: number
  hubPenalty: number
  /** Extra clicks charged to a route that starts by going back to a page already stood on. */
  backtrack: number
  /** Moves played without reaching the target before the mention cues switch on ("hard to reach" mode). */
  hardAfter: number
}

export const DEFAULT_PARAMS: ScoreParams = {
  base: -7,
  reciprocal: 5,
  titleSim: 10,
  embTitle: 6,
  embFloor: 0.3,
  wReach: 1,
  wSim: 5,
  wEmb: 4,
  wSubject: 2,
  clicksPerScore: 3,
  scoreCeiling: 2,
  mention: 3,
  wMention: 2,
  mentionIdf: 2,
  hardAfter: 0,
  cueDecay: 0.5,
  mentionDecay: 1,
  backtrack: 0,
  hubLinks: 120,
  stuckHubs: 4,
  hubPenalty: 2,
  stuckAfter: 18,
  stuckTopic: 0.2,
  wordMention: 2,
  wordIdf: 4,
}

/** Caches of pure functions of immutable inputs (article text, target), kept by a player instance. */
export interface ScoreCache {
  article: Map<string, Vec>
  title: Map<string, Vec>
  /** target title + hard flag -> (link title -> P(link links to target)) */
  linkProb: Map<string, Map<string, number>>
  subjects: Map<string, Set<string>>
  /** target title -> phrases (1..4 tokens) of its text */
  phrases: Map<string, Set<string>>
  /** target title -> (title -> named by the target's text): asked for every page read, every move */
  named: Map<string, Map<string, boolean>>
  /** word-vector sums of bare titles */
  titleDense: Map<string, Dense | null>
}

export function newScoreCache(): ScoreCache {
  return {
    article: new Map(),
    title: new Map(),
    linkProb: new Map(),
    subjects: new Map(),
    phrases: new Map(),
    named: new Map(),
    titleDense: new Map(),
  }
}

/** Cache bounds for a long-lived worker; eviction is a plain clear (caches never change answers). */
const MAX_VECTORS = 3000
const MAX_TITLES = 30000
// Per-target caches: a worker plays AI_CONCURRENCY (4) games at once, and a target's phrase set (every run
// of 1-4 words of its text) can hold 60,000 strings, so only the targets in play are kept.
const MAX_TARGETS = 8
const MAX_PROB_TABLES = 16

export function vecOf(corpus: Corpus, cache: ScoreCache, a: Article): Vec {
  let v = cache.article.get(a.title)
  if (cache.article.size > MAX_VECTORS) cache.article.clear()
  if (!v) cache.article.set(a.title, (v = articleVector(corpus, a.title, a.text)))
  return v
}

function subjectsOf(cache: ScoreCache, a: Article): Set<string> {
  let s = cache.subjects.get(a.title)
  if (cache.subjects.size > MAX_VECTORS) cache.subjects.clear()
  if (!s) cache.subjects.set(a.title, (s = new Set(splitArticle(a.text).subjects.map((x) => x.toLowerCase()))))
  return s
}

function titleVecOf(corpus: Corpus, cache: ScoreCache, title: string): Vec {
  let v = cache.title.get(title)
  if (cache.title.size > MAX_TITLES) cache.title.clear()
  if (!v) cache.title.set(title, (v = titleVector(corpus, title)))
  return v
}

function titleDenseOf(corpus: Corpus, emb: Embedding, cache: ScoreCache, title: string): Dense | null {
  let v = cache.titleDense.get(title)
  if (v !== undefined) return v
  if (cache.titleDense.size > MAX_TITLES) cache.titleDense.clear()
  cache.titleDense.set(title, (v = dense(emb, titleVecOf(corpus, cache, title))))
  return v
}

const MAX_PHRASE = 4

function phrasesOf(cache: ScoreCache, a: Article): Set<string> {
  let s = cache.phrases.get(a.title)
  if (s) return s
  if (cache.phrases.size >= MAX_TARGETS) cache.phrases.clear()
  s = new Set()
  const toks = tokenize(splitArticle(a.text).body)
  for (let i = 0; i < toks.length; i++) {
    let p = ''
    for (let n = 0; n < MAX_PHRASE && i + n < toks.length; n++) {
      p = n === 0 ? (toks[i] as string) : `${p} ${toks[i + n]}`
      s.add(p)
    }
  }
  cache.phrases.set(a.title, s)
  return s
}

/**
 * Whether the target's text names a title: the title's words without a parenthesised qualifier
 * (`Thrush (bird)` -> `thrush`) as a phrase, or a run of at least two of them carrying most of its
 * weight (`Northern Pacific Railway` is named by "Northern Pacific Railroad").
 */
function namedIn(corpus: Corpus, title: string, phrases: Set<string>, minIdf: number): boolean {
  const toks = tokenize(title.replace(/\([^)]*\)/g, ' '))
  if (toks.length === 0 || toks.length > MAX_PHRASE) return false
  if (minIdf > 0 && toks.reduce((a, t) => a + corpus.idf(t), 0) < minIdf) return false
  if (phrases.has(toks.join(' '))) return true
  if (toks.length < 3) return false
  const total = toks.reduce((a, t) => a + corpus.idf(t), 0)
  for (let len = toks.length - 1; len >= 2; len--)
    for (let i = 0; i + len <= toks.length; i++) {
      const run = toks.slice(i, i + len)
      if (phrases.has(run.join(' ')) && run.reduce((a, t) => a + corpus.idf(t), 0) >= 0.6 * total) return true
    }
  return false
}

export interface Estimate {
  /** Estimated clicks from the page to the target (0 = is the target; Infinity = dead end). */
  clicks: number
  /** Why, for people: the strongest evidence in a few words ("it links to Pochard, a duck like the target"). */
  why: string
  /** The figures behind the estimate, for the trace tool. */
  detail: string
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x))

/** Builds the estimator for one move; call it for any page in memory.seen. */
export function createEstimator(
  mem: GameMemory,
  corpus: Corpus,
  emb: Embedding,
  cache: ScoreCache,
  params: ScoreParams,
) {
  const target = mem.target
  const targetTitle = target?.title ?? ''
  const tVec = target ? vecOf(corpus, cache, target) : new Map<string, number>()
  const tById = new Map<number, number>()
  const tCompact = compact(corpus, tVec)
  for (let i = 0; i < tCompact.ids.length; i++) tById.set(tCompact.ids[i]!, tCompact.weights[i]!)
  const tDense = dense(emb, tVec)
  const tLinks = new Set(target?.links ?? [])
  const tSubjects = target ? subjectsOf(cache, target) : new Set<string>()
  const hard = mem.path.length - 1 >= params.hardAfter
  const stuck = mem.path.length - 1 >= params.stuckAfter
  let hubsStoodOn = 0
  for (const p of new Set(mem.path)) if ((mem.seen.get(p)?.links.length ?? 0) >= params.hubLinks) hubsStoodOn++
  const hubPenalty = hubsStoodOn >= params.stuckHubs ? params.hubPenalty : 0
  const topicFactor = stuck ? params.stuckTopic : 1
  const tPhrases = target && (hard || stuck) ? phrasesOf(cache, target) : new Set<string>()
  const wordNamed = (l: string): boolean => {
    if (!stuck || l === targetTitle) return false
    for (const tok of tokenize(l.replace(/\([^)]*\)/g, ' ')))
      if (corpus.idf(tok) >= params.wordIdf && tPhrases.has(tok)) return true
    return false
  }
  let namedCache = cache.named.get(targetTitle)
  if (!namedCache) {
    if (cache.named.size >= MAX_TARGETS) cache.named.clear()
    cache.named.set(targetTitle, (namedCache = new Map()))
  }
  const namedMemo = namedCache
  const named = (l: string): boolean => {
    if (tPhrases.size === 0 || l === targetTitle) return false
    let v = namedMemo.get(l)
    if (v === undefined) namedMemo.set(l, (v = namedIn(corpus, l, tPhrases, params.mentionIdf)))
    return v
  }
  // What this game has shown about this target's cues: each page the target links to (or names)
  // that turned out not to link back halves that cue's weight. Targets reached by one or two pages
  // rarely link back to them, and without this the player keeps trusting the cue it just disproved.
  let reciprocalMisses = 0
  let namedMisses = 0
  for (const [t, a] of mem.seen) {
    if (t === targetTitle || mem.linksToTarget.has(t) || a.links.length === 0) continue
    if (tLinks.has(t)) reciprocalMisses++
    if (named(t)) namedMisses++
  }
  const decay = params.cueDecay
  const reciprocal = params.reciprocal * decay ** reciprocalMisses
  const mention = hard ? params.mention * params.mentionDecay ** namedMisses : 0
  const wMention = hard ? params.wMention * params.mentionDecay ** namedMisses : 0
  const probKey = `${targetTitle}\t${hard ? 1 : 0}${stuck ? 1 : 0}\t${reciprocalMisses}\t${namedMisses}`
  let probs = cache.linkProb.get(probKey)
  if (!probs && cache.linkProb.size >= MAX_PROB_TABLES) cache.linkProb.clear()
  if (!probs) cache.linkProb.set(probKey, (probs = new Map()))
  const linkProb = (l: string): number => {
    let p = probs.get(l)
    if (p === undefined) {
      let logit = params.base + params.titleSim * cosine(titleVecOf(corpus, cache, l), tVec)
      if (params.embTitle !== 0)
        logit +=
          topicFactor *
          params.embTitle *
          Math.max(0, denseCosine(titleDenseOf(corpus, emb, cache, l), tDense) - params.embFloor)
      if (wordNamed(l)) logit += params.wordMention
      if (tLinks.has(l)) logit += reciprocal
      if (named(l)) logit += mention
      probs.set(l, (p = sigmoid(logit)))
    }
    return p
  }

  return (title: string): Estimate => {
    if (title === targetTitle) return { clicks: 0, why: 'the target', detail: 'target' }
    const art = mem.seen.get(title)
    // No out-links: entering it would end the game (there is no back button).
    if (!art || art.links.length === 0) return { clicks: Infinity, why: 'a dead end', detail: 'dead end' }
    if (mem.linksToTarget.has(title)) return { clicks: 1, why: 'it links to the target', detail: 'links to target' }
    // Expected number of links to the target among the page's links. Summed rather than noisy-OR'd:
    // the absolute level depends on the target's unseen in-degree, only the ranking matters, and a
    // product would saturate at 1 for every hub.
    let expected = 0
    let bestLink = ''
    let bestP = 0
    for (const l of art.links) {
      if (l === title) continue
      if (mem.linksToTarget.has(l))
        return { clicks: 2, why: `it links to ${l}, which links to the target`, detail: `via ${l}` }
      if (mem.seen.has(l)) continue // read earlier: it does not link to the target
      const p = linkProb(l)
      expected += p
      if (p > bestP) [bestLink, bestP] = [l, p]
    }
    const sim = compactCosine(art.vec, tById)
    const topic = denseCosine(art.dense, tDense)
    let shared = false
    for (const x of art.subjects) if (tSubjects.has(x)) shared = true
    const isNamed = wMention !== 0 && named(title)
    const score =
      params.wReach * Math.log(expected + 1e-4) +
      params.wSim * sim +
      topicFactor * params.wEmb * Math.max(0, topic - params.embFloor) +
      topicFactor * (shared ? params.wSubject : 0) -
      (art.links.length >= params.hubLinks ? hubPenalty : 0) +
      (isNamed ? wMention : 0)
    // Softplus keeps the estimate above 2 (not known to be closer) and smooth in the score.
    const clicks = 2 + params.clicksPerScore * Math.log1p(Math.exp(params.scoreCeiling - score))
    const subject = shared ? [...art.subjects].find((x) => tSubjects.has(x)) : undefined
    return {
      clicks,
      why: explain({ bestLink, bestP, named: isNamed, subject, topic, links: art.links.length, tLinks }),
      detail: `~${clicks.toFixed(2)} clicks: E[links to target]=${expected.toFixed(3)} best=${bestLink}:${bestP.toFixed(3)} sim=${sim.toFixed(2)} topic=${topic.toFixed(2)}${shared ? ' same subject' : ''}${isNamed ? ' named by target' : ''} links=${art.links.length}`,
    }
  }
}

/** The strongest piece of evidence behind an estimate, in words a person watching can follow. */
function explain(e: {
  bestLink: string
  bestP: number
  named: boolean
  subject: string | undefined
  topic: number
  links: number
  tLinks: Set<string>
}): string {
  const parts: string[] = []
  if (e.named) parts.push("the target's text names it")
  if (e.bestLink && e.bestP >= 0.02)
    parts.push(
      e.tLinks.has(e.bestLink)
        ? `it links to ${e.bestLink}, which the target links to`
        : `it links to ${e.bestLink}, close to the target's topic`,
    )
  if (e.subject && parts.length < 2) parts.push(`same subject as the target (${e.subject})`)
  else if (e.topic >= 0.5 && parts.length < 2) parts.push("its text is on the target's topic")
  if (parts.length === 0)
    parts.push(
      e.links >= 100 ? `a broad page with ${e.links} links to search from` : 'the most promising page in sight',
    )
  return parts.join('; ')
}
