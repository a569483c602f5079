import { describe, expect, it } from 'bun:test'
import type { RelayedMessage, RelayedSelectQuestion } from '@gamenight/contracts'
import { hostClearQuestion, hostSelectQuestion, hostShowRound } from './coordination.ts'

const host = { role: 'host' as const }
describe('reading coordination messages by schema', () => {
  it("takes the host's select_question with every field typed", () => {
    const sel: RelayedSelectQuestion = {
      type: 'select_question',
      question: 'q',
      at: 5,
      category: 'C',
      value: 200,
      prompt: 'P',
      dailyDouble: true,
      playerId: 'p',
      excluded: ['x'],
      final: false,
      from: host,
    }
    expect(hostSelectQuestion({ select_question: sel })).toEqual(sel)
    // The seed's bare form is still a select_question.
    expect(
      hostSelectQuestion({ select_question: { type: 'select_question', question: 'q', from: host } })?.question,
    ).toBe('q')
  })

  it("ignores a message that is not the host's or breaks its schema", () => {
    const fromPlayer: RelayedMessage = {
      type: 'select_question',
      question: 'q',
      from: { role: 'player', playerId: 'p' },
    }
    expect(hostSelectQuestion({ select_question: fromPlayer })).toBeNull()
    expect(
      hostSelectQuestion({ select_question: { type: 'select_question', question: 'q', excluded: 'x', from: host } }),
    ).toBeNull()
    expect(hostShowRound({ show_round: { type: 'show_round', round: '2', from: host } })).toBeNull()
    expect(hostShowRound({})).toBeNull()
  })

  it('reads clear_question and show_round', () => {
    expect(hostClearQuestion({ clear_question: { type: 'clear_question', at: 9, from: host } })?.at).toBe(9)
    expect(hostShowRound({ show_round: { type: 'show_round', round: 2, at: 1, from: host } })?.round).toBe(2)
  })
})
