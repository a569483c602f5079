// Keeps the worker's resident memory under AI_MEMORY_CEILING_MB. Flat out, the AI reads hundreds of
// ~21 KB articles per move and JSC collects that garbage late, so RSS climbs well past what the caches
// hold. Before taking each new turn the consumer asks `admit()`. Near the ceiling the worker forces a full
// collection; if that is not enough it also drops its caches (they never change an answer, only cost
// re-reads, so they go last). At the ceiling it takes no new turn while others are in flight. It never
// stops altogether (a worker that cannot fit one turn under the ceiling still plays one at a time), so a
// too-low ceiling slows games down, never stalls them.

/** What the worker should do at a given resident memory. */
export type Pressure = 'ok' | 'collect' | 'pause'

/** Fraction of the ceiling from which the worker collects (below it nothing happens). */
export const COLLECT_AT = 0.85

/**
 * The policy, a pure function: `rssMb` and `ceilingMb` in MiB. Below COLLECT_AT · ceiling 'ok'; from there
 * to the ceiling 'collect' (collect garbage, then drop caches if still there; keep playing); at or above
 * the ceiling 'pause'.
 */
export function pressure(rssMb: number, ceilingMb: number): Pressure {
  if (rssMb >= ceilingMb) return 'pause'
  if (rssMb >= COLLECT_AT * ceilingMb) return 'collect'
  return 'ok'
}

export interface MemoryCeiling {
  /**
   * Whether a new turn may start now, given how many are in flight. Collects (and sheds) when needed, at
   * most once per `collectEveryMs`. Always true when nothing is in flight: the worker never stops playing.
   */
  admit(inFlight: number): boolean
  /** Forced collections, cache drops, and turns held back since start. */
  stats(): { collects: number; sheds: number; pauses: number }
}

export function createMemoryCeiling(deps: {
  ceilingMb: number
  /** Drops every cache (digests, whole articles, score tables). */
  shed: () => void
  /** Resident memory in bytes; process.memoryUsage.rss by default. */
  rss?: () => number
  /** Full garbage collection; Bun.gc(true) by default. */
  collect?: () => void
  now?: () => number
  collectEveryMs?: number
  /** Called after each cache drop with the RSS before the collection and after the drop, in MiB. */
  onShed?: (beforeMb: number, afterMb: number) => void
  /** Called when a turn is held back. */
  onPause?: () => void
}): MemoryCeiling {
  const rss = deps.rss ?? (() => process.memoryUsage.rss())
  const collect = deps.collect ?? (() => Bun.gc(true))
  const now = deps.now ?? Date.now
  const collectEveryMs = deps.collectEveryMs ?? 1000
  const mb = () => rss() / 2 ** 20
  let last = -Infinity
  let collects = 0
  let sheds = 0
  let pauses = 0
  return {
    admit(inFlight) {
      let p = pressure(mb(), deps.ceilingMb)
      if (p !== 'ok' && now() - last >= collectEveryMs) {
        last = now()
        const before = mb()
        collect()
        collects++
        p = pressure(mb(), deps.ceilingMb)
        if (p !== 'ok') {
          deps.shed()
          collect()
          collects++
          sheds++
          p = pressure(mb(), deps.ceilingMb)
          deps.onShed?.(before, mb())
        }
      }
      if (p !== 'pause' || inFlight === 0) return true
      pauses++
      deps.onPause?.()
      return false
    },
    stats: () => ({ collects, sheds, pauses }),
  }
}
