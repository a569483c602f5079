// One way to read configuration for every app: the app's environment variables are one TypeBox
// schema (defaults, ranges, descriptions), read once at start. `readEnv` coerces the strings,
// fills the defaults and, when anything is wrong, throws ONE error naming every bad variable. The
// same schemas generate the README's configuration table (scripts/config-docs.ts) and drive the
// deploy checks (deploy/env-vars.ts), so code, docs and manifests cannot drift apart.
import { type Static, type TObject, type TOptional, type TSchema, type TString, Type as t } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'

export type Env = Record<string, string | undefined>
export type EnvIssue = { name: string; message: string }

/**
 * Doc annotations a variable's schema may carry besides `description` and `default`:
 * `defaultText` for a default computed at start (shown instead of `default`), `testOnly` for hooks
 * that tests set and deployments never do.
 */
export type EnvDoc = { description: string; defaultText?: string; testOnly?: boolean }

/** An integer variable; `minimum` defaults to 0. */
export const envInt = (o: EnvDoc & { default: number; minimum?: number; maximum?: number }) =>
  t.Integer({ minimum: 0, ...o })
type StringOpts = EnvDoc & { minLength?: number; pattern?: string }
/** A string variable; without `default` it may be undefined (the app computes one). */
export function envString(o: StringOpts & { default: string }): TString
export function envString(o: StringOpts): TOptional<TString>
export function envString(o: StringOpts & { default?: string }): TString | TOptional<TString> {
  return o.default === undefined ? t.Optional(t.String(o)) : t.String(o)
}
export const envBool = (o: EnvDoc & { default: boolean }) => t.Boolean(o)
export const envEnum = <const V extends string[]>(values: V, o: EnvDoc & { default?: V[number] }) =>
  t.Union(
    values.map((v) => t.Literal(v)),
    o,
  ) as ReturnType<typeof t.Union<{ [K in keyof V]: ReturnType<typeof t.Literal<V[K]>> }>>

export class ConfigError extends Error {
  constructor(readonly issues: EnvIssue[]) {
    super(`invalid configuration: ${issues.map((i) => `${i.name} ${i.message}`).join('; ')}`)
    this.name = 'ConfigError'
  }
}

/** What a variable must be, in words, for the error message. */
function expected(s: TSchema): string {
  if (s.anyOf) return `one of ${(s.anyOf as TSchema[]).map((x) => String(x.const)).join(', ')}`
  if (s.type === 'integer') {
    if (s.maximum !== undefined) return `an integer from ${s.minimum ?? 0} to ${s.maximum}`
    return `an integer >= ${s.minimum ?? 0}`
  }
  if (s.type === 'boolean') return 'true or false'
  if (s.pattern) return `a string matching ${s.pattern}`
  return 'a non-empty string'
}

/**
 * Reads `schema`'s variables from `env`: numbers and booleans coerced from their text, defaults
 * filled, an empty value taken as unset unless the variable accepts the empty string. `refine` adds
 * rules across variables (e.g. a secret required in production). Throws ConfigError naming every
 * bad variable at once; variables outside the schema are ignored.
 */
export function readEnv<S extends TObject>(
  schema: S,
  env: Env = process.env,
  refine?: (value: Static<S>, raw: Env) => EnvIssue[],
): Static<S> {
  const raw: Record<string, string> = {}
  for (const [name, prop] of Object.entries(schema.properties)) {
    const v = env[name]
    if (v === undefined || (v === '' && !Value.Check(prop, ''))) continue
    raw[name] = v
  }
  const value = Value.Default(schema, Value.Convert(schema, { ...raw })) as Static<S>
  const issues: EnvIssue[] = []
  for (const e of Value.Errors(schema, value)) {
    const name = e.path.split('/')[1] ?? e.path
    if (issues.some((i) => i.name === name)) continue
    const prop = schema.properties[name]
    issues.push({
      name,
      message: prop ? `must be ${expected(prop)}, got "${raw[name] ?? ''}"` : e.message,
    })
  }
  for (const i of refine?.(value, env) ?? []) if (!issues.some((x) => x.name === i.name)) issues.push(i)
  if (issues.length > 0) throw new ConfigError(issues)
  return value
}

/** One row per variable of `schema`, for docs and deploy checks. */
export function describeEnv(schema: TObject) {
  return Object.entries(schema.properties).map(([name, s]) => ({
    name,
    description: String(s.description ?? ''),
    default: s.defaultText !== undefined ? String(s.defaultText) : s.default,
    testOnly: s.testOnly === true,
  }))
}

/** The variables several apps share, defined once so each reads and documents them alike. */
export const sharedEnv = {
  DATABASE_URL: envString({
    default: 'postgres://postgres@127.0.0.1:5432/gamenight',
    minLength: 1,
    description: 'Postgres; the database is created on first start',
  }),
  REDIS_URL: envString({
    default: 'redis://127.0.0.1:6379',
    minLength: 1,
    description:
      'Redis (event backlogs and channels, AI turn stream, presence); ignored when `REDIS_CLUSTER_NODES` is set',
  }),
  REDIS_CLUSTER_NODES: envString({
    description:
      'a Redis Cluster instead of one Redis: seed nodes as `host:port,host:port` (docs/SCALING.md); unset = `REDIS_URL`',
    defaultText: '(unset)',
  }),
  REDIS_PREFIX: envString({
    default: 'gn:',
    description: 'prefix of every key, stream and channel, so deployments can share one Redis',
  }),
  PORT: (port: number) => envInt({ default: port, maximum: 65_535, description: 'HTTP port (0: any free port)' }),
  WORKER_TOKEN: envString({
    default: 'dev-worker-token',
    minLength: 1,
    description: 'Bearer token the worker uses for `PATCH /game/{id}`; required when `NODE_ENV=production`',
  }),
  NODE_ENV: envString({ description: '`production` makes `WORKER_TOKEN` mandatory', defaultText: '(unset)' }),
  LOG_LEVEL: envEnum(['debug', 'info', 'warn', 'error'], {
    default: 'info',
    description: '`debug`, `info`, `warn`, `error` (JSON lines on stdout)',
  }),
}

/**
 * Where Redis is, from REDIS_URL and REDIS_CLUSTER_NODES (comma list of `host:port`; empty = none):
 * `{url}` for one Redis, `{url, clusterNodes}` for a cluster (libs/bus createRedis takes either).
 */
export function redisTarget(e: { REDIS_URL: string; REDIS_CLUSTER_NODES?: string }): {
  url: string
  clusterNodes?: string[]
} {
  const nodes = (e.REDIS_CLUSTER_NODES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  return nodes.length ? { url: e.REDIS_URL, clusterNodes: nodes } : { url: e.REDIS_URL }
}

/** The refine rule of apps that hold WORKER_TOKEN: production never runs on the development value. */
export const workerTokenInProduction = (_v: unknown, raw: Env): EnvIssue[] =>
  raw.NODE_ENV === 'production' && !raw.WORKER_TOKEN
    ? [{ name: 'WORKER_TOKEN', message: 'is required when NODE_ENV=production' }]
    : []
