import { describe, expect, it } from 'bun:test'
import type { GameEvent, GameResult, Snapshot } from '@gamenight/contracts'
import { shuffle } from './test-shuffle.ts'
import { applyTriviaEvent, mergeTriviaSnapshot, type TriviaGame } from './trivia-state.ts'

// The end of a game in the client state: status and result from the game_over event or a snapshot.
const FINAL = 'q-final'
const playing: Snapshot = {
  id: 'g',
  name: 'Quiz',
  seq: 3,
  status: 'playing',
  result: null,
  role: 'spectator',
  buzzer: { armed: true, winnerId: null, version: 0 },
  clue: null,
  players: [
    { id: 'a', name: 'Ada', score: 800, version: 2 },
    { id: 'b', name: 'Bo', score: 800, version: 1 },
    { id: 'c', name: 'Cy', score: 100, version: 1 },
  ],
  categories: [{ name: 'C', round: 1, questions: [{ id: 'q1', value: 100, answered: true, version: 1 }] }],
  final: { questionId: FINAL, category: 'Capitals', answered: false, version: 0 },
  wagers: [{ playerId: 'a', questionId: FINAL, amount: null, version: 1 }],
}
const result: GameResult = {
  endedAt: '2026-11-30T20:00:00.000Z',
  standings: [
    { rank: 1, playerId: 'a', name: 'Ada', score: 800 },
    { rank: 1, playerId: 'b', name: 'Bo', score: 800 },
    { rank: 3, playerId: 'c', name: 'Cy', score: 100 },
  ],
  winnerIds: ['a', 'b'],
  final: {
    questionId: FINAL,
    category: 'Capitals',
    prompt: 'Capital of Australia?',
    answer: 'Canberra',
    entries: [
      { playerId: 'a', wager: 0, isCorrect: false, delta: 0 },
      { playerId: 'b', wager: null, isCorrect: null, delta: null },
      { playerId: 'c', wager: null, isCorrect: null, delta: null },
    ],
  },
}
const gameOver: GameEvent = { type: 'game_over', gameId: 'g', seq: 4, status: 'finished', ...result }
const finished: Snapshot = {
  ...playing,
  seq: 4,
  status: 'finished',
  result,
  wagers: [{ playerId: 'a', questionId: FINAL, amount: 0, version: 1 }],
}

describe('game over in the client state', () => {
  const start = mergeTriviaSnapshot(null, playing)

  it('tracks the status and the result (standings, tied winners, the Final) from the game_over event', () => {
    expect(start.status).toBe('playing')
    expect(start.result).toBeNull()
    const r = applyTriviaEvent(start, gameOver)
    expect(r.game.status).toBe('finished')
    expect(r.game.result).toEqual(result)
    expect(r.game.result!.winnerIds).toEqual(['a', 'b'])
    // Ada's secret Final wager is held as null: only a snapshot has its amount.
    expect(r.resync).toBe(true)
  })

  it('learns the game over from a snapshot, and keeps it over a snapshot read before the end', () => {
    const ended = mergeTriviaSnapshot(start, finished)
    expect(ended.status).toBe('finished')
    expect(ended.result).toEqual(result)
    expect(ended.wagers[0]!.amount).toBe(0)
    const stale = mergeTriviaSnapshot(ended, playing)
    expect(stale.status).toBe('finished')
    expect(stale.result).toEqual(result)
  })

  it('ends in the same state whatever the order of the game over, duplicates and the last scores', () => {
    const events: GameEvent[] = [
      { type: 'update_score', gameId: 'g', seq: 2, playerId: 'a', score: 800, version: 2 },
      { type: 'toggle_question', gameId: 'g', seq: 3, questionId: FINAL, answered: true, version: 1 },
      gameOver,
    ]
    const apply = (g: TriviaGame, evs: GameEvent[]) => evs.reduce((s, e) => applyTriviaEvent(s, e).game, g)
    const inOrder = apply(start, events)
    for (let seed = 1; seed <= 20; seed++)
      expect(apply(start, shuffle([...events, gameOver, events[0]!], seed))).toEqual(inOrder)
    expect(applyTriviaEvent(inOrder, gameOver).game).toBe(inOrder)
  })
})
