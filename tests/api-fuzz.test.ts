// Issue 9, rule 9: no input reaches a 500. A seeded fuzzer walks every operation of the api's own
// OpenAPI document (/swagger/json) with generated bad values, against a real api process, and
// asserts that every answer is below 500 and every error has the contract's error JSON.
//   FUZZ_SEED (default 9), FUZZ_REQUESTS (default 4000), FUZZ_SECONDS (default 45) tune a run.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { createFuzzer, type Op, operations, problem } from './support/openapi-fuzz.ts'
import { type ApiSuite, join, newGame, startApiSuite } from './support/suite.ts'

const SEED = Number(process.env.FUZZ_SEED ?? 9)
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 4000)
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 45)
const CONCURRENCY = 8

let s: ApiSuite
let ctx: Awaited<ReturnType<typeof context>>
beforeAll(async () => {
  s = await startApiSuite('fuzz')
  ctx = await context()
})
afterAll(async () => {
  await s?.stop()
})

/** Real ids and tokens, so generated requests also reach the code behind the auth and id checks. */
async function context() {
  const board = {
    categories: [
      { name: 'A', questions: [{ value: 100, prompt: 'p', answer: 'a', dailyDouble: true }] },
      { name: 'B', round: 2, questions: [{ value: 200, prompt: 'p', answer: 'a' }] },
    ],
    final: { category: 'F', prompt: 'p', answer: 'a' },
  }
  const g = await newGame(s, { name: 'Fuzzed', board })
  const ending = await newGame(s, { name: 'Ended by the fuzzer' })
  const other = await newGame(s, { name: 'Other' })
  const p = await join(s, g.id, 'Fuzz')
  const snap = (await s.call('GET', `/api/games/${g.id}`, { token: g.hostToken })).body
  const questionIds: string[] = [
    ...snap.categories.flatMap((c: any) => c.questions.map((q: any) => q.id)),
    snap.final.questionId,
  ]
  const a = await s.call('POST', `/api/games/${g.id}/answers`, {
    token: g.hostToken,
    body: { playerId: p.id, questionId: questionIds[1], isCorrect: true },
  })
  const human = await s.call('POST', '/game', { body: { player: 'human', startArticle: 'Cat', endArticle: 'Dog' } })
  const ai = await s.call('POST', '/game', { body: { player: 'ai', difficulty: 'easy' } })
  return {
    g,
    ending,
    p,
    questionIds,
    answerId: a.body.answerId as string,
    wikiIds: [human.body.id as string, ai.body.id as string],
    tokens: [g.hostToken, g.viewToken, p.token, other.hostToken, human.body.token as string, s.env.WORKER_TOKEN],
    uuids: [g.id, p.id, ...questionIds, a.body.answerId, human.body.id, other.id],
  }
}

/** A real id for each path parameter: the game under test, its question, answer, player; a wiki game. */
function pathValue(op: Op, name: string, pick: <T>(xs: readonly T[]) => T): string {
  if (name === 'answerId') return ctx.answerId
  if (name === 'playerId') return ctx.p.id
  if (name === 'title') return pick(['Cat', 'Georgia_%28country%29', 'Albert%20Einstein'])
  if (op.path.startsWith('/game/')) return pick(ctx.wikiIds)
  if (op.path.startsWith('/api/questions/')) return pick(ctx.questionIds)
  // Ending the game under test would turn every later trivia request into 409 GAME_OVER.
  if (op.path.endsWith('/end')) return ctx.ending.id
  return ctx.g.id
}

describe('no input reaches a 500', () => {
  it('answers GET /articles?q=cat&limit=1.5 and GET /game?limit=1.5 with 400 VALIDATION', async () => {
    for (const path of [
      '/articles?q=cat&limit=1.5',
      '/game?limit=1.5',
      '/game?limit=-3',
      '/articles?q=cat&limit=1e400',
    ]) {
      const r = await s.call('GET', path)
      expect({ path, status: r.status, code: r.body?.error?.code }).toEqual({ path, status: 400, code: 'VALIDATION' })
      expect(r.body.error.details[0]).toEqual({ path: expect.any(String), message: expect.any(String) })
    }
    expect((await s.call('GET', '/articles?q=cat&limit=2')).body.results).toHaveLength(2)
  })

  it('refuses a JSON string with an unpaired surrogate with 400 VALIDATION, on any route', async () => {
    const raw = (path: string, text: string, token?: string) =>
      s.call('POST', path, { raw: text, token, headers: { 'content-type': 'application/json' } })
    for (const r of [
      await raw(`/game/${ctx.wikiIds[1]}/fail`, '{"reason":"\\ud800"}', s.env.WORKER_TOKEN),
      await raw(`/api/games/${ctx.g.id}/players`, '{"name":"Ada\\udfff"}'),
      await raw('/api/games', '{"name":"ok","\\ud83d":1}'),
    ]) {
      expect({ status: r.status, code: r.body?.error?.code }).toEqual({ status: 400, code: 'VALIDATION' })
    }
    // A surrogate pair is one character, and fine.
    expect((await raw(`/api/games/${ctx.g.id}/players`, '{"name":"\\ud83d\\ude00 Smiley"}')).status).toBe(201)
  })

  it(
    `walks every operation of /swagger/json with ${REQUESTS} seeded bad requests (seed ${SEED}) without a 5xx or a malformed error`,
    async () => {
      const doc = (await s.call('GET', '/swagger/json')).body
      const ops = operations(doc)
      expect(ops.length).toBeGreaterThanOrEqual(20)
      const fuzz = createFuzzer(SEED, { uuids: ctx.uuids, tokens: ctx.tokens, pathValue })
      const requests = Array.from({ length: REQUESTS }, (_, i) => fuzz.generate(ops[i % ops.length]!))
      const deadline = performance.now() + SECONDS * 1000
      const failures: string[] = []
      const perOp = new Map<string, number>()
      const statuses = new Map<number, number>()
      let next = 0
      let done = 0
      const worker = async () => {
        while (next < requests.length && performance.now() < deadline) {
          const r = requests[next++]!
          let why: string | null
          try {
            const res = await fetch(s.api.url + r.url, { method: r.method, headers: r.headers, body: r.body })
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
            why = problem(res.status, await res.text())
          } catch (err) {
            why = `no answer (${(err as Error).message})`
          }
          perOp.set(r.op, (perOp.get(r.op) ?? 0) + 1)
          done++
          if (why)
            failures.push(
              `${why}: ${r.method} ${r.url.slice(0, 200)} ${JSON.stringify(r.headers).slice(0, 200)} ${r.body?.slice(0, 300) ?? ''}`,
            )
          if (done % 1000 === 0) console.error(`fuzz: ${done}/${requests.length} requests, ${failures.length} failures`)
        }
      }
      await Promise.all(Array.from({ length: CONCURRENCY }, worker))
      const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([k, n]) => `${k}×${n}`)
      console.error(`fuzz: seed ${SEED}, ${done} requests over ${perOp.size} operations, ${failures.length} failures`)
      console.error(`fuzz: statuses ${byStatus.join(' ')}`)
      expect(failures.slice(0, 10)).toEqual([])
      // Bounded by time, but never so short that an operation went untried.
      expect(perOp.size).toBe(ops.length)
      expect(done).toBeGreaterThanOrEqual(Math.min(REQUESTS, ops.length * 20))
      // The api is still healthy afterwards.
      expect((await s.call('GET', '/readyz')).status).toBe(200)
    },
    (SECONDS + 30) * 1000,
  )
})
