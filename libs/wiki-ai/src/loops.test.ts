// No loops on the real graph: in real hard games (the kind that wander longest), the player stands on a
// page again only when backtracking on purpose, i.e. on a known route to a page it has not stood on yet,
// and never shuttles between two pages. The small-wiki version is in player.test.ts.
import { describe, expect, test } from 'bun:test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readingTitle } from '@gamenight/wikigraph'
import { createAiPlayer } from './player.ts'
import { createFileSource } from './source.ts'

const data = join(import.meta.dir, '..', '..', 'wikigraph', 'data')
// Every 40th pair of the hard set: targets that are found late or not at all, so long walks.
const pairs = readFileSync(join(data, 'bench-hard-dev.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter((l) => l.trim())
  .filter((_, i) => i % 40 === 0)
  .map((l) => l.split('\t').slice(0, 2).map(readingTitle) as [string, string])

describe('AI player on the real graph', () => {
  test('stands on a page again only on purpose: on the way to a page it has not stood on, never back and forth', async () => {
    const source = createFileSource(data)
    const player = createAiPlayer({ source })
    let revisits = 0
    for (const [start, target] of pairs) {
      const path = [start]
      while (path.at(-1) !== target && path.length <= 30) {
        const moves = path.slice(1)
        const move = await player.nextMove({
          startArticle: start,
          endArticle: target,
          currentArticle: path.at(-1)!,
          moves,
        })
        if (path.includes(move.article)) {
          revisits++
          // The reason names the route's goal: a page not stood on yet (planner.ts never aims at one).
          const goal = move.reason?.match(/^.+?: on the way to (.+) \(\d+ clicks\)/)?.[1]
          expect(goal, `${start} -> ${target}: ${[...path, move.article].join(' > ')}: ${move.reason}`).toBeDefined()
          expect(path).not.toContain(goal)
        }
        path.push(move.article)
        const n = path.length
        // A > B > A > B: shuttling, not backtracking.
        if (n >= 4) expect(path.slice(n - 4, n - 2), path.join(' > ')).not.toEqual(path.slice(n - 2))
      }
    }
    // The hard pairs do make it backtrack, so the checks above ran.
    expect(revisits).toBeGreaterThan(0)
  }, 120_000)
})
