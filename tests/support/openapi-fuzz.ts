// A seeded fuzzer driven by an OpenAPI document: for each operation it generates requests that are
// valid by the schema and then broken in one way (a field's type, a fraction, a huge number, a long,
// unicode or NUL string, a missing or extra field, a bad path id or query value, bad JSON, a wrong
// content type, a bad header), so they get past the first checks and into the code behind them.
// Only inputs fetch can send: header values stay Latin-1 without controls.

/** What the fuzzed api knows: real ids and tokens, so requests also reach the code behind the auth and id checks. */
export type Target = {
  uuids: readonly string[]
  tokens: readonly string[]
  /** A real value for a path parameter of `op` (`pick` chooses among several). */
  pathValue: (op: Op, name: string, pick: <T>(xs: readonly T[]) => T) => string
}

export function mulberry32(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

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

export type Schema = {
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

export type Op = { method: string; path: string; params: { in: string; name: string; schema: Schema }[]; body?: Schema }
export type Req = { op: string; method: string; url: string; headers: Record<string, string>; body?: string }

export function operations(doc: any): Op[] {
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

/** Requests for `op`, the same sequence for the same seed. */
export function createFuzzer(seed: number, target: Target) {
  const rand = mulberry32(seed)
  const int = (n: number) => Math.floor(rand() * n)
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!
  const chance = (p: number) => rand() < p

  /** A value the schema accepts (mostly: random choices still hit the api's own rules). */
  function valid(schema: Schema | undefined, depth = 0): unknown {
    if (!schema) return null
    if (schema.const !== undefined) return schema.const
    if (schema.enum) return pick(schema.enum)
    if (schema.anyOf) return valid(pick(schema.anyOf), depth)
    switch (schema.type) {
      case 'string':
        if (schema.format === 'uuid') return pick(target.uuids)
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
    const token = chance(0.8) ? pick(target.tokens) : chance(0.5) ? 'garbage' : null
    if (token) headers.authorization = `Bearer ${token}`
    let path = op.path
    for (const p of op.params.filter((p) => p.in === 'path'))
      path = path.replace(
        `{${p.name}}`,
        strategy === 'path' && chance(0.7) ? pick(BAD_SEGMENTS) : target.pathValue(op, p.name, pick),
      )
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

  return { generate }
}

const ERROR_CODE = /^[A-Z][A-Z0-9_]*$/

/** Why a reply breaks the rule, or null if it keeps it. */
export function problem(status: number, text: string): string | null {
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
