import { expect, it } from 'bun:test'
import { join } from 'node:path'
import { loadTitles } from '../../../libs/wiki-ai/src/source.ts'
import { encodedTitle, readingTitle } from './titles.ts'

// The worker keys articles for libs/wiki-ai by encodedTitle(reading form). That key need not be the
// data set's name (`Avatar__The_Last_Airbender` reads as "Avatar The Last Airbender"), but it must
// map back to the same reading form the api uses, and no two articles may share one.
it('keys every article by a distinct encoded title that maps back to its reading form', () => {
  const titles = loadTitles(join(import.meta.dir, '..', '..', '..', 'libs', 'wikigraph', 'data'))
  expect(titles.length).toBeGreaterThan(4000)
  const keys = titles.map((t) => encodedTitle(readingTitle(t)))
  expect(new Set(keys).size).toBe(titles.length)
  expect(titles.filter((t, i) => readingTitle(keys[i]!) !== readingTitle(t))).toEqual([])
  expect(titles.filter((t, i) => t.includes('%') && keys[i] !== t)).toEqual([])
})
