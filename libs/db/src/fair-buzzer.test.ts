import { describe, expect, it } from 'bun:test'
import { arbitrationWindowMs, type FairBuzzerConfig, reactionMs } from './fair-buzzer.ts'

const cfg: FairBuzzerConfig = { windowMaxMs: 250, toleranceMs: 40, minReactionMs: 100, lockoutMs: 500 }
// The buzzers opened at 10 000 (database clock) and were announced at 10 005.
const at = { openedAt: 10_000, announcedAt: 10_005 }

describe('the arbitration window', () => {
  it('is 0 without any measured delay: the first press wins at once', () => {
    expect(arbitrationWindowMs([], cfg)).toBe(0)
  })
  it('covers twice the slowest one-way delay plus the tolerance, at most the maximum', () => {
    expect(arbitrationWindowMs([10, 30], cfg)).toBe(100)
    expect(arbitrationWindowMs([10, 200], cfg)).toBe(250)
  })
})

describe('reaction times', () => {
  it('counts a measured delay at most the window maximum, so a phone faking a slow link gains no more', () => {
    // Measured 2 s one way (its pongs held back); really pressed at 10 600, arrived 10 610, claims 10 100.
    const far = { offsetMs: 0, delayMs: 2000 }
    const r = reactionMs({ ...at, arrivedAt: 10_610, clock: far, claim: { sawOpenAt: 10_000, pressedAt: 10_100 } }, cfg)
    expect(r).toEqual({ reactionMs: 10_610 - 250 - 40 - 10_000, trusted: true })
  })
  const clock = { offsetMs: 5000, delayMs: 200 }
  it("uses the phone's own press − saw-open when it fits its measured delay (no offset error)", () => {
    // Saw it at 10 205 server time (15 205 on the phone), pressed 150 ms later, arrived 200 ms after that.
    const r = reactionMs({ ...at, arrivedAt: 10_555, clock, claim: { sawOpenAt: 15_205, pressedAt: 15_355 } }, cfg)
    expect(r).toEqual({ reactionMs: 150, trusted: true })
  })
  it('clamps a press claimed earlier than arrival − delay − tolerance', () => {
    // Really pressed at 10 355 (arrived 10 555); claims 10 225.
    const r = reactionMs({ ...at, arrivedAt: 10_555, clock, claim: { sawOpenAt: 15_205, pressedAt: 15_225 } }, cfg)
    expect(r.reactionMs).toBe(10_555 - 200 - 40 - 10_205)
  })
  it('clamps a sight of the opening claimed later than announcement + delay + tolerance', () => {
    const r = reactionMs({ ...at, arrivedAt: 10_755, clock, claim: { sawOpenAt: 15_435, pressedAt: 15_555 } }, cfg)
    expect(r).toEqual({ reactionMs: 10_555 - (10_005 + 200 + 40), trusted: true })
  })
  it('does not trust a reaction under the human floor, and falls back to the server estimate', () => {
    const r = reactionMs({ ...at, arrivedAt: 10_500, clock, claim: { sawOpenAt: 15_250, pressedAt: 15_300 } }, cfg)
    expect(r).toEqual({ reactionMs: 10_500 - 10_000 - 400, trusted: false })
  })
  it('estimates from arrival − opening (− 2 × delay when measured) without claims, never below 0', () => {
    expect(reactionMs({ ...at, arrivedAt: 10_700 }, cfg)).toEqual({ reactionMs: 700, trusted: false })
    expect(reactionMs({ ...at, arrivedAt: 10_700, clock }, cfg)).toEqual({ reactionMs: 300, trusted: false })
    expect(reactionMs({ ...at, arrivedAt: 10_100, clock }, cfg).reactionMs).toBe(0)
    // Claims without a measured clock cannot be checked: not trusted.
    expect(reactionMs({ ...at, arrivedAt: 10_700, claim: { sawOpenAt: 1, pressedAt: 500 } }, cfg).trusted).toBe(false)
  })
})
