import { describe, expect, it } from 'bun:test'
import type { GameEvent, Snapshot } from '@gamenight/contracts'
import { shuffle } from './test-shuffle.ts'
import { applyTriviaEvent, mergeTriviaSnapshot, type TriviaGame, type Viewer } from './trivia-state.ts'

// Rounds, the Final and wagers in the trivia state: same version rules as players and questions.
const A = 'a',
  B = 'b',
  DD = 'q-dd',
  FINAL = 'q-final'
const snap = (over: Partial<Snapshot> = {}): Snapshot => ({
  id: 'g',
  name: 'Quiz',
  seq: 1,
  status: 'playing',
  result: null,
  role: 'spectator',
  buzzer: { armed: true, winnerId: null, version: 0 },
  clue: null,
  players: [
    { id: A, name: 'Ada', score: 1000, version: 1 },
    { id: B, name: 'Bo', score: 500, version: 1 },
  ],
  categories: [
    { name: 'Planets', round: 1, questions: [{ id: DD, value: 200, answered: false, version: 0 }] },
    { name: 'Rivers', round: 2, questions: [{ id: 'q2', value: 400, answered: false, version: 0 }] },
  ],
  final: { questionId: FINAL, category: 'Capitals', answered: false, version: 0 },
  wagers: [],
  ...over,
})
let seq = 1
const wager = (playerId: string, questionId: string, amount: number | null, version: number): GameEvent => ({
  type: 'wager_placed',
  gameId: 'g',
  seq: ++seq,
  playerId,
  questionId,
  amount,
  version,
})
const toggle = (questionId: string, answered: boolean, version: number): GameEvent => ({
  type: 'toggle_question',
  gameId: 'g',
  seq: ++seq,
  questionId,
  answered,
  version,
})
const tv: Viewer = { role: 'spectator', playerId: null }
const host: Viewer = { role: 'host', playerId: null }
const applyAll = (g: TriviaGame, evs: GameEvent[], v: Viewer = tv) =>
  evs.reduce((s, e) => applyTriviaEvent(s, e, v).game, g)

const sortWagers = (g: TriviaGame) =>
  [...g.wagers].sort((x, y) => `${x.playerId}${x.questionId}`.localeCompare(`${y.playerId}${y.questionId}`))

