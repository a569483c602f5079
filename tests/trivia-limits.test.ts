// Issue 9, rule 8: body limits agree with the schema. The largest valid board fits; every oversized
// request, whatever its framing, gets 413 with the contract's error JSON.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { encodedSize, MAX_BODY_BYTES, MAX_GAME_BODY_BYTES } from '@gamenight/contracts'
import { rawRequest } from './support/raw-http.ts'
import { type ApiSuite, join, newGame, startApiSuite } from './support/suite.ts'

let s: ApiSuite
beforeAll(async () => {
  s = await startApiSuite('limits')
})
afterAll(async () => {
  await s?.stop()
})

// Scripts whose characters take 3 bytes in UTF-8: the most per UTF-16 unit of any text.
const SCRIPTS = ['日本語の問題', 'हिन्दीप्रश्न', '한국어질문', 'ภาษาไทย', 'ქართული', '…€™']
const fill = (n: number, i: number) => SCRIPTS[i % SCRIPTS.length]!.repeat(n).slice(0, n)

/** The schema's largest board: 12 × 10 questions, every text at its maximum length. */
function largestBoard() {
  let i = 0
  return {
    name: fill(100, i++),
    board: {
      categories: Array.from({ length: 12 }, () => ({
        name: fill(100, i++),
        round: 2,
        questions: Array.from({ length: 10 }, () => ({
          value: 1_000_000,
          prompt: fill(1000, i++),
          answer: fill(1000, i++),
          dailyDouble: false,
        })),
      })),
      final: { category: fill(100, i++), prompt: fill(1000, i++), answer: fill(1000, i++) },
    },
  }
}

function expectTooLarge(r: { status: number; body: any }, limit: number) {
  expect(r.status).toBe(413)
  expect(r.body).toEqual({
    success: false,
    error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining(String(limit)), details: expect.any(Array) },
  })
}

const parse = (text: string) => JSON.parse(text)
const big = (bytes: number) => new TextEncoder().encode(JSON.stringify({ name: 'x'.repeat(bytes) }))

describe('body limits', () => {
  it("creates a game with a board at the schema's maximum, in scripts of 3 bytes a character", async () => {
    const body = largestBoard()
    const size = encodedSize(body)
    expect(size).toBeGreaterThan(700_000)
    expect(size).toBeLessThanOrEqual(MAX_GAME_BODY_BYTES)
    const r = await s.call('POST', '/api/games', { body })
    expect(r.status).toBe(201)
    const snap = (await s.call('GET', `/api/games/${r.body.id}`, { token: r.body.hostToken })).body
    expect(snap.name).toBe(body.name)
    expect(snap.categories).toHaveLength(12)
    expect(snap.categories.map((c: any) => c.questions.map((q: any) => [q.prompt, q.answer]))).toEqual(
      body.board.categories.map((c) => c.questions.map((q) => [q.prompt, q.answer])),
    )
    expect(snap.final).toMatchObject(body.board.final)
  })

  it('answers a 2 MB body with Content-Length with 413 and the error JSON, on every route', async () => {
    const g = await newGame(s)
    const p = await join(s, g.id, 'Ada')
    const twoMb = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) })
    for (const [path, limit] of [
      ['/api/games', MAX_GAME_BODY_BYTES],
      [`/api/games/${g.id}/players`, MAX_BODY_BYTES],
      [`/api/games/${g.id}/answers`, MAX_BODY_BYTES],
      [`/api/games/${g.id}/buzzer/reset`, MAX_BODY_BYTES],
      ['/game', MAX_BODY_BYTES],
      ['/no/such/route', MAX_BODY_BYTES],
    ] as const) {
      const r = await s.call('POST', path, {
        raw: twoMb,
        token: g.hostToken,
        headers: { 'content-type': 'application/json' },
      })
      expectTooLarge(r, limit)
    }
    // Bodies between the two limits: fine for a new game, too large for anything else.
    const mid = JSON.stringify({
      name: 'Mid',
      board: { categories: [{ name: 'C', questions: [{ value: 1, prompt: 'p'.repeat(1000), answer: 'a' }] }] },
      pad: 'x'.repeat(100_000),
    })
    expect(
      (await s.call('POST', '/api/games', { raw: mid, headers: { 'content-type': 'application/json' } })).status,
    ).toBe(201)
    const r = await s.call('POST', `/api/games/${g.id}/buzzer`, {
      raw: mid,
      token: p.token,
      headers: { 'content-type': 'application/json' },
    })
    expectTooLarge(r, MAX_BODY_BYTES)
  })

  it('answers an over-limit request with Expect: 100-continue with 413 and the error JSON before any body is sent', async () => {
    const r = await rawRequest(
      s.api.url,
      [
        'POST /api/games HTTP/1.1',
        'host: test',
        'content-type: application/json',
        `content-length: ${2 * 1024 * 1024}`,
        'expect: 100-continue',
      ].join('\r\n'),
      new Uint8Array(0),
    )
    expect(r.bodyBytesSent).toBe(0)
    expectTooLarge({ status: r.status, body: parse(r.body) }, MAX_GAME_BODY_BYTES)
  })

  it('answers a chunked body that grows over the limit with 413 and the error JSON', async () => {
    for (const [path, limit] of [
      ['/api/games', MAX_GAME_BODY_BYTES],
      ['/api/games/00000000-0000-4000-8000-000000000000/players', MAX_BODY_BYTES],
    ] as const) {
      const r = await rawRequest(
        s.api.url,
        [`POST ${path} HTTP/1.1`, 'host: test', 'content-type: application/json', 'transfer-encoding: chunked'].join(
          '\r\n',
        ),
        big(2 * 1024 * 1024),
        { chunked: true },
      )
      expectTooLarge({ status: r.status, body: parse(r.body) }, limit)
      // Refused while the body was still coming: the server did not wait for all 2 MB.
      expect(r.bodyBytesSent).toBeLessThan(2 * 1024 * 1024)
    }
  })

  it('still takes a chunked body under the limit', async () => {
    const body = new TextEncoder().encode(JSON.stringify({ name: 'Chunked' }))
    const r = await rawRequest(
      s.api.url,
      ['POST /api/games HTTP/1.1', 'host: test', 'content-type: application/json', 'transfer-encoding: chunked'].join(
        '\r\n',
      ),
      body,
      { chunked: true, chunkBytes: 5 },
    )
    expect(r.status).toBe(201)
    expect(parse(r.body).name).toBe('Chunked')
  })
})
