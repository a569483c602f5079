// AI benchmark: bun run bench:ai [pairs.tsv] [--limit N] [--offset N] [--players ai,greedy,optimal]
// Plays every (start, target) pair with the fair AI, the TF-IDF greedy baseline and the optimal BFS
// player (cheats), and prints them beside the humans' figures from the same TSV.
// Env: AI_STEP_LIMIT (default 30), AI_PARAMS (JSON overrides of the AI's ScoreParams, for tuning).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  type AiPlayer,
  createAiPlayer,
  createFileSource,
  createGreedyPlayer,
  createOptimalPlayer,
  loadWikiData,
  playGame,
} from '../libs/wiki-ai/src/index.ts'
import { readingTitle } from '../libs/wikigraph/src/titles.ts'

interface Pair {
  start: string
  target: string
  optimal: number
  attempts: number
  successes: number
  humanClicks: number | null
}

const args = process.argv.slice(2)
function flag(name: string): string | undefined {
  const i = args.indexOf(name)
  if (i < 0) return undefined
  const v = args[i + 1]
  args.splice(i, 2)
  return v
}
const limit = Number(flag('--limit') ?? Infinity)
const offset = Number(flag('--offset') ?? 0)
const playerNames = (flag('--players') ?? 'ai,greedy,optimal').split(',')
const dataDir = join(import.meta.dir, '..', 'libs', 'wikigraph', 'data')
const pairsPath = args[0] ?? join('libs', 'wikigraph', 'data', 'bench-dev.tsv')
const stepLimit = Number(process.env.AI_STEP_LIMIT ?? 30)
const params = process.env.AI_PARAMS ? JSON.parse(process.env.AI_PARAMS) : undefined

console.log(
  `$ ${process.env.AI_PARAMS ? `AI_PARAMS='${process.env.AI_PARAMS}' ` : ''}AI_STEP_LIMIT=${stepLimit} bun run bench:ai ${process.argv.slice(2).join(' ')}`.trim(),
)

const pairs: Pair[] = readFileSync(pairsPath, 'utf8')
  .split('\n')
  .slice(1)
  .filter((l) => l.trim().length > 0)
  .map((l) => {
    const [start = '', target = '', opt = '0', att = '0', suc = '0', clicks = ''] = l.split('\t')
    return {
      // The pair files name articles as the data set does; the players speak reading-form titles.
      start: readingTitle(start),
      target: readingTitle(target),
      optimal: Number(opt),
      attempts: Number(att),
      successes: Number(suc),
      humanClicks: clicks.trim() === '' ? null : Number(clicks),
    }
  })
  .slice(offset, offset + limit)

const t0 = performance.now()
const data = loadWikiData(dataDir)
const source = createFileSource(dataDir)
console.error(`loaded data in ${Math.round(performance.now() - t0)} ms; ${pairs.length} pairs`)

const players: Record<string, () => AiPlayer> = {
  ai: () => createAiPlayer({ source, params }),
  greedy: () => createGreedyPlayer({ source }),
  optimal: () => createOptimalPlayer(data.links),
}
const labels: Record<string, string> = {
  ai: 'AI (look-ahead, fair)',
  greedy: 'TF-IDF greedy (no look-ahead)',
  optimal: 'optimal BFS (cheats)',
}

interface Row {
  name: string
  success: number
  meanClicks: number
  ratioMean: number
  ratioSums: number
  meanOptimal: number
  p50: string
  p99: string
  cpu99: string
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN)
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN
}

const rows: Row[] = []
const failures: string[] = []
/** Per player: [optimal distance, clicks or null when lost] for every pair, in pair order. */
const byDistance = new Map<string, [number, number | null][]>()
for (const name of playerNames) {
  const make = players[name]
  if (!make) throw new Error(`unknown player ${name}`)
  const player = make()
  const clicks: number[] = []
  const opts: number[] = []
  const times: number[] = []
  const cpuTimes: number[] = []
  let ok = 0
  const tp = performance.now()
  const games: [number, number | null][] = []
  byDistance.set(labels[name] ?? name, games)
  for (const [i, p] of pairs.entries()) {
    const r = await playGame(player, source, p.start, p.target, stepLimit)
    times.push(...r.moveMs)
    cpuTimes.push(...r.moveCpuMs)
    games.push([p.optimal, r.success ? r.moves.length : null])
    if (r.success) {
      ok++
      clicks.push(r.moves.length)
      opts.push(p.optimal)
    } else if (name === 'ai')
      failures.push(
        `${p.start} -> ${p.target} (opt ${p.optimal}): ${r.error ?? 'step limit'} ${[p.start, ...r.moves].join(' > ')}`,
      )
    if ((i + 1) % 25 === 0 || i + 1 === pairs.length) {
      console.error(
        `${name}: ${i + 1}/${pairs.length} success ${ok} mean clicks ${mean(clicks).toFixed(2)} (${Math.round(performance.now() - tp)} ms)`,
      )
    }
  }
  rows.push({
    name: labels[name] ?? name,
    success: ok / pairs.length,
    meanClicks: mean(clicks),
    ratioMean: mean(clicks.map((c, i) => c / (opts[i] ?? 1))),
    ratioSums: clicks.reduce((a, b) => a + b, 0) / opts.reduce((a, b) => a + b, 0),
    meanOptimal: mean(opts),
    p50: pct(times, 50).toFixed(1),
    p99: pct(times, 99).toFixed(1),
    cpu99: pct(cpuTimes, 99).toFixed(1),
  })
}

