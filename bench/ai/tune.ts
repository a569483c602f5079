// Tuning helper: bun bench/ai/tune.ts '<json params>' ['<json params>' ...]
// Plays the AI on a slice of a pair file (env PAIRS, default bench-dev.tsv; FROM, TO, default the
// first 250 = bench-dev's tuning half; the hard set's tuning half is FROM=0 TO=100) once per
// parameter set, sharing one loaded data set. Prints success and clicks/optimal.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createAiPlayer, createFileSource, playGame } from '../../libs/wiki-ai/src/index.ts'
import { readingTitle } from '../../libs/wikigraph/src/titles.ts'

const dataDir = join(import.meta.dir, '..', '..', 'libs', 'wikigraph', 'data')
const from = Number(process.env.FROM ?? 0)
const to = Number(process.env.TO ?? 250)
const pairs = readFileSync(process.env.PAIRS ?? join(dataDir, 'bench-dev.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter((l) => l.trim())
  .map((l) => l.split('\t'))
  .slice(from, to)
const source = createFileSource(dataDir)
for (const arg of process.argv.slice(2)) {
  const player = createAiPlayer({ source, params: JSON.parse(arg) })
  let ok = 0
  let ratio = 0
  let clicks = 0
  let opt = 0
  for (const [s = '', t = '', o = '1'] of pairs) {
    const r = await playGame(player, source, readingTitle(s), readingTitle(t), 30)
    if (!r.success) continue
    ok++
    ratio += r.moves.length / Number(o)
    clicks += r.moves.length
    opt += Number(o)
  }
  console.log(
    `${JSON.stringify(Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('VEC_'))))} ${arg}\tsuccess ${ok}/${pairs.length}\tratio ${(ratio / ok).toFixed(4)}\tsums ${(clicks / opt).toFixed(4)}`,
  )
}
