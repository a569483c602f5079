import { describe, expect, test } from 'bun:test'
import { unescapeText } from './source.ts'
import { displayTitle, splitArticle, stem, tokenize } from './text.ts'

describe('text helpers', () => {
  test('decodes escaped titles for display', () => {
    expect(displayTitle('Football_%28soccer%29')).toBe('Football (soccer)')
    expect(displayTitle('%C3%81ed%C3%A1n_mac_Gabr%C3%A1in')).toBe('Áedán mac Gabráin')
    expect(displayTitle('Bad_%ZZ')).toBe('Bad %ZZ')
  })

  test('unescapes the plaintext TSV escapes', () => {
    expect(unescapeText('a\\nb\\tc\\\\n')).toBe('a\nb\tc\\n')
  })

  test('tokenizes with accent folding, stemming and stop words', () => {
    expect(tokenize('The Countries of Åland, 1,000 wars in 1914')).toEqual(['country', 'aland', 'war', '1914'])
    expect(stem('glass')).toBe('glass')
  })

  test('splits subjects from the body', () => {
    const p = splitArticle(
      '   #copyright\n\nX\n\n2007 Schools Wikipedia Selection. Related subjects: Countries; European\nCountries\n\n   Body.\n',
    )
    expect(p.subjects).toEqual(['Countries', 'European Countries'])
    expect(p.body.trim()).toBe('Body.')
  })
})
