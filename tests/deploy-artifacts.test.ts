// deploy/Dockerfile, deploy/compose.yaml, deploy/nginx.conf and .dockerignore, checked mechanically
// for what usually goes wrong: missing env vars, wrong ports, missing healthchecks, root users,
// installs that ignore the lockfile, build inputs excluded from the context.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose and Dockerfile text holds ${VAR} literally
import { describe, expect, test } from 'bun:test'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { readEnv } from '@gamenight/runtime'
import { DockerfileParser } from 'dockerfile-ast'
import { parse } from 'yaml'
import { FILES, META_DIR_USERS, SERVICES } from '../deploy/build.ts'
import { defaultPort, ENV_SCHEMAS, mustDeploy } from '../deploy/env-vars.ts'

const ROOT = join(import.meta.dir, '..')
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8')
const dockerfile = DockerfileParser.parse(read('deploy/Dockerfile'))
const compose = parse(read('deploy/compose.yaml'), { merge: true, maxAliasCount: -1 })

/** Instructions per stage name (FROM ... AS name). */
function stages() {
  const out = new Map<string, { from: string; instructions: { keyword: string; args: string }[] }>()
  let cur: { from: string; instructions: { keyword: string; args: string }[] } | undefined
  for (const ins of dockerfile.getInstructions()) {
    const keyword = ins.getKeyword()
    // Flags (COPY --from=...) are parsed apart from the arguments; put them back in front.
    const flags = ('getFlags' in ins ? (ins as any).getFlags() : []).map((f: any) => `--${f.getName()}=${f.getValue()}`)
    const args = [...flags, ins.getArgumentsContent() ?? ''].join(' ')
    if (keyword === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(args)!
      cur = { from: m[1]!, instructions: [] }
      out.set(m[2] ?? m[1]!, cur)
    } else cur?.instructions.push({ keyword, args })
  }
  return out
}
const S = stages()
/** A stage's instructions including those of the stages it is built FROM. */
function chain(name: string): { keyword: string; args: string }[] {
  const s = S.get(name)
  if (!s) return []
  return [...chain(s.from), ...s.instructions]
}
const last = (name: string, keyword: string) =>
  chain(name)
    .filter((i) => i.keyword === keyword)
    .at(-1)?.args

