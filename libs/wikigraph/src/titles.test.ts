import { describe, expect, it } from 'bun:test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { titleAliases } from './load.ts'
import { parseArticles, parsePlaintext } from './parse.ts'
import { encodedName, readingTitle, writtenTitle } from './titles.ts'

describe('readingTitle', () => {
  it('decodes the data set form and turns underscores into spaces', () => {
    expect(readingTitle('Georgia_%28country%29')).toBe('Georgia (country)')
    expect(readingTitle('%C3%81ed%C3%A1n_mac_Gabr%C3%A1in')).toBe('Áedán mac Gabráin')
    expect(readingTitle('%E2%82%AC2_commemorative_coins')).toBe('€2 commemorative coins')
    expect(readingTitle('Women%27s_rights')).toBe("Women's rights")
  })

  it('accepts the reading form, underscores, and partial encodings alike', () => {
    for (const v of [
      'Georgia (country)',
      'Georgia_(country)',
      'Georgia%20%28country%29',
      '  Georgia   (country) ',
      'Georgia_%28country)',
    ])
      expect(readingTitle(v)).toBe('Georgia (country)')
    expect(readingTitle('Áedán_mac_Gabráin')).toBe('Áedán mac Gabráin')
    expect(readingTitle('Avatar__The_Last_Airbender')).toBe('Avatar The Last Airbender')
  })

  it('decodes a name that was encoded again for a URL path', () => {
    expect(readingTitle(encodeURIComponent('%C3%81ed%C3%A1n_mac_Gabr%C3%A1in'))).toBe('Áedán mac Gabráin')
  })

  it('leaves a stray percent sign alone instead of throwing', () => {
    expect(readingTitle('100% cotton')).toBe('100% cotton')
    expect(readingTitle('%E2%82')).toBe('%E2%82')
  })
})

describe('encodedName', () => {
  it('encodes exactly as the data set does', () => {
    expect(encodedName('Georgia (country)')).toBe('Georgia_%28country%29')
    expect(encodedName('Áedán mac Gabráin')).toBe('%C3%81ed%C3%A1n_mac_Gabr%C3%A1in')
    expect(encodedName("Women's rights")).toBe('Women%27s_rights')
  })

  it('round-trips every one of the 4,604 article names (double underscores, once colons, read as one space)', () => {
    const names = parseArticles(readFileSync(join(import.meta.dir, '..', 'data', 'articles.tsv'), 'utf8'))
    expect(names).toHaveLength(4604)
    const titles = new Set<string>()
    for (const n of names) {
      const t = readingTitle(n)
      titles.add(t)
      expect(encodedName(t)).toBe(n.replace(/__+/g, '_'))
    }
    expect(titles.size).toBe(4604)
  })
})

describe('title aliases', () => {
  it("reads the title an article's text writes", () => {
    expect(writtenTitle('   #copyright\n\nAC/DC\n\n2007 Schools Wikipedia Selection.')).toBe('AC/DC')
    expect(writtenTitle('no header here')).toBeNull()
  })

  it('keeps the real-world spelling of the data set names that differ (slashes, colons, British spelling)', () => {
    const dir = join(import.meta.dir, '..', 'data')
    const names = parseArticles(readFileSync(join(dir, 'articles.tsv'), 'utf8'))
    const aliases = titleAliases(names, new Map(parsePlaintext(readFileSync(join(dir, 'plaintext_articles.tsv.gz')))))
    expect(aliases.get('AC_DC')).toBe('AC/DC')
    expect(aliases.get('Avatar__The_Last_Airbender')).toBe('Avatar: The Last Airbender')
    expect(aliases.get('Color')).toBe('Colour')
    expect(aliases.has('Cat')).toBe(false)
    // The fundraising pages' "title" is an image: no alias.
    expect(aliases.has('Donation')).toBe(false)
    expect(aliases.size).toBeGreaterThan(50)
    expect(aliases.size).toBeLessThan(70)
  })
})