// Human rows only for pair sets people played (the hard set's pairs were never tried by people).
const attempts = pairs.reduce((a, p) => a + p.attempts, 0)
const succ = pairs.reduce((a, p) => a + p.successes, 0)
const hc = pairs.flatMap((p) => (p.humanClicks === null ? [] : [p.humanClicks]))
const hopt = pairs.flatMap((p) => (p.humanClicks === null ? [] : [p.optimal]))
if (attempts > 0)
  rows.push({
    name: 'humans (per pair: mean of human_mean_clicks)',
    success: succ / attempts,
    meanClicks: mean(hc),
    ratioMean: mean(hc.map((c, i) => c / (hopt[i] ?? 1))),
    ratioSums: hc.reduce((a, b) => a + b, 0) / hopt.reduce((a, b) => a + b, 0),
    meanOptimal: mean(hopt),
    p50: '-',
    p99: '-',
    cpu99: '-',
  })

// Per game: every finished human game weighs the same (STATS.md's "mean human clicks on finished games").
const games = pairs.filter((p) => p.humanClicks !== null && p.successes > 0)
const gameCount = games.reduce((a, p) => a + p.successes, 0)
const gameClicks = games.reduce((a, p) => a + (p.humanClicks ?? 0) * p.successes, 0)
const gameOpt = games.reduce((a, p) => a + p.optimal * p.successes, 0)
if (gameCount > 0)
  rows.push({
    name: 'humans (per finished game)',
    success: succ / attempts,
    meanClicks: gameClicks / gameCount,
    ratioMean: games.reduce((a, p) => a + ((p.humanClicks ?? 0) / p.optimal) * p.successes, 0) / gameCount,
    ratioSums: gameClicks / gameOpt,
    meanOptimal: gameOpt / gameCount,
    p50: '-',
    p99: '-',
    cpu99: '-',
  })

console.log(
  `pairs: ${pairs.length} from ${pairsPath} (offset ${offset}); step limit ${stepLimit}; mean optimal over all pairs ${mean(pairs.map((p) => p.optimal)).toFixed(2)}`,
)
console.log('')
console.log(
  '| player | success | mean clicks | clicks/optimal (mean of ratios) | clicks/optimal (ratio of sums) | mean optimal (successes) | ms/move p50 | ms/move p99 | CPU ms/move p99 |',
)
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |')
for (const r of rows) {
  console.log(
    `| ${r.name} | ${(100 * r.success).toFixed(1)}% | ${r.meanClicks.toFixed(2)} | ${r.ratioMean.toFixed(3)} | ${r.ratioSums.toFixed(3)} | ${r.meanOptimal.toFixed(2)} | ${r.p50} | ${r.p99} | ${r.cpu99} |`,
  )
}
// Per optimal distance: success and clicks/optimal (mean of ratios over successes) of each player.
// Rows 2..8 always (a set without pairs at some distance shows '-'), plus any other distance present.
const distances = [...new Set([2, 3, 4, 5, 6, 7, 8, ...pairs.map((p) => p.optimal)])].sort((a, b) => a - b)
console.log('')
console.log('Per optimal distance: success, clicks/optimal (mean of ratios over successes)')
console.log('')
console.log(`| optimal | pairs | ${[...byDistance.keys()].join(' | ')} |`)
console.log(`| --- | --- | ${[...byDistance.keys()].map(() => '---').join(' | ')} |`)
for (const d of distances) {
  const cells = [...byDistance.values()].map((games) => {
    const at = games.filter(([o]) => o === d)
    const won = at.flatMap(([o, c]) => (c === null ? [] : [c / o]))
    if (at.length === 0) return '-'
    return `${((100 * won.length) / at.length).toFixed(1)}% · ${won.length ? mean(won).toFixed(3) : '-'}`
  })
  console.log(`| ${d} | ${pairs.filter((p) => p.optimal === d).length} | ${cells.join(' | ')} |`)
}
console.log('')
console.log(
  `process RSS at the end: ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB (includes every article text)`,
)
if (failures.length) {
  console.log('')
  console.log(`AI failures (${failures.length}):`)
  for (const f of failures) console.log(`- ${f}`)
}
