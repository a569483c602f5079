import { describe, expect, it } from 'bun:test'
import { createBucket } from './bucket.ts'

const clock = () => {
  let t = 0
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

describe('flood control', () => {
  it('lets a burst through, then refuses and tells the client once per second', () => {
    const c = clock()
    const b = createBucket({ ratePerSec: 20, burst: 5, closeAfter: 100 }, c.now)
    for (let i = 0; i < 5; i++) expect(b.take()).toBe('ok')
    expect(b.take()).toBe('refuse-and-tell')
    expect(b.take()).toBe('refuse')
    c.advance(1000)
    expect(b.take()).toBe('ok')
  })

  it('never closes a client that stays at the sustained rate', () => {
    const c = clock()
    const b = createBucket({ ratePerSec: 20, burst: 40, closeAfter: 10 }, c.now)
    for (let i = 0; i < 2000; i++) {
      c.advance(50)
      expect(b.take()).toBe('ok')
    }
  })

  it('closes a client that keeps flooding after being refused', () => {
    const c = clock()
    const b = createBucket({ ratePerSec: 20, burst: 40, closeAfter: 60 }, c.now)
    const verdicts: string[] = []
    for (let i = 0; i < 1000 && verdicts.at(-1) !== 'close'; i++) {
      c.advance(5) // 200 messages a second
      verdicts.push(b.take())
    }
    expect(verdicts.at(-1)).toBe('close')
    expect(verdicts.filter((v) => v === 'ok').length).toBeGreaterThanOrEqual(40)
    expect(verdicts).toContain('refuse-and-tell')
  })
})
