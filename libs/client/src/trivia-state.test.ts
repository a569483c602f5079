import { describe, expect, it } from 'bun:test'
import type { GameEvent, Snapshot } from '@gamenight/contracts'
import { shuffle } from './test-shuffle.ts'
import { applyTriviaEvent, mergeTriviaSnapshot, type TriviaGame } from './trivia-state.ts'

const snap: Snapshot = {
  id: 'g',
  name: 'Quiz',
  seq: 2,
  status: 'playing',
  result: null,
  role: 'host',
  buzzer: { armed: true, winnerId: null, version: 0 },
  clue: null,
  players: [
    { id: 'a', name: 'Ada', score: 0, version: 0 },
    { id: 'b', name: 'Bo', score: 0, version: 0 },
  ],
  final: null,
  wagers: [],
  categories: [
    {
      name: 'C',
      round: 1,
      questions: [
        { id: 'q1', value: 100, answered: false, version: 0 },
        { id: 'q2', value: 200, answered: false, version: 0 },
      ],
    },
  ],
}

const applyAll = (g: TriviaGame, evs: GameEvent[]) => evs.reduce((s, e) => applyTriviaEvent(s, e).game, g)

describe('trivia state by version', () => {
  const events: GameEvent[] = []
  let seq = 2
  for (let v = 1; v <= 10; v++)
    events.push({ type: 'update_score', gameId: 'g', seq: ++seq, playerId: 'a', score: v * 100, version: v })
  for (let v = 1; v <= 5; v++)
    events.push({ type: 'update_score', gameId: 'g', seq: ++seq, playerId: 'b', score: -v * 10, version: v })
  for (let v = 1; v <= 3; v++)
    events.push({
      type: 'toggle_question',
      gameId: 'g',
      seq: ++seq,
      questionId: 'q1',
      answered: v % 2 === 1,
      version: v,
    })
  events.push({
    type: 'buzzer_pressed',
    gameId: 'g',
    seq: ++seq,
    buzzerId: 'a',
    won: true,
    winnerId: 'a',
    reactionMs: 5,
    version: 1,
  })
  events.push({
    type: 'buzzer_pressed',
    gameId: 'g',
    seq: ++seq,
    buzzerId: 'b',
    won: false,
    winnerId: 'a',
    reactionMs: 9,
    version: 1,
  })
  events.push({ type: 'buzzer_reset', gameId: 'g', seq: ++seq, armed: true, version: 2 })
  const start = mergeTriviaSnapshot(null, snap)
  const inOrder = applyAll(start, events)

  it('ends in the same state whatever the order, with duplicates', () => {
    expect(inOrder.players).toEqual([
      { id: 'a', name: 'Ada', score: 1000, version: 10 },
      { id: 'b', name: 'Bo', score: -50, version: 5 },
    ])
    expect(inOrder.categories[0]!.questions[0]).toMatchObject({ answered: true, version: 3 })
    expect(inOrder.buzzer).toEqual({ armed: true, winnerId: null, version: 2 })
    for (let seed = 1; seed <= 50; seed++) {
      const messy = shuffle([...events, ...events.slice(0, 7), ...events.slice(-4)], seed)
      expect(applyAll(start, messy)).toEqual(inOrder)
    }
  })

  it('ignores a stale score update', () => {
    const g = applyAll(start, [events[4]!])
    const r = applyTriviaEvent(g, events[1]!)
    expect(r.game).toBe(g)
  })

  it('keeps newer held versions when merging an older snapshot, and takes newer snapshot versions', () => {
    const newer = mergeTriviaSnapshot(inOrder, snap)
    expect(newer).toEqual({ ...inOrder })
    const later: Snapshot = {
      ...snap,
      players: [
        { id: 'a', name: 'Ada', score: 5, version: 11 },
        { id: 'b', name: 'Bo', score: 0, version: 0 },
      ],
    }
    expect(mergeTriviaSnapshot(inOrder, later).players[0]).toEqual({ id: 'a', name: 'Ada', score: 5, version: 11 })
  })

  it('asks for a snapshot when an update names an unknown player or question', () => {
    expect(
      applyTriviaEvent(start, { type: 'update_score', gameId: 'g', seq: 9, playerId: 'zz', score: 1, version: 1 })
        .resync,
    ).toBe(true)
    expect(
      applyTriviaEvent(start, {
        type: 'toggle_question',
        gameId: 'g',
        seq: 9,
        questionId: 'qq',
        answered: true,
        version: 1,
      }).resync,
    ).toBe(true)
    const joined = applyTriviaEvent(start, {
      type: 'player_joined',
      gameId: 'g',
      seq: 9,
      playerId: 'c',
      name: 'Cy',
      score: 0,
      version: 0,
    })
    expect(joined.resync).toBe(false)
    expect(joined.game.players.at(-1)).toEqual({ id: 'c', name: 'Cy', score: 0, version: 0 })
  })

  it("keeps a player's name when a score arrives before the join", () => {
    const g1 = applyTriviaEvent(start, {
      type: 'update_score',
      gameId: 'g',
      seq: 9,
      playerId: 'c',
      score: 300,
      version: 2,
    }).game
    const g2 = applyTriviaEvent(g1, {
      type: 'player_joined',
      gameId: 'g',
      seq: 8,
      playerId: 'c',
      name: 'Cy',
      score: 0,
      version: 0,
    }).game
    expect(g2.players.at(-1)).toEqual({ id: 'c', name: 'Cy', score: 300, version: 2 })
  })
})
