import { describe, expect, it } from 'bun:test'
import { nameKey, normalisePlayerName, PLAYER_NAME_MAX, suggestName } from './player-name.ts'

const name = (raw: string) => {
  const r = normalisePlayerName(raw)
  return r.ok ? r.name : null
}

describe('player names', () => {
  it('trims, collapses whitespace and composes to NFC', () => {
    expect(name('  Ada  ')).toBe('Ada')
    expect(name('Ada\n\tLovelace')).toBe('Ada Lovelace')
    expect(name('\u00a0Bob\u3000 Jr ')).toBe('Bob Jr')
    expect(name('Zoe\u0308')).toBe('Zoë')
  })

  it('removes control, bidi-override and zero-width characters', () => {
    expect(name('bad\u0000name')).toBe('badname')
    expect(name('A\u202Eevil\u202C')).toBe('Aevil')
    expect(name('\u2066Iso\u2069')).toBe('Iso')
    expect(name('Al\u200Bi\uFEFFce\u00AD')).toBe('Alice')
  })

  it('keeps what emoji need: a joiner between pictographs and a variation selector after a character', () => {
    expect(name('👩\u200D🚀')).toBe('👩\u200D🚀')
    expect(name('❤\uFE0F')).toBe('❤\uFE0F')
    expect(name('a\u200Db')).toBe('ab')
  })

  it('refuses a name with nothing visible left', () => {
    for (const raw of ['   ', '\u200B', '\u200B\u200C\u2060', '\u3164', '\u0301', '\uFE0F', '\u202E\u202C', '\t\n'])
      expect(normalisePlayerName(raw)).toEqual({ ok: false, message: 'the name has no visible characters' })
  })

  it('compares names ignoring case and width', () => {
    expect(nameKey('ALICE')).toBe(nameKey('alice'))
    expect(nameKey('Ａｌｉｃｅ')).toBe(nameKey('Alice'))
    expect(nameKey('STRASSE')).toBe(nameKey('Straße'))
    expect(nameKey('Ada')).not.toBe(nameKey('Ana'))
  })

  it('suggests the first free numbered variant that still fits', () => {
    expect(suggestName('Alice', new Set([nameKey('Alice')]))).toBe('Alice 2')
    expect(suggestName('Alice', new Set(['alice', 'alice 2', 'alice 3']))).toBe('Alice 4')
    const long = 'x'.repeat(PLAYER_NAME_MAX)
    const s = suggestName(long, new Set([long]))
    expect(s.length).toBeLessThanOrEqual(PLAYER_NAME_MAX)
    expect(s.endsWith(' 2')).toBe(true)
    // Never cuts an emoji in half.
    const astro = '👩\u200D🚀'.repeat(8)
    expect(suggestName(astro, new Set())).toBe(`${'👩\u200D🚀'.repeat(7)} 2`)
  })
})
