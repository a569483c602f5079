import { describe, expect, it } from 'bun:test'
import { gzipSync } from 'node:zlib'
import { parseLinks, parsePlaintext, unescapeText } from './parse.ts'

describe('parsers', () => {
  it('unescapes the plaintext TSV escapes', () => {
    expect(unescapeText('a\\nb\\tc\\\\n')).toBe('a\nb\tc\\n')
  })

  it('reads plaintext rows after the header, keeping the escapes', () => {
    const gz = gzipSync('article\ttext\nAC_DC\tAC/DC\\nrock\n')
    expect(parsePlaintext(gz)).toEqual([['AC_DC', 'AC/DC\\nrock']])
  })

  it('skips comment and blank lines of the SNAP files', () => {
    expect(parseLinks('# a comment\n\nA\tB\nB\tC\n')).toEqual([
      ['A', 'B'],
      ['B', 'C'],
    ])
  })
})
