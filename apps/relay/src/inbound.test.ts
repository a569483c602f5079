import { describe, expect, it } from 'bun:test'
import { readInbound } from './inbound.ts'

const host = { role: 'host' as const }
const code = (r: ReturnType<typeof readInbound>) => (r.ok ? 'ok' : r.code)

describe('client frames', () => {
  it('adds `from` and overwrites a forged one', () => {
    const r = readInbound(
      JSON.stringify({ type: 'select_question', question: 'q1', from: { role: 'host' } }),
      { role: 'player', playerId: 'p1' },
      16384,
    )
    expect(r.ok && JSON.parse(r.text)).toEqual({
      type: 'select_question',
      question: 'q1',
      from: { role: 'player', playerId: 'p1' },
    })
  })

  it('refuses every bad input with its own code', () => {
    expect(code(readInbound(Buffer.from('{}'), host, 16384))).toBe('BINARY_NOT_SUPPORTED')
    expect(code(readInbound('{nope', host, 16384))).toBe('INVALID_JSON')
    expect(code(readInbound('[1]', host, 16384))).toBe('INVALID_MESSAGE')
    expect(code(readInbound('"x"', host, 16384))).toBe('INVALID_MESSAGE')
    expect(code(readInbound('{"a":1}', host, 16384))).toBe('INVALID_MESSAGE')
    expect(code(readInbound('{"type":7}', host, 16384))).toBe('INVALID_MESSAGE')
    expect(code(readInbound('{"type":"a b"}', host, 16384))).toBe('INVALID_MESSAGE')
    expect(code(readInbound('{"type":"update_score"}', host, 16384))).toBe('RESERVED_TYPE')
    expect(code(readInbound('{"type":"welcome"}', host, 16384))).toBe('RESERVED_TYPE')
    expect(code(readInbound('{"type":"x"}', { role: 'spectator' }, 16384))).toBe('READ_ONLY')
  })

  it('measures the limit in UTF-8 bytes', () => {
    const ascii = JSON.stringify({ type: 'x', pad: 'a'.repeat(16384 - 24) })
    expect(Buffer.byteLength(ascii)).toBeLessThanOrEqual(16384)
    expect(code(readInbound(ascii, host, 16384))).toBe('ok')
    const wide = JSON.stringify({ type: 'x', pad: 'é'.repeat(9000) })
    expect(wide.length).toBeLessThan(16384)
    expect(code(readInbound(wide, host, 16384))).toBe('MESSAGE_TOO_LARGE')
  })
})
