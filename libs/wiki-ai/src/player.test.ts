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
  ['European_Goldfinch', page('European Goldfinch', 'Birds', 'The goldfinch is a small bird with feathers.')],
  ['Football_%28soccer%29', page('Football (soccer)', 'Sports', 'Football is a team sport played with a ball.')],
  ['City', page('City', 'Geography', 'A city is a large settlement.')],
  ['Dead_end', page('Dead end', 'Misc', 'No links here.')],
  ['Loop_A', page('Loop A', 'Misc', 'Loop page.')],
  ['Loop_B', page('Loop B', 'Misc', 'Loop page.')],
  ['%C3%85land', page('Åland', 'Countries', 'Åland is an island region near Finland with birds.')],
])
const links = new Map<string, string[]>([
  ['Start', ['Animal', 'Football_%28soccer%29', 'City', 'Dead_end', '%C3%85land']],
  ['Animal', ['Bird', 'Start', 'City']],
  ['Bird', ['European_Goldfinch', 'Animal']],
  ['European_Goldfinch', ['Bird']],
  ['Football_%28soccer%29', ['City', 'Start']],
  ['City', ['Football_%28soccer%29', 'Start']],
  ['Dead_end', []],
  ['Loop_A', ['Loop_B']],
  ['Loop_B', ['Loop_A']],
  ['%C3%85land', ['Bird', 'Start']],
])
const source = createMemorySource(texts, links)
const { docs, df } = documentFrequencies(texts.values())
const corpus = corpusFromDf(docs, df)
const ai = () => createAiPlayer({ source, corpus })
const state = (current: string, moves: string[], target = 'European_Goldfinch') => ({
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
    expect(move.article).toBe('European_Goldfinch')
  })

  test('reaches the target through a neighbour that links to it', async () => {
    const r = await playGame(ai(), source, 'Start', 'European_Goldfinch')
    expect(r.success).toBe(true)
    expect(r.moves.length).toBeLessThanOrEqual(3)
  })

  test('avoids revisiting pages when a new one is available', async () => {
    // From Football, City and Start are both linked; Start was already visited.
    const move = await ai().nextMove(state('Football_%28soccer%29', ['Football_%28soccer%29'], 'City'))
    expect(move.article).toBe('City')
    // Whole games on the small wiki: no page is stood on twice.
    for (const start of ['Start', 'Animal', 'City', 'Football_%28soccer%29']) {
      for (const target of ['European_Goldfinch', 'City', '%C3%85land', 'Bird']) {
        if (start === target) continue
        const r = await playGame(ai(), source, start, target)
        expect(r.success).toBe(true)
        expect(new Set([start, ...r.moves]).size).toBe(r.moves.length + 1)
      }
    }
  })

  test('never walks into an article with no links', async () => {
    const move = await ai().nextMove(state('Start', [], 'European_Goldfinch'))
    expect(move.article).not.toBe('Dead_end')
  })

  test('handles a dead end (no unvisited links) by a legal move', async () => {
    const move = await ai().nextMove({
      startArticle: 'Loop_A',
      endArticle: 'Bird',
      currentArticle: 'Loop_A',
      moves: ['Loop_B', 'Loop_A'],
    })
    expect(move.article).toBe('Loop_B')
  })

  test('is deterministic and stateless across instances', async () => {
    const s = state('Animal', ['Animal'])
    const a = await ai().nextMove(s)
    const shared = ai()
    await shared.nextMove(state('City', ['City'], 'Bird')) // warm caches with another game
    const b = await shared.nextMove(s)
    expect(b).toEqual(a)
  })

  test('works on titles with escapes and non-ASCII characters', async () => {
    const r = await playGame(ai(), source, 'Football_%28soccer%29', '%C3%85land')
    expect(r.success).toBe(true)
    const m = await ai().nextMove({
      startArticle: '%C3%85land',
      endArticle: 'European_Goldfinch',
      currentArticle: '%C3%85land',
      moves: [],
    })
    expect(m.article).toBe('Bird')
  })

  test('throws NoMoveError only when the current article has no links', async () => {
    await expect(
      ai().nextMove({ startArticle: 'Dead_end', endArticle: 'Bird', currentArticle: 'Dead_end', moves: [] }),
    ).rejects.toThrow()
  })
})

describe('baselines', () => {
  test('optimal player follows a shortest path', async () => {
    const r = await playGame(createOptimalPlayer(links), source, 'Start', 'European_Goldfinch')
    expect(r.moves).toEqual(['Animal', 'Bird', 'European_Goldfinch'])
  })

  test('greedy player only proposes links of the current article', async () => {
    const r = await playGame(createGreedyPlayer({ source, corpus }), source, 'Start', 'European_Goldfinch', 10)
    expect(r.error).toBeUndefined()
  })
})
