// Stress set for the fair AI: pairs whose target has few in-links (1-3) in the whole graph, the kind
// of target the dev set's failures had. The graph is used here only to CHOOSE pairs and their optimal
// distance (benchmark side); the player never sees it.
// Usage: bun bench/ai/hard-pairs.ts [N=60] [seed=7] > /tmp/hard.tsv; then bun run bench:ai /tmp/hard.tsv --players ai
import { join } from 'node:path'
import { shortestPath } from '../../libs/wiki-ai/src/optimal.ts'
import { loadLinks, loadTitles } from '../../libs/wiki-ai/src/source.ts'
import { encodedName } from '../../libs/wikigraph/src/titles.ts'

const n = Number(process.argv[2] ?? 60)
let seed = Number(process.argv[3] ?? 7)
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
const dataDir = join(import.meta.dir, '..', '..', 'libs', 'wikigraph', 'data')
const titles = loadTitles(dataDir)
const links = loadLinks(dataDir, titles)
const indeg = new Map<string, number>()
for (const ls of links.values()) for (const l of ls) indeg.set(l, (indeg.get(l) ?? 0) + 1)
const hard = titles.filter((t) => {
  const d = indeg.get(t) ?? 0
  return d >= 1 && d <= 3
})
const starts = titles.filter((t) => (links.get(t)?.length ?? 0) > 0)
console.log('start\ttarget\toptimal\tattempts\tsuccesses\thuman_mean_clicks')
let made = 0
while (made < n) {
  const target = hard[Math.floor(rand() * hard.length)] as string
  const start = starts[Math.floor(rand() * starts.length)] as string
  const p = start === target ? null : shortestPath(links, start, target)
  if (!p) continue
  // Encoded names, as the data set's own pair files (bench-dev.tsv) write them.
  console.log(`${encodedName(start)}\t${encodedName(target)}\t${p.length - 1}\t0\t0\t`)
  made++
}
