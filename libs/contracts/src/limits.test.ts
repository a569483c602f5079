import { describe, expect, it } from 'bun:test'
import { encodedSize, MAX_GAME_BODY_BYTES } from './limits.ts'
import { Board, BoardCategory, BoardQuestion, CreateGameBody, FinalQuestion } from './trivia.ts'
import { validate } from './validate.ts'

/** The largest body the schema accepts, every string at its maximum length in `ch`. */
function largestGameBody(ch: string) {
  const text = (max: number | undefined) => ch.repeat(max! / ch.length)
  const q = BoardQuestion.properties
  const c = BoardCategory.properties
  const f = FinalQuestion.properties
  return {
    name: text(CreateGameBody.properties.name.maxLength),
    board: {
      categories: Array.from({ length: Board.properties.categories.maxItems! }, () => ({
        name: text(c.name.maxLength),
        round: c.round.maximum,
        questions: Array.from({ length: c.questions.maxItems! }, () => ({
          value: q.value.maximum,
          prompt: text(q.prompt.maxLength),
          answer: text(q.answer.maxLength),
          dailyDouble: false,
        })),
      })),
      final: {
        category: text(f.category.maxLength),
        prompt: text(f.prompt.maxLength),
        answer: text(f.answer.maxLength),
      },
    },
  }
}

describe('body limits agree with the schema', () => {
  it('fits the largest valid board in every script, compact or indented, and is not far above it', () => {
    // あ: 3 UTF-8 bytes per UTF-16 unit, the most any script takes; 😀: 4 bytes per 2 units; "\"": 2 bytes per unit.
    const sizes = ['a', 'あ', '😀', 'é', '"'].map((ch) => {
      const body = largestGameBody(ch)
      expect(validate(CreateGameBody, body).ok).toBe(true)
      return Math.max(encodedSize(body), new TextEncoder().encode(JSON.stringify(body, null, 2)).length)
    })
    const widest = Math.max(...sizes)
    expect(widest).toBeLessThanOrEqual(MAX_GAME_BODY_BYTES)
    expect(MAX_GAME_BODY_BYTES).toBeLessThan(widest * 1.1)
  })

  it('counts a body in encoded bytes, not characters', () => {
    expect(encodedSize({ a: 'あ' })).toBe(JSON.stringify({ a: '' }).length + 3)
  })
})