describe('trivia rounds, Final and wagers by version', () => {
  const start = mergeTriviaSnapshot(null, snap())

  it("keeps each category's round and the Final from the snapshot", () => {
    expect(start.categories.map((c) => c.round)).toEqual([1, 2])
    expect(start.final).toEqual({ questionId: FINAL, category: 'Capitals', answered: false, version: 0 })
    expect(start.wagers).toEqual([])
  })

  it('ends in the same wagers whatever the order, with duplicates and stale versions', () => {
    const events = [
      wager(A, DD, 100, 1),
      wager(A, DD, 300, 2),
      wager(A, DD, 250, 3),
      wager(A, FINAL, null, 1),
      wager(B, FINAL, null, 1),
      wager(B, FINAL, null, 2),
    ]
    const inOrder = applyAll(start, events)
    expect(sortWagers(inOrder)).toEqual([
      { playerId: A, questionId: DD, amount: 250, version: 3 },
      { playerId: A, questionId: FINAL, amount: null, version: 1 },
      { playerId: B, questionId: FINAL, amount: null, version: 2 },
    ])
    for (let s = 1; s <= 50; s++) {
      const messy = shuffle([...events, ...events.slice(0, 3), ...events.slice(-2)], s)
      expect(sortWagers(applyAll(start, messy))).toEqual(sortWagers(inOrder))
    }
  })

  it('ignores a stale wager and keeps identity for a repeated one', () => {
    const g = applyAll(start, [wager(A, DD, 300, 2)])
    expect(applyTriviaEvent(g, wager(A, DD, 100, 1), tv).game).toBe(g)
    expect(applyTriviaEvent(g, wager(A, DD, 300, 2), tv).game).toBe(g)
  })

  it('keeps a known Final amount when the same version arrives as null', () => {
    const known = mergeTriviaSnapshot(
      null,
      snap({ role: 'host', wagers: [{ playerId: A, questionId: FINAL, amount: 700, version: 1 }] }),
    )
    const r = applyTriviaEvent(known, wager(A, FINAL, null, 1), host)
    expect(r.game).toBe(known)
    expect(r.resync).toBe(false)
  })

  it('re-reads the snapshot for a new secret amount only when the viewer may see it', () => {
    const ev = wager(A, FINAL, null, 1)
    expect(applyTriviaEvent(start, ev, tv).resync).toBe(false)
    expect(applyTriviaEvent(start, ev, { role: 'player', playerId: B }).resync).toBe(false)
    expect(applyTriviaEvent(start, ev, { role: 'player', playerId: A }).resync).toBe(true)
    expect(applyTriviaEvent(start, ev, host).resync).toBe(true)
    // A Daily Double's amount is public: nothing to re-read.
    expect(applyTriviaEvent(start, wager(A, DD, 100, 1), host).resync).toBe(false)
  })

  it('moves the Final by toggle_question on its questionId, by version', () => {
    const g = applyAll(start, [toggle(FINAL, true, 1)])
    expect(g.final).toMatchObject({ answered: true, version: 1 })
    expect(g.categories).toBe(start.categories)
    expect(applyTriviaEvent(g, toggle(FINAL, false, 0), tv).game).toBe(g)
    const shuffled = [toggle(FINAL, true, 1), toggle(FINAL, false, 2), toggle(FINAL, true, 3)]
    for (let s = 1; s <= 20; s++)
      expect(applyAll(start, shuffle([...shuffled, ...shuffled], s)).final).toMatchObject({
        answered: true,
        version: 3,
      })
  })

  it('reveals the Final: marking it answered re-reads the snapshot, whose amounts replace the nulls', () => {
    const hidden = applyAll(start, [wager(A, FINAL, null, 1), wager(B, FINAL, null, 1)])
    const r = applyTriviaEvent(hidden, toggle(FINAL, true, 1), tv)
    expect(r.resync).toBe(true)
    expect(r.game.final).toMatchObject({ answered: true, version: 1 })
    const reread = snap({
      seq: 9,
      final: { questionId: FINAL, category: 'Capitals', answered: true, version: 1 },
      wagers: [
        { playerId: A, questionId: FINAL, amount: 700, version: 1 },
        { playerId: B, questionId: FINAL, amount: 0, version: 1 },
      ],
    })
    const revealed = mergeTriviaSnapshot(r.game, reread)
    expect(sortWagers(revealed).map((w) => w.amount)).toEqual([700, 0])
    // The same toggle again, or the wager events again, change nothing.
    expect(applyTriviaEvent(revealed, toggle(FINAL, true, 1), tv)).toEqual({ game: revealed, resync: false })
    expect(applyAll(revealed, [wager(A, FINAL, null, 1), wager(B, FINAL, null, 1)])).toBe(revealed)
  })

  it('does not re-read when the Final is answered and no amount is hidden', () => {
    const known = mergeTriviaSnapshot(
      null,
      snap({ role: 'host', wagers: [{ playerId: A, questionId: FINAL, amount: 700, version: 1 }] }),
    )
    expect(applyTriviaEvent(known, toggle(FINAL, true, 1), host).resync).toBe(false)
  })

  it('re-reads for a secret wager that arrives after the Final was answered (shuffled delivery)', () => {
    const answered = applyAll(start, [toggle(FINAL, true, 1)])
    expect(applyTriviaEvent(answered, wager(A, FINAL, null, 1), tv).resync).toBe(true)
  })

  it('merges a snapshot by version: newer held Final and wagers win, newer snapshot ones replace them', () => {
    const held = applyAll(start, [toggle(FINAL, true, 2), wager(A, DD, 300, 2)])
    const older = mergeTriviaSnapshot(
      held,
      snap({ wagers: [{ playerId: A, questionId: DD, amount: 100, version: 1 }] }),
    )
    expect(older.final).toMatchObject({ answered: true, version: 2 })
    expect(older.wagers).toEqual([{ playerId: A, questionId: DD, amount: 300, version: 2 }])
    const newer = mergeTriviaSnapshot(
      held,
      snap({
        final: { questionId: FINAL, category: 'Capitals', answered: false, version: 3 },
        wagers: [{ playerId: A, questionId: DD, amount: 50, version: 3 }],
      }),
    )
    expect(newer.final).toMatchObject({ answered: false, version: 3 })
    expect(newer.wagers).toEqual([{ playerId: A, questionId: DD, amount: 50, version: 3 }])
  })

  it('keeps wagers the snapshot does not list yet (placed after it was read)', () => {
    const held = applyAll(start, [wager(B, DD, 100, 1)])
    expect(mergeTriviaSnapshot(held, snap(), seq).wagers).toEqual([
      { playerId: B, questionId: DD, amount: 100, version: 1 },
    ])
  })

  it('drops the wagers of a clue left before it was shown (wagers_voided), so players wager again', () => {
    const held = applyAll(start, [wager(A, FINAL, null, 1), wager(B, FINAL, null, 1), wager(A, DD, 300, 1)])
    const voided: GameEvent = { type: 'wagers_voided', gameId: 'g', seq: ++seq, questionId: FINAL, playerIds: [A, B] }
    const after = applyTriviaEvent(held, voided, tv).game
    expect(after.wagers).toEqual([{ playerId: A, questionId: DD, amount: 300, version: 1 }])
    // A wager placed again starts over at version 1 and is taken.
    expect(applyAll(after, [wager(A, FINAL, null, 1)]).wagers).toHaveLength(2)
  })

  it('drops a held wager a snapshot taken after every held event lacks (it was voided while away)', () => {
    const held = applyAll(start, [wager(A, FINAL, null, 1)])
    expect(mergeTriviaSnapshot(held, snap({ seq: seq + 5 }), seq).wagers).toEqual([])
  })
})
