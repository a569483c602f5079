import { describe, expect, test } from 'bun:test'
import { COLLECT_AT, createMemoryCeiling, pressure } from './memory-ceiling.ts'

const MB = 2 ** 20

/** A ceiling over a fake RSS that a collection lowers by `garbageMb` and a cache drop by `cachesMb`. */
function fixture(ceilingMb: number, startMb: number, garbageMb: number, cachesMb: number) {
  const state = { rssMb: startMb, now: 0, collects: 0, sheds: 0, garbageMb, cachesMb }
  const ceiling = createMemoryCeiling({
    ceilingMb,
    rss: () => state.rssMb * MB,
    collect: () => {
      state.collects++
      state.rssMb -= state.garbageMb
      state.garbageMb = 0
    },
    shed: () => {
      state.sheds++
      state.rssMb -= state.cachesMb
      state.cachesMb = 0
    },
    now: () => state.now,
    collectEveryMs: 1000,
  })
  return { state, ceiling }
}

describe('memory ceiling', () => {
  test('policy: nothing below the collect mark, collect from it, pause at the ceiling', () => {
    expect(pressure(100, 240)).toBe('ok')
    expect(pressure(COLLECT_AT * 240 - 0.1, 240)).toBe('ok')
    expect(pressure(COLLECT_AT * 240, 240)).toBe('collect')
    expect(pressure(239.9, 240)).toBe('collect')
    expect(pressure(240, 240)).toBe('pause')
    expect(pressure(400, 240)).toBe('pause')
  })

  test('below the collect mark every turn is admitted and nothing is collected or dropped', () => {
    const { state, ceiling } = fixture(240, 150, 50, 20)
    for (let n = 0; n < 4; n++) expect(ceiling.admit(n)).toBe(true)
    expect([state.collects, state.sheds]).toEqual([0, 0])
  })

  test('near the ceiling a collection that frees enough keeps the caches', () => {
    const { state, ceiling } = fixture(240, 220, 50, 20)
    expect(ceiling.admit(3)).toBe(true)
    expect([state.collects, state.sheds, state.rssMb]).toEqual([1, 0, 170])
  })

  test('when collecting is not enough it drops the caches too, and keeps taking turns below the ceiling', () => {
    const { state, ceiling } = fixture(240, 230, 10, 30)
    expect(ceiling.admit(3)).toBe(true)
    expect([state.collects, state.sheds, state.rssMb]).toEqual([2, 1, 190])
    expect(ceiling.stats()).toEqual({ collects: 2, sheds: 1, pauses: 0 })
  })

  test('still over the ceiling it holds back new turns while one is in flight, never the only one', () => {
    const { state, ceiling } = fixture(240, 300, 5, 5)
    expect(ceiling.admit(2)).toBe(false)
    expect(state.sheds).toBe(1)
    // Collecting again within a second would only burn CPU on a heap that was just collected.
    expect(ceiling.admit(1)).toBe(false)
    expect(state.collects).toBe(2) // the collection and the one after the drop
    expect(ceiling.admit(0)).toBe(true)
    state.now += 1000
    state.rssMb = 200 // the turns in flight finished and their garbage was collected
    expect(ceiling.admit(1)).toBe(true)
    expect(ceiling.stats()).toEqual({ collects: 2, sheds: 1, pauses: 2 })
  })

  test('collects again once the interval has passed if memory climbs back', () => {
    const { state, ceiling } = fixture(240, 230, 30, 0)
    expect(ceiling.admit(0)).toBe(true)
    state.rssMb = 233
    state.garbageMb = 30
    state.now += 999
    expect(ceiling.admit(1)).toBe(true)
    expect(state.collects).toBe(1)
    state.now += 1
    expect(ceiling.admit(1)).toBe(true)
    expect([state.collects, state.sheds, state.rssMb]).toEqual([2, 0, 203])
  })
})
