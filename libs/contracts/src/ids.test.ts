import { describe, expect, it } from 'bun:test'
import { joinCode, normaliseJoinCode } from './ids.ts'

describe('join codes', () => {
  it('are the first 8 hex digits of the game id, upper-case', () => {
    expect(joinCode('3f2a91bc-0000-4000-8000-000000000000')).toBe('3F2A91BC')
  })

  it('forgive spaces, dashes and case', () => {
    expect(normaliseJoinCode(' 3f2a-91BC ')).toBe('3f2a91bc')
  })

  it('read O as 0 and I or L as 1, never ambiguous since none is a hex digit', () => {
    expect(normaliseJoinCode('BO12O8D7')).toBe('b01208d7')
    expect(normaliseJoinCode('bo12 o8d7')).toBe('b01208d7')
    expect(normaliseJoinCode('I0L0iolO')).toBe('10101010')
  })

  it('refuse anything else', () => {
    expect(normaliseJoinCode('zz12')).toBeNull()
    expect(normaliseJoinCode('3f2a91b')).toBeNull()
    expect(normaliseJoinCode('')).toBeNull()
  })
})
