import { describe, expect, test } from 'bun:test'
import { corpusFromDf, documentFrequencies } from './corpus.ts'
import { createGreedyPlayer } from './greedy.ts'
import { createOptimalPlayer } from './optimal.ts'
import { playGame } from './play.ts'
import { createAiPlayer } from './player.ts'
import { createMemorySource } from './source.ts'

// A tiny hand-made wiki. Texts follow the real layout (header, subjects line, body).
const page = (title: string, subjects: string, body: string) =>
  `   #copyright\n\n${title}\n\n2007 Schools Wikipedia Selection. Related subjects: ${subjects}\n\n   ${body}\n`

const texts = new Map<string, string>([
  ['Start', page('Start', 'Misc', 'A start page about many things: animals, football and cities.')],
  ['Animal', page('Animal', 'Biology', 'Animals include birds, mammals and fish.')],
  ['Bird', page('Bird', 'Birds', 'Birds are animals with feathers. The goldfinch is a bird.')],
  ['European Goldfinch', page('European Goldfinch', 'Birds', 'The goldfinch is a small bird with feathers.')],
  ['Football (soccer)', page('Football (soccer)', 'Sports', 'Football is a team sport played with a ball.')],
  ['City', page('City', 'Geography', 'A city is a large settlement.')],
  ['Dead end', page('Dead end', 'Misc', 'No links here.')],
  ['Loop A', page('Loop A', 'Misc', 'Loop page.')],
  ['Loop B', page('Loop B', 'Misc', 'Loop page.')],
  ['Åland', page('Åland', 'Countries', 'Åland is an island region near Finland with birds.')],
])
const links = new Map<string, string[]>([
  ['Start', ['Animal', 'Football (soccer)', 'City', 'Dead end', 'Åland']],
  ['Animal', ['Bird', 'Start', 'City']],
  ['Bird', ['European Goldfinch', 'Animal']],
  ['European Goldfinch', ['Bird']],
  ['Football (soccer)', ['City', 'Start']],
  ['City', ['Football (soccer)', 'Start']],
  ['Dead end', []],
  ['Loop A', ['Loop B']],
  ['Loop B', ['Loop A']],
  ['Åland', ['Bird', 'Start']],
])
const source = createMemorySource(texts, links)
const { docs, df } = documentFrequencies(texts.values())
const corpus = corpusFromDf(docs, df)
const ai = () => createAiPlayer({ source, corpus })
const state = (current: string, moves: string[], target = 'European Goldfinch') => ({
  startArticle: 'Start',
  endArticle: target,
  currentArticle: current,
  moves,
})

describe('AI player', () => {
  test('never proposes a move that is not a link of the current article', async () => {
    for (const [title, out] of links) {
      if (out.length === 0) continue
      for (const target of texts.keys()) {
        if (target === title) continue
        const move = await ai().nextMove({ startArticle: title, endArticle: target, currentArticle: title, moves: [] })
        expect(out).toContain(move.article)
      }
    }
  })

  test('moves to the target when it is linked', async () => {
    const move = await ai().nextMove(state('Bird', ['Animal', 'Bird']))
    expect(move.article).toBe('European Goldfinch')
  })

  test('reaches the target through a neighbour that links to it', async () => {
    const r = await playGame(ai(), source, 'Start', 'European Goldfinch')
    expect(r.success).toBe(true)
    expect(r.moves.length).toBeLessThanOrEqual(3)
  })

  test('avoids revisiting pages when a new one is available', async () => {
    // From Football, City and Start are both linked; Start was already visited.
    const move = await ai().nextMove(state('Football (soccer)', ['Football (soccer)'], 'City'))
    expect(move.article).toBe('City')
    // Whole games on the small wiki: no page is stood on twice.
    for (const start of ['Start', 'Animal', 'City', 'Football (soccer)']) {
      for (const target of ['European Goldfinch', 'City', 'Åland', 'Bird']) {
        if (start === target) continue
        const r = await playGame(ai(), source, start, target)
        expect(r.success).toBe(true)
        expect(new Set([start, ...r.moves]).size).toBe(r.moves.length + 1)
      }
    }
  })

  test('gives a short reason for every move, naming the target on the winning one', async () => {
    const first = await ai().nextMove(state('Start', []))
    expect(first.reason).toStartWith(`${first.article}: `)
    const last = await ai().nextMove(state('Bird', ['Animal', 'Bird']))
    expect(last.reason).toBe('European Goldfinch: the target')
    for (const start of ['Start', 'City', 'Åland']) {
      const r = await playGame(ai(), source, start, 'European Goldfinch')
      expect(r.success).toBe(true)
    }
    const m = await ai().nextMove(state('Animal', ['Animal']))
    expect(m.reason!.length).toBeLessThanOrEqual(160)
  })

  test('never walks into an article with no links', async () => {
    const move = await ai().nextMove(state('Start', [], 'European Goldfinch'))
    expect(move.article).not.toBe('Dead end')
  })

  test('handles a dead end (no unvisited links) by a legal move', async () => {
    const move = await ai().nextMove({
      startArticle: 'Loop A',
      endArticle: 'Bird',
      currentArticle: 'Loop A',
      moves: ['Loop B', 'Loop A'],
    })
    expect(move.article).toBe('Loop B')
  })

  test('is deterministic and stateless across instances', async () => {
    const s = state('Animal', ['Animal'])
    const a = await ai().nextMove(s)
    const shared = ai()
    await shared.nextMove(state('City', ['City'], 'Bird')) // warm caches with another game
    const b = await shared.nextMove(s)
    expect(b).toEqual(a)
  })

  test('works on titles with parentheses and non-ASCII characters', async () => {
    const r = await playGame(ai(), source, 'Football (soccer)', 'Åland')
    expect(r.success).toBe(true)
    const m = await ai().nextMove({
      startArticle: 'Åland',
      endArticle: 'European Goldfinch',
      currentArticle: 'Åland',
      moves: [],
    })
    expect(m.article).toBe('Bird')
  })

  test('throws NoMoveError only when the current article has no links', async () => {
    await expect(
      ai().nextMove({ startArticle: 'Dead end', endArticle: 'Bird', currentArticle: 'Dead end', moves: [] }),
    ).rejects.toThrow()
  })
})

describe('baselines', () => {
  test('optimal player follows a shortest path', async () => {
    const r = await playGame(createOptimalPlayer(links), source, 'Start', 'European Goldfinch')
    expect(r.moves).toEqual(['Animal', 'Bird', 'European Goldfinch'])
  })

  test('greedy player only proposes links of the current article', async () => {
    const r = await playGame(createGreedyPlayer({ source, corpus }), source, 'Start', 'European Goldfinch', 10)
    expect(r.error).toBeUndefined()
  })
})
