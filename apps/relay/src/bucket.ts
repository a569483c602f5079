// Flood control per connection: a token bucket (rate/s sustained, `burst` at once). Messages
// refused for rate pile up as debt that drains at 2/s; a client whose debt passes `closeAfter`
// has kept flooding after being told so and is closed (1008). A brief burst never closes anyone.
export type Bucket = ReturnType<typeof createBucket>
export type Verdict = 'ok' | 'refuse' | 'refuse-and-tell' | 'close'

const DEBT_DECAY_PER_SEC = 2
const TELL_EVERY_MS = 1000

export function createBucket(
  opts: { ratePerSec: number; burst: number; closeAfter: number },
  now: () => number = performance.now.bind(performance),
) {
  let tokens = opts.burst
  let debt = 0
  let last = now()
  let toldAt = -Infinity
  return {
    take(): Verdict {
      const t = now()
      const dt = (t - last) / 1000
      last = t
      tokens = Math.min(opts.burst, tokens + dt * opts.ratePerSec)
      debt = Math.max(0, debt - dt * DEBT_DECAY_PER_SEC)
      if (tokens >= 1) {
        tokens -= 1
        return 'ok'
      }
      debt += 1
      if (debt > opts.closeAfter) return 'close'
      // One error per second at most, so a flood is not answered with a flood.
      if (t - toldAt >= TELL_EVERY_MS) {
        toldAt = t
        return 'refuse-and-tell'
      }
      return 'refuse'
    },
  }
}
