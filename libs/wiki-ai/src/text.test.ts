import { describe, expect, test } from 'bun:test'
import { splitArticle, stem, tokenize } from './text.ts'

describe('text helpers', () => {
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