describe('Dockerfile', () => {
  test('parses, with a target per service plus migrate, on base images given as build arguments', () => {
    for (const t of [...SERVICES, 'migrate']) expect(S.has(t), t).toBe(true)
    const text = read('deploy/Dockerfile')
    expect(text).toContain(`ARG BUN_VERSION=${JSON.parse(read('package.json')).packageManager.split('@')[1]}`)
    // Defaults are the official images, so an operator with Docker builds unchanged.
    expect(text).toContain('ARG BUN_IMAGE=oven/bun:${BUN_VERSION}')
    expect(text).toContain('ARG BUN_SLIM_IMAGE=oven/bun:${BUN_VERSION}-slim')
    expect(text).toContain('ARG DEBIAN_IMAGE=debian:bookworm-slim')
    // Every FROM is an earlier stage or one of those arguments: no base image hard-coded elsewhere.
    const stageNames = new Set<string>()
    for (const f of dockerfile.getFROMs()) {
      const image = f.getImageName() ?? ''
      expect(
        stageNames.has(image) || ['${BUN_IMAGE}', '${BUN_SLIM_IMAGE}', '${DEBIAN_IMAGE}'].includes(image),
        image,
      ).toBe(true)
      const name = f.getBuildStage()
      if (name) stageNames.add(name)
    }
  })

  test('a build reaches the registry through a proxy CA given as a build secret, never a layer', () => {
    const installs = dockerfile
      .getInstructions()
      .filter((i) => i.getKeyword() === 'RUN' && /bun install/.test(i.getArgumentsContent() ?? ''))
    expect(installs.length).toBeGreaterThan(0)
    for (const i of installs) {
      expect(i.getTextContent()).toContain('--mount=type=secret,id=ca,required=false')
      expect(i.getTextContent()).toContain('NODE_EXTRA_CA_CERTS=/run/secrets/ca')
    }
    expect(read('deploy/Dockerfile')).not.toMatch(/^(COPY|ADD)\s.*(\.crt|\.pem|ca-certificates)/m)
  })

  test('every bun install uses the lockfile (--frozen-lockfile)', () => {
    const installs = dockerfile
      .getInstructions()
      .filter((i) => i.getKeyword() === 'RUN' && /bun install/.test(i.getArgumentsContent() ?? ''))
    expect(installs.length).toBeGreaterThan(0)
    for (const i of installs) expect(i.getArgumentsContent()).toContain('--frozen-lockfile')
  })

  test('every runnable target runs as a non-root user', () => {
    for (const t of [...SERVICES, 'migrate']) {
      const user = last(t, 'USER')
      expect(user, t).toBeDefined()
      expect(user!.split(':')[0]).not.toMatch(/^(root|0)$/)
    }
  })

  test('service targets have a HEALTHCHECK on /readyz via the binary, expose and set the port their code uses', () => {
    expect(read('deploy/healthcheck.ts')).toContain('/readyz')
    for (const svc of SERVICES) {
      expect(last(svc, 'HEALTHCHECK'), svc).toContain('BUN_BE_BUN=1 /app/server /app/healthcheck.ts')
      expect(last(svc, 'EXPOSE')).toBe(String(defaultPort(svc)))
      expect(
        chain(svc)
          .filter((i) => i.keyword === 'ENV')
          .map((i) => i.args)
          .join(' '),
      ).toContain(`PORT=${defaultPort(svc)}`)
      expect(
        chain(svc).some((i) => i.keyword === 'COPY' && i.args === `--from=build-${svc} /out/server /app/server`),
      ).toBe(true)
      expect(
        chain(svc).some((i) => i.keyword === 'COPY' && i.args === `--from=build-${svc} /app/files /app/files`),
      ).toBe(true)
      expect(S.get(`build-${svc}`)!.instructions.map((i) => i.args)).toContain(
        `bun deploy/build.ts ${svc} /out/server /app/files`,
      )
    }
  })

  test('the api image carries the built web client where WEB_DIR points', () => {
    expect(S.get('web')!.instructions.map((i) => i.args)).toContain('bun run --cwd apps/web build')
    expect(chain('api').some((i) => i.keyword === 'COPY' && i.args === '--from=web /src/apps/web/dist /app/web')).toBe(
      true,
    )
    expect(last('api', 'ENV')).toContain('WEB_DIR=/app/web')
    if (existsSync(join(ROOT, 'apps/web/package.json')))
      expect(JSON.parse(read('apps/web/package.json')).scripts?.build).toBeTruthy()
  })

  test('the migrate target runs bun run migrate from the source, with the article graph data', () => {
    expect(last('migrate', 'CMD')).toBe('["bun", "run", "migrate"]')
    expect(chain('migrate').some((i) => i.keyword === 'COPY' && i.args.startsWith('--from=prod-deps /src'))).toBe(true)
    expect(JSON.parse(read('package.json')).scripts.migrate).toBe('bun libs/db/src/cli.ts')
  })

  test('every file a library finds through import.meta.dir ships next to the binaries', () => {
    const users: string[] = []
    for (const base of ['apps', 'libs']) {
      for (const f of readdirSync(join(ROOT, base), { recursive: true, encoding: 'utf8' })) {
        if (!f.endsWith('.ts') || f.endsWith('.test.ts') || f.includes('node_modules') || !/(^|\/)src\//.test(f))
          continue
        if (/import\.meta\.dir\b/.test(readFileSync(join(ROOT, base, f), 'utf8'))) users.push(`${base}/${f}`)
      }
    }
    expect(users.filter((u) => !u.startsWith('apps/web/')).sort()).toEqual(Object.keys(META_DIR_USERS).sort())
    for (const { from } of Object.values(META_DIR_USERS)) expect(existsSync(join(ROOT, from)), from).toBe(true)
    expect(FILES.api).toContain('libs/wikigraph/src/load.ts')
  })
})

describe('.dockerignore', () => {
  const ignored = read('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
  test('keeps the lockfile, every workspace manifest, the build script and the article graph in the context', () => {
    for (const keep of [
      'package.json',
      'bun.lock',
      'bunfig.toml',
      'deploy',
      'deploy/build.ts',
      'libs',
      'apps',
      'libs/wikigraph',
      'libs/wikigraph/data',
    ])
      expect(ignored, keep).not.toContain(keep)
    for (const pat of ignored) expect(pat.startsWith('libs') || pat.startsWith('apps') || pat === 'deploy').toBe(false)
  })
  test('drops node_modules, git history and build output', () => {
    for (const drop of ['.git', '**/node_modules', '**/dist']) expect(ignored).toContain(drop)
  })
})

describe('compose', () => {
  const svc = compose.services as Record<string, any>
  const envOf = (name: string) => svc[name].environment as Record<string, string>

  test('has Postgres, Redis with AOF, a one-shot migrate, api, two relays, two workers and one entry', () => {
    expect(Object.keys(svc).sort()).toEqual(['api', 'edge', 'migrate', 'postgres', 'redis', 'relay', 'worker'])
    expect(svc.redis.command.join(' ')).toContain('--appendonly yes')
    expect(svc.redis.volumes[0]).toMatch(/:\/data$/)
    expect(svc.postgres.volumes[0]).toMatch(/:\/var\/lib\/postgresql\/data$/)
    expect(svc.relay.deploy.replicas).toBe(2)
    expect(svc.worker.deploy.replicas).toBe(2)
    expect(svc.migrate.restart).toBe('no')
    // It retries by itself: under podman-compose it may start before Postgres accepts connections.
    expect(svc.migrate.command.join(' ')).toMatch(
      /for i in \$\$\(seq \d+\); do bun run migrate && exit 0; sleep \d+; done; exit 1/,
    )
    expect(svc.migrate.build.target).toBe('migrate')
  })

  test('every long-running service has a healthcheck and every dependency waits on a condition', () => {
    for (const [name, s] of Object.entries(svc)) {
      if (name !== 'migrate') expect(s.healthcheck?.test, name).toBeDefined()
      for (const [dep, cond] of Object.entries<any>(s.depends_on ?? {})) {
        expect(svc[dep], `${name} -> ${dep}`).toBeDefined()
        expect(cond.condition).toBe(dep === 'migrate' ? 'service_completed_successfully' : 'service_healthy')
      }
    }
    expect(Object.keys(svc.api.depends_on)).toContain('migrate')
  })

  test('each service builds its own target and gets every env var its code reads, with its port', () => {
    for (const name of SERVICES) {
      expect(svc[name].build).toMatchObject({ context: '..', dockerfile: 'deploy/Dockerfile', target: name })
      const env = envOf(name)
      expect(mustDeploy(name).filter((v) => !(v in env))).toEqual([])
      expect(env.PORT).toBe(String(defaultPort(name)))
      expect(svc[name].expose).toEqual([String(defaultPort(name))])
      expect(svc[name].stop_grace_period).toBe('15s')
    }
    expect(mustDeploy('migrate').filter((v) => !(v in envOf('migrate')))).toEqual([])
    // Every value compose gives is one the service's schema accepts (`${VAR:-default}` at its default,
    // `${VAR:?message}` at some value: compose refuses to start without one).
    const resolved = (env: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(env).map(([k, v]) => [
          k,
          String(v)
            .replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')
            .replace(/\$\{[A-Z_]+:\?[^}]*\}/g, 'set-by-the-operator'),
        ]),
      )
    for (const name of [...SERVICES, 'migrate'] as const)
      expect(() => readEnv(ENV_SCHEMAS[name], resolved(envOf(name))), name).not.toThrow()
    expect(envOf('api').MIGRATE_ON_START).toBe('false')
    expect(envOf('worker').API_URL).toBe(`http://api:${defaultPort('api')}`)
    // One database, one Redis, one token for all.
    expect(new Set(['api', 'relay', 'migrate'].map((n) => envOf(n).DATABASE_URL)).size).toBe(1)
    expect(new Set(['api', 'relay', 'worker'].map((n) => envOf(n).REDIS_URL)).size).toBe(1)
    expect(envOf('api').WORKER_TOKEN).toBe(envOf('worker').WORKER_TOKEN)
    expect(new URL(envOf('api').DATABASE_URL!.replace(/\$\{[^}]*\}/, 'x')).host).toBe('postgres:5432')
    expect(envOf('api').REDIS_URL).toBe('redis://redis:6379')
  })

  test('secrets must be provided, never defaulted', () => {
    expect(envOf('api').WORKER_TOKEN).toMatch(/^\$\{WORKER_TOKEN:\?/)
    expect(svc.postgres.environment.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/)
    const example = read('deploy/.env.example')
    for (const k of ['POSTGRES_PASSWORD', 'WORKER_TOKEN']) expect(example).toMatch(new RegExp(`^${k}=`, 'm'))
  })

  test('the edge publishes one port and routes /ws to the relays with WebSocket upgrade, the rest to the api', () => {
    expect(svc.edge.ports).toEqual(['${GAMENIGHT_PORT:-8080}:8080'])
    expect(svc.edge.volumes).toContain('./nginx.conf:/etc/nginx/templates/default.conf.template:ro')
    const conf = read('deploy/nginx.conf')
    expect(conf).toContain(`set $relay_upstream relay:${defaultPort('relay')};`)
    expect(conf).toContain(`set $api_upstream api:${defaultPort('api')};`)
    const ws = /location \/ws \{([^}]*)\}/.exec(conf)![1]!
    expect(ws).toContain('proxy_pass http://$relay_upstream;')
    expect(ws).toContain('proxy_set_header Upgrade $http_upgrade;')
    expect(ws).toMatch(/proxy_read_timeout \d{4,}s;/)
    expect(/location \/ \{([^}]*)\}/.exec(conf)![1]).toContain('proxy_pass http://$api_upstream;')
    expect(conf).toContain('listen 8080;')
    expect(/location = \/metrics \{([^}]*)\}/.exec(conf)?.[1]).toContain('return 404;')
    // No other service is published on the host.
    for (const [name, s] of Object.entries(svc)) if (name !== 'edge') expect(s.ports, name).toBeUndefined()
  })

  test('the edge resolves services through the DNS the runtime gives, not Docker 127.0.0.11 alone', () => {
    const conf = read('deploy/nginx.conf')
    expect(conf).not.toContain('127.0.0.11 ')
    expect(conf).toMatch(/^resolver \$\{EDGE_RESOLVER\} valid=\d+s/m)
    // Upstreams by variable: resolved per request, so nginx starts before the services exist.
    expect(conf).not.toMatch(/^\s*upstream\s/m)
    expect(svc.edge.volumes).toContain('./edge-resolver.envsh:/docker-entrypoint.d/15-edge-resolver.envsh:ro')
    const envsh = read('deploy/edge-resolver.envsh')
    expect(envsh).toContain('export EDGE_RESOLVER=')
    expect(statSync(join(ROOT, 'deploy/edge-resolver.envsh')).mode & 0o111).not.toBe(0)
  })

  test('runs on podman-compose 1.0.3: string healthchecks, datastore and edge images overridable', () => {
    // podman-compose 1.0.3 pops a list healthcheck's first item in place: a list shared by an
    // anchor or by replicas breaks the second container.
    for (const [name, s] of Object.entries(svc))
      if (s.healthcheck) expect(typeof s.healthcheck.test, name).toBe('string')
    // It only substitutes ${VAR:-default} with a non-empty default.
    expect(read('deploy/compose.yaml')).not.toMatch(/\$\{[A-Z_]+:-\}/)
    expect(svc.postgres.image).toBe('${POSTGRES_IMAGE:-postgres:16-alpine}')
    expect(svc.redis.image).toBe('${REDIS_IMAGE:-redis:7.4-alpine}')
    expect(svc.edge.image).toBe('${EDGE_IMAGE:-nginx:1.28-alpine}')
  })

  test('services run read-only, without privileges, as the image user', () => {
    for (const name of SERVICES) {
      expect(svc[name].read_only).toBe(true)
      expect(svc[name].cap_drop).toEqual(['ALL'])
      expect(svc[name].security_opt).toContain('no-new-privileges:true')
      expect(svc[name].user).toBeUndefined()
    }
  })
})
