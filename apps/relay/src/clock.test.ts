import { describe, expect, it } from 'bun:test'
import { clockSample, createClockFilter } from './clock.ts'

describe('phone clock samples', () => {
  it('gives the round trip without the phone time and the offset of a phone 5 s ahead over a symmetric 200 ms link', () => {
    // Server sends at 1000; it arrives 200 ms later (phone clock +5000), the phone answers 3 ms later.
    const s = clockSample(1000, 6200, 6203, 1403)
    expect(s).toEqual({ rttMs: 400, offsetMs: 5000 })
  })

  it('refuses impossible exchanges', () => {
    expect(clockSample(1000, 2000, 1990, 1100)).toBeNull()
    expect(clockSample(1000, 2000, 2000, 900)).toBeNull()
    expect(clockSample(1000, Number.NaN, 2000, 1100)).toBeNull()
  })

  it('keeps the lowest round trip of the last N samples, forgetting older ones', () => {
    const f = createClockFilter(3)
    expect(f.add({ rttMs: 50, offsetMs: 7 })).toEqual({ offsetMs: 7, delayMs: 25 })
    expect(f.add({ rttMs: 300, offsetMs: 90 })).toEqual({ offsetMs: 7, delayMs: 25 })
    f.add({ rttMs: 80, offsetMs: 10 })
    // The 50 ms sample falls out of the window of 3.
    expect(f.add({ rttMs: 120, offsetMs: 20 })).toEqual({ offsetMs: 10, delayMs: 40 })
    expect(f.size).toBe(3)
  })
})
