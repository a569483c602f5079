// Issue 9, rule 9: no input reaches a 500. A seeded fuzzer walks every operation of the api's own
// OpenAPI document (/swagger/json) with generated bad values, against a real api process, and
// asserts that every answer is below 500 and every error has the contract's error JSON.
//   FUZZ_SEED (default 9), FUZZ_REQUESTS (default 4000), FUZZ_SECONDS (default 45) tune a run.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
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

// --- a seeded generator -------------------------------------------------------------------------

function mulberry32(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const rand = mulberry32(SEED)
const int = (n: number) => Math.floor(rand() * n)
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!
const chance = (p: number) => rand() < p

const BAD_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  -0.5,
  1e308,
  -1e308,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  'NaN',
  'Infinity',
  '',
  ' ',
  'x'.repeat(5000),
  '日本語'.repeat(400),
  '\u0000',
  'a\u0000b',
  '\ud800',
  '💥'.repeat(200),
  '\u202Eevil\u200B',
  "'; drop table games; --",
  '../../etc/passwd',
  '00000000-0000-4000-8000-000000000000',
  'not-a-uuid',
  '1.5',
  '-1',
  '1e3',
  [],
  [1, 'two', null],
  {},
  { nested: { deep: [{}] } },
]
const BAD_SEGMENTS = [
  'x',
  '00000000-0000-4000-8000-000000000000',
  '6F1D2C3E-8A4B-4C5D-9E6F-7A8B9C0D1E2F',
  '1',
  '-1',
  '1.5',
  '%00',
  '%',
  '%zz',
  '%E0%A4%A',
  '%2e%2e%2f',
  encodeURIComponent('日本語'),
  encodeURIComponent('💥'.repeat(50)),
  'a'.repeat(3000),
  encodeURIComponent('\u202Eevil'),
  '%20',
]
const BAD_QUERY = [
  '1.5',
  '0.1',
  '20.000001',
  '-1',
  '0',
  '1e400',
  '99999999999999999999',
  'abc',
  '',
  '%00',
  'NaN',
  '1,2',
  '[]',
  '0x10',
  '💥',
  'x'.repeat(2000),
]
const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=latin1',
  '',
]

type Schema = {
  type?: string
  format?: string
  const?: unknown
  anyOf?: Schema[]
  enum?: unknown[]
  properties?: Record<string, Schema>
  required?: string[]
  items?: Schema
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  minItems?: number
  maxItems?: number
}

/** A value the schema accepts (mostly: random choices still hit the api's own rules). */
function valid(schema: Schema | undefined, depth = 0): unknown {
  if (!schema) return null
  if (schema.const !== undefined) return schema.const
  if (schema.enum) return pick(schema.enum)
  if (schema.anyOf) return valid(pick(schema.anyOf), depth)
  switch (schema.type) {
    case 'string':
      if (schema.format === 'uuid') return pick(ctx.uuids)
      return pick(['Cat', 'Dog', 'Ada', 'Europe', 'x', 'Quiz']).slice(0, schema.maxLength ?? 100)
    case 'integer':
    case 'number': {
      const lo = schema.minimum ?? 0
      const hi = Math.min(schema.maximum ?? lo + 1000, lo + 1000)
      return lo + int(hi - lo + 1)
    }
    case 'boolean':
      return chance(0.5)
    case 'array': {
      const n = Math.min(schema.minItems ?? 0, 3) + (depth < 3 ? int(2) : 0)
      return Array.from({ length: Math.min(n, schema.maxItems ?? n) }, () => valid(schema.items, depth + 1))
    }
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(schema.properties ?? {}))
        if (schema.required?.includes(k) || chance(0.5)) out[k] = valid(v, depth + 1)
      return out
    }
    default:
      return null
  }
}

/** A copy of `value` with one value somewhere inside it replaced (or removed, or added). */
function mutate(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return pick(BAD_VALUES)
  const copy: any = Array.isArray(value) ? [...value] : { ...value }
  const keys = Object.keys(copy)
  const roll = rand()
  if (keys.length === 0 || roll < 0.15)
    copy[pick(['extra', '__proto__', 'constructor', 'x'.repeat(300)])] = pick(BAD_VALUES)
  else if (roll < 0.3) delete copy[pick(keys)]
  else {
    const k = pick(keys)
    copy[k] = chance(0.3) ? mutate(copy[k]) : pick(BAD_VALUES)
  }
  return copy
}

type Op = { method: string; path: string; params: { in: string; name: string; schema: Schema }[]; body?: Schema }
type Req = { op: string; method: string; url: string; headers: Record<string, string>; body?: string }

