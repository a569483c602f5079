import { describe, expect, it } from 'bun:test'
import { buildGraph } from './graph.ts'

// a → b → c → d, a → c, e isolated, x not playable but on a path: a → x → d
const titles = ['a', 'b', 'c', 'd', 'e', 'x']
const playable = [true, true, true, true, true, false]
const g = buildGraph(titles, playable, [
  [0, 1],
  [1, 2],
  [2, 3],
  [0, 2],
  [0, 5],
  [5, 3],
])

describe('buildGraph', () => {
  it('computes shortest click distances, null when unreachable', () => {
    expect(g.distance('a', 'b')).toBe(1)
    expect(g.distance('a', 'd')).toBe(2)
    expect(g.distance('b', 'd')).toBe(2)
    expect(g.distance('d', 'a')).toBeNull()
    expect(g.distance('a', 'e')).toBeNull()
    expect(g.distance('a', 'nope')).toBeNull()
  })

  it('picks random pairs at exactly the distance, never a page that is not an article', () => {
    for (let i = 0; i < 50; i++) {
      const p = g.randomPair(2)!
      expect(g.distance(p[0], p[1])).toBe(2)
      expect(p).not.toContain('x')
    }
    expect(g.randomPair(2, { start: 'b' })).toEqual(['b', 'd'])
    expect(g.randomPair(2, { end: 'd' })?.[1]).toBe('d')
    expect(g.randomPair(7)).toBeNull()
  })
})
