import { describe, expect, it } from 'bun:test'
import type { GameEvent, WikiGameState } from '@gamenight/contracts'
import { applyWikiEvent, mergeWikiSnapshot } from './wiki-state.ts'

const base: WikiGameState = {
  id: 'w',
  player: 'human',
  startArticle: 'Cat',
  endArticle: 'Dog',
  currentArticle: 'Cat',
  isComplete: false,
  status: 'playing',
  failureReason: null,
  version: 0,
  seq: 0,
  moveCount: 0,
  stepLimit: 30,
  optimalDistance: 2,
  createdAt: 't',
  updatedAt: 't',
  moves: [],
}
const move = (n: number, article: string, done = false): GameEvent => ({
  type: 'wiki_move',
  gameId: 'w',
  seq: n,
  article,
  timestamp: `t${n}`,
  version: n,
  isComplete: done,
  status: done ? 'won' : 'playing',
  moveCount: n,
})

describe('wiki state by version', () => {
  it('appends moves in order and ignores stale or repeated ones', () => {
    let g: WikiGameState | null = base
    for (const e of [move(1, 'Mammal'), move(1, 'Mammal'), move(2, 'Dog', true), move(1, 'Mammal')])
      g = applyWikiEvent(g, e).game
    expect(g).toMatchObject({ version: 2, currentArticle: 'Dog', isComplete: true, status: 'won', moveCount: 2 })
    expect(g!.moves.map((m) => m.article)).toEqual(['Mammal', 'Dog'])
  })

  it("keeps each AI move's reason with the move, and none for a move that has none", () => {
    const reasoned = { ...move(1, 'Mammal'), reason: 'Mammal: the target is a mammal' } as GameEvent
    let g = applyWikiEvent(base, reasoned).game
    g = applyWikiEvent(g, move(2, 'Dog', true)).game
    expect(g!.moves).toEqual([
      { article: 'Mammal', timestamp: 't1', reason: 'Mammal: the target is a mammal' },
      { article: 'Dog', timestamp: 't2' },
    ])
  })

  it('asks for a snapshot when moves were skipped', () => {
    const r = applyWikiEvent(base, move(2, 'Dog', true))
    expect(r.resync).toBe(true)
    expect(r.game).toMatchObject({ version: 2, currentArticle: 'Dog' })
  })

  it('takes a snapshot only if it is not older', () => {
    const g = applyWikiEvent(base, move(1, 'Mammal')).game!
    expect(mergeWikiSnapshot(g, base)).toBe(g)
    const newer = { ...base, version: 3 }
    expect(mergeWikiSnapshot(g, newer)).toBe(newer)
  })
})