function pathValue(op: Op, name: string): string {
  if (name === 'answerId') return ctx.answerId
  if (name === 'playerId') return ctx.p.id
  if (name === 'title') return pick(['Cat', 'Georgia_%28country%29', 'Albert%20Einstein'])
  if (op.path.startsWith('/game/')) return pick(ctx.wikiIds)
  if (op.path.startsWith('/api/questions/')) return pick(ctx.questionIds)
  // Ending the game under test would turn every later trivia request into 409 GAME_OVER.
  if (op.path.endsWith('/end')) return ctx.ending.id
  return ctx.g.id
}

function generate(op: Op): Req {
  // Only strategies that apply to the operation, so each one's inputs are tried often.
  const has = (where: string) => op.params.some((p) => p.in === where)
  const strategy = pick([
    'valid',
    'headers',
    ...(op.body ? (['body', 'body', 'body', 'whole', 'json', 'type'] as const) : []),
    ...(has('path') ? (['path', 'path'] as const) : []),
    ...(has('query') ? (['query', 'query', 'query'] as const) : []),
  ])
  const headers: Record<string, string> = {}
  const token = chance(0.8) ? pick(ctx.tokens) : chance(0.5) ? 'garbage' : null
  if (token) headers.authorization = `Bearer ${token}`
  let path = op.path
  for (const p of op.params.filter((p) => p.in === 'path'))
    path = path.replace(`{${p.name}}`, strategy === 'path' && chance(0.7) ? pick(BAD_SEGMENTS) : pathValue(op, p.name))
  const query = new URLSearchParams()
  for (const p of op.params.filter((p) => p.in === 'query')) {
    if (strategy === 'query' && chance(0.7)) query.append(p.name, pick(BAD_QUERY))
    else if (chance(0.6)) query.append(p.name, String(valid(p.schema)))
    if (strategy === 'query' && chance(0.2)) query.append(p.name, pick(BAD_QUERY))
  }
  if (strategy === 'query' && chance(0.3)) query.append(pick(['extra', 'limit', 'q']), pick(BAD_QUERY))
  if (strategy === 'headers') {
    // (Only values fetch will send: header values are Latin-1 without controls.)
    if (chance(0.5))
      headers['idempotency-key'] = pick(['', 'k'.repeat(300), ' ', 'a key with spaces', 'caf\u00e9', 'key'])
    else headers.authorization = pick(['Bearer', 'Basic abc', 'Bearer a b', `Bearer ${'t'.repeat(5000)}`, ''])
  } else if (chance(0.1)) headers['idempotency-key'] = `fuzz-${int(50)}`
  let body: string | undefined
  // Bodies on GET too, now and then (fetch cannot send one, so those go as a POST of the same path).
  if (op.body || chance(0.1)) {
    const good = valid(op.body ?? { type: 'object' })
    headers['content-type'] = 'application/json'
    if (strategy === 'valid' || strategy === 'path' || strategy === 'query' || strategy === 'headers')
      body = JSON.stringify(good)
    else if (strategy === 'body') body = JSON.stringify(mutate(good))
    else if (strategy === 'whole') body = JSON.stringify(pick(BAD_VALUES))
    else if (strategy === 'json')
      body = pick(['{', '{"a":', '[1,2', 'nul', '{"a":1}}', '\u0000', '"\\ud800"', '{"a":1e999}'])
    else {
      headers['content-type'] = pick(CONTENT_TYPES)
      body = chance(0.5) ? JSON.stringify(good) : 'name=x&player=human'
      if (!headers['content-type']) delete headers['content-type']
    }
  }
  const qs = query.toString()
  const method = body !== undefined && op.method === 'GET' ? 'POST' : op.method
  return { op: `${op.method} ${op.path}`, method, url: `${path}${qs ? `?${qs}` : ''}`, headers, body }
}

function operations(doc: any): Op[] {
  const ops: Op[] = []
  for (const [path, byMethod] of Object.entries<any>(doc.paths))
    for (const [method, op] of Object.entries<any>(byMethod))
      ops.push({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
      })
  return ops
}

const ERROR_CODE = /^[A-Z][A-Z0-9_]*$/

/** Why a reply breaks the rule, or null if it keeps it. */
function problem(status: number, text: string): string | null {
  if (status >= 500) return `status ${status}`
  if (status < 400) return null
  let body: any
  try {
    body = JSON.parse(text)
  } catch {
    return `status ${status} without a JSON body`
  }
  const e = body?.error
  if (body?.success !== false || typeof e?.message !== 'string' || !ERROR_CODE.test(e?.code ?? ''))
    return `status ${status} without the error JSON`
  if (
    e.details !== undefined &&
    !(Array.isArray(e.details) && e.details.every((d: any) => typeof d?.path === 'string'))
  )
    return `status ${status} with malformed details`
  return null
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
      const requests = Array.from({ length: REQUESTS }, (_, i) => generate(ops[i % ops.length]!))
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
