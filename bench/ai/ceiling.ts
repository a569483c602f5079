// Ceiling analysis: how far could a player get on the hard set if it were allowed to see further?
//   bun bench/ai/ceiling.ts [pairs.tsv] [--players ai,greedy,k2,k3] [--limit N] [--offset N] [--split N]
// Plays every pair with the fair AI (one click of look-ahead: the fairness rule), the TF-IDF greedy
// player (no look-ahead), and the same AI given k = 2 and 3 clicks of look-ahead around every page it
// stands on (it reads every page within k clicks: that CHEATS, and exists only to measure what seeing
// further would be worth; the estimate, planner and parameters are the fair AI's). Prints success and
// clicks/optimal (mean of ratios over successes) for the tuning half (pairs before --split, default 100:
// the half the AI's parameters were chosen on) and the held-out half beside each other, then per optimal
// distance. Env AI_STEP_LIMIT (default 30). Several minutes per player on the whole hard set.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  type AiPlayer,
  createAiPlayer,
  createFileSource,
  createGreedyPlayer,
  playGame,
} from '../../libs/wiki-ai/src/index.ts'
import { readingTitle } from '../../libs/wikigraph/src/titles.ts'

const ROOT = join(import.meta.dir, '..', '..')
const args = process.argv.slice(2)
function flag(name: string): string | undefined {
  const i = args.indexOf(name)
  if (i < 0) return undefined
  return args.splice(i, 2)[1]
}
const limit = Number(flag('--limit') ?? Infinity)
const offset = Number(flag('--offset') ?? 0)
const split = Number(flag('--split') ?? 100)
const names = (flag('--players') ?? 'ai,greedy,k2,k3').split(',')
const pairsPath = args[0] ?? join(ROOT, 'libs', 'wikigraph', 'data', 'bench-hard-dev.tsv')
const stepLimit = Number(process.env.AI_STEP_LIMIT ?? 30)
const dataDir = join(ROOT, 'libs', 'wikigraph', 'data')

const pairs = readFileSync(pairsPath, 'utf8')
  .split('\n')
  .slice(1)
  .filter((l) => l.trim())
  .map((l, index) => {
    const [s = '', t = '', o = '0'] = l.split('\t')
    return { index, start: readingTitle(s), target: readingTitle(t), optimal: Number(o) }
  })
  .slice(offset, offset + limit)
const source = createFileSource(dataDir)

const players: Record<string, [string, () => AiPlayer]> = {
  ai: ['fair AI (k = 1: the fairness rule)', () => createAiPlayer({ source })],
  greedy: ['TF-IDF greedy (k = 0: no look-ahead)', () => createGreedyPlayer({ source })],
  k2: ['AI seeing k = 2 clicks ahead (cheats)', () => createAiPlayer({ source, lookahead: 2 })],
  k3: ['AI seeing k = 3 clicks ahead (cheats)', () => createAiPlayer({ source, lookahead: 3 })],
}

interface Game {
  index: number
  optimal: number
  clicks: number | null
}
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN)
const cell = (games: Game[]) => {
  if (games.length === 0) return '-'
  const won = games.flatMap((g) => (g.clicks === null ? [] : [g.clicks / g.optimal]))
  return `${((100 * won.length) / games.length).toFixed(1)}% · ${won.length ? mean(won).toFixed(3) : '-'}`
}

const results: [string, Game[], number[]][] = []
for (const name of names) {
  const entry = players[name]
  if (!entry) throw new Error(`unknown player ${name} (ai, greedy, k2, k3)`)
  const [label, make] = entry
  const player = make()
  const games: Game[] = []
  const ms: number[] = []
  const t0 = performance.now()
  for (const p of pairs) {
    const r = await playGame(player, source, p.start, p.target, stepLimit)
    ms.push(...r.moveMs)
    games.push({ index: p.index, optimal: p.optimal, clicks: r.success ? r.moves.length : null })
    if (games.length % 20 === 0 || games.length === pairs.length)
      console.error(
        `${name}: ${games.length}/${pairs.length}, ${games.filter((g) => g.clicks !== null).length} won (${Math.round((performance.now() - t0) / 1000)} s)`,
      )
  }
  results.push([label, games, ms])
}

const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(0.99 * (xs.length - 1))] ?? NaN
console.log(
  `ceiling analysis: ${pairs.length} pairs of ${pairsPath} (offset ${offset}); tuning half = pairs before ${split}; step limit ${stepLimit}`,
)
console.log('success · clicks/optimal (mean of ratios over successes)')
console.log('')
console.log('| player | tuning half | held-out half | all | ms/move p50 | p99 |')
console.log('| --- | --- | --- | --- | --- | --- |')
for (const [label, games, ms] of results) {
  const sorted = [...ms].sort((a, b) => a - b)
  console.log(
    `| ${label} | ${cell(games.filter((g) => g.index < split))} | ${cell(games.filter((g) => g.index >= split))} | ${cell(games)} | ${(sorted[Math.floor(sorted.length / 2)] ?? NaN).toFixed(1)} | ${p99(ms).toFixed(1)} |`,
  )
}
console.log('')
console.log('Per optimal distance (all pairs):')
console.log('')
console.log(`| optimal | pairs | ${results.map(([l]) => l).join(' | ')} |`)
console.log(`| --- | --- | ${results.map(() => '---').join(' | ')} |`)
for (const d of [...new Set(pairs.map((p) => p.optimal))].sort((a, b) => a - b)) {
  const cells = results.map(([, games]) => cell(games.filter((g) => g.optimal === d)))
  console.log(`| ${d} | ${pairs.filter((p) => p.optimal === d).length} | ${cells.join(' | ')} |`)
}
console.log(
  `\ncommand: AI_STEP_LIMIT=${stepLimit} bun bench/ai/ceiling.ts ${process.argv.slice(2).join(' ')}`.trimEnd(),
)
