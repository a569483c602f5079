import { describe, expect, it } from 'bun:test'
import { linkify, paragraphs } from './article.ts'

const TEXT =
  '   #copyright\n\nCat\n\n2007 Schools Wikipedia Selection. Related subjects: Mammals\n\n   The cat lives in Europe and in\n   Georgia, and Europe again.\n\nHistory\n\n   Cats met Albert Einstein.\n'

describe('article text', () => {
  it('drops the dump header, joins wrapped lines and finds headings', () => {
    expect(paragraphs(TEXT, 'Cat')).toEqual([
      { kind: 'p', text: 'The cat lives in Europe and in Georgia, and Europe again.' },
      { kind: 'h', text: 'History' },
      { kind: 'p', text: 'Cats met Albert Einstein.' },
    ])
  })

  it('links the first mention of each link (also without its parenthetical) and lists the rest', () => {
    const { blocks, unplaced } = linkify(TEXT, 'Cat', ['Europe', 'Georgia (country)', 'Albert Einstein', 'Dog'])
    expect(blocks[0]!.segments).toEqual([
      'The cat lives in ',
      { link: 'Europe', text: 'Europe' },
      ' and in ',
      { link: 'Georgia (country)', text: 'Georgia' },
      ', and Europe again.',
    ])
    expect(blocks[2]!.segments).toContainEqual({ link: 'Albert Einstein', text: 'Albert Einstein' })
    expect(unplaced).toEqual(['Dog'])
  })

  it('keeps an image caption once', () => {
    expect(paragraphs('   A sphinx (c. 2500 BC)\n   Enlarge\n   A sphinx (c. 2500 BC)\n\n   Body.\n', 'X')).toEqual([
      { kind: 'c', text: 'A sphinx (c. 2500 BC)' },
      { kind: 'p', text: 'Body.' },
    ])
  })

  it('splits bulleted lists into items', () => {
    expect(paragraphs('   * 1401: Timur sacks\n     Baghdad.\n   * 1402: Ankara.\n', 'X')).toEqual([
      { kind: 'li', text: '1401: Timur sacks Baghdad.' },
      { kind: 'li', text: '1402: Ankara.' },
    ])
  })

  it('does not link inside a longer word', () => {
    const { blocks } = linkify('   Catalonia is not a cat.\n', 'X', ['Cat'])
    expect(blocks[0]!.segments).toEqual(['Catalonia is not a ', { link: 'Cat', text: 'cat' }, '.'])
  })
})
