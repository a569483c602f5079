// For the library's unit tests only (not exported): a seeded shuffle, so an out-of-order delivery
// that fails is replayed exactly.
export function shuffle<T>(xs: T[], seed: number): T[] {
  const out = xs.slice()
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    const j = seed % (i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}
