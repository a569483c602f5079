// Kubernetes manifests, verified offline: every overlay renders with the real kustomize
// (`kubectl kustomize`, kustomize v5; the test fails when kubectl is missing), every object validates
// against the Kubernetes (and KEDA) schemas with no unknown field, and the manifests match the code:
// env vars and their values (the apps' config schemas), ports, probes, scrape annotations.
import { describe, expect, test } from 'bun:test'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { keys } from '@gamenight/bus'
import { readEnv } from '@gamenight/runtime'
import { parseAllDocuments } from 'yaml'
import { defaultPort, ENV_SCHEMAS, mustDeploy } from '../deploy/env-vars.ts'

type Obj = Record<string, any>

const ROOT = join(import.meta.dir, '..')
const K8S_DIR = join(ROOT, 'k8s')
const TARGETS = ['base', 'overlays/dev', 'overlays/prod', 'overlays/prod-cluster'] as const
const OVERLAYS = ['overlays/dev', 'overlays/prod', 'overlays/prod-cluster'] as const
const SERVICES = ['api', 'relay', 'worker'] as const

const resourceId = (o: Obj) => `${o.kind}/${o.metadata?.namespace ?? '~'}/${o.metadata?.name}`

const kubectl = Bun.which('kubectl')
/** `kubectl kustomize <dir>`, parsed; throws (failing every test) without kubectl or on a kustomize error. */
function kustomize(dir: string): Obj[] {
  if (!kubectl) throw new Error('kubectl is not installed: these tests render k8s/ with `kubectl kustomize`')
  const out = Bun.spawnSync([kubectl, 'kustomize', dir])
  if (out.exitCode !== 0) throw new Error(`kubectl kustomize ${dir}: ${out.stderr.toString()}`)
  return parseAllDocuments(out.stdout.toString())
    .map((d) => {
      if (d.errors.length) throw new Error(`${dir}: ${d.errors[0]!.message}`)
      return d.toJS({ maxAliasCount: -1 }) as Obj
    })
    .filter((o) => o != null)
}
const rendered = Object.fromEntries(TARGETS.map((t) => [t, kustomize(join(K8S_DIR, t))])) as Record<
  (typeof TARGETS)[number],
  Obj[]
>

const find = (objs: Obj[], kind: string, name: string) => objs.find((o) => o.kind === kind && o.metadata.name === name)
const podSpec = (o: Obj) =>
  o.kind === 'Job' || o.kind === 'Deployment' || o.kind === 'StatefulSet' ? o.spec.template.spec : undefined

/** Where each object's model lives: kubernetes-models for built-ins, @kubernetes-models/keda for KEDA. */
function modelModule(o: Obj): string {
  const [group, version] = String(o.apiVersion).includes('/') ? String(o.apiVersion).split('/') : ['', o.apiVersion]
  if (group === 'keda.sh') return `@kubernetes-models/keda/keda.sh/${version}/${o.kind}`
  return group ? `kubernetes-models/${group}/${version}/${o.kind}` : `kubernetes-models/${version}/${o.kind}`
}

describe('rendering', () => {
  test('kubectl with kustomize v5 is installed (CI installs it)', () => {
    expect(kubectl, 'kubectl on PATH').toBeTruthy()
    const v = Bun.spawnSync([kubectl!, 'version', '--client']).stdout.toString()
    expect(v).toMatch(/Kustomize Version: v5\./)
  })
  for (const t of TARGETS) {
    test(`${t} renders with unique, named objects`, () => {
      const objs = rendered[t]
      expect(objs.length).toBeGreaterThan(10)
      expect(new Set(objs.map(resourceId)).size).toBe(objs.length)
      for (const o of objs) expect(o.metadata?.name).toBeTruthy()
    })
  }
  test('a kustomization kustomize cannot build fails the render, not silently', () => {
    const dir = join(ROOT, 'node_modules/.cache/gn-k8s/broken')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'kustomization.yaml'), 'resources: [missing.yaml]\n')
    expect(() => kustomize(dir)).toThrow(/missing\.yaml/)
  })
})

describe('schemas', () => {
  for (const t of TARGETS) {
    test(`${t}: every object validates against its Kubernetes or KEDA schema`, async () => {
      for (const o of rendered[t]) {
        const mod = await import(modelModule(o))
        const Model = mod[o.kind]
        expect(Model, `${o.apiVersion} ${o.kind}`).toBeDefined()
        expect(() => new Model(o).validate(), resourceId(o)).not.toThrow()
      }
    })
  }

  test('no object has a field its schema does not know (TypeScript excess-property check)', () => {
    // The models' generated types list every field; an object literal typed with them rejects a
    // misspelt or misplaced key at any depth, which the JSON-schema validators above let through.
    const dir = join(ROOT, 'node_modules/.cache/gn-k8s')
    mkdirSync(dir, { recursive: true })
    const lines: string[] = []
    const imports = new Map<string, string>()
    for (const t of TARGETS) {
      for (const o of rendered[t]) {
        const mod = modelModule(o)
        const alias = `I${imports.size}`
        if (!imports.has(mod)) imports.set(mod, alias)
        lines.push(
          `// ${t} ${resourceId(o)}\nexport const o${lines.length}: import(${JSON.stringify(mod)}).I${o.kind} = ${JSON.stringify(o, null, 1)}`,
        )
      }
    }
    writeFileSync(join(dir, 'manifests.ts'), lines.join('\n'))
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          module: 'Preserve',
          moduleResolution: 'bundler',
          target: 'ESNext',
          types: [],
        },
        files: ['manifests.ts'],
      }),
    )
    // A deliberate mistake must be caught, or the check proves nothing.
    writeFileSync(
      join(dir, 'canary.ts'),
      `export const c: import('kubernetes-models/v1/Service').IService = {apiVersion: 'v1', kind: 'Service', spec: {portz: []}}\n`,
    )
    writeFileSync(
      join(dir, 'tsconfig.canary.json'),
      readFileSync(join(dir, 'tsconfig.json'), 'utf8').replace('manifests.ts', 'canary.ts'),
    )
    const tsc = join(ROOT, 'node_modules/.bin/tsc')
    const canary = Bun.spawnSync([tsc, '-p', join(dir, 'tsconfig.canary.json')])
    expect(canary.stdout.toString()).toContain("'portz' does not exist")
    const res = Bun.spawnSync([tsc, '-p', join(dir, 'tsconfig.json')])
    expect(res.stdout.toString() + res.stderr.toString()).toBe('')
    expect(res.exitCode).toBe(0)
  })
})

describe('the manifests match the code', () => {
  for (const t of OVERLAYS) {
    const objs = rendered[t]
    const _config = find(objs, 'ConfigMap', 'gamenight-config')!
    const secret = find(objs, 'Secret', 'gamenight-secrets')

    /** Every env var name a container gets: env, plus envFrom ConfigMaps/Secrets resolved. */
    function containerEnv(c: Obj): Map<string, Obj> {
      const env = new Map<string, Obj>()
      for (const from of c.envFrom ?? []) {
        const src = from.configMapRef
          ? find(objs, 'ConfigMap', from.configMapRef.name)
          : find(objs, 'Secret', from.secretRef.name)
        expect(src, `envFrom ${JSON.stringify(from)}`).toBeDefined()
        for (const k of Object.keys(src!.data ?? src!.stringData ?? {})) env.set(k, { name: k, from: src!.kind })
      }
      for (const e of c.env ?? []) env.set(e.name, e)
      return env
    }

    for (const svc of [...SERVICES, 'migrate'] as const) {
      test(`${t}: ${svc} gets every env var its code reads`, () => {
        const obj = find(objs, svc === 'migrate' ? 'Job' : 'Deployment', svc)!
        const env = containerEnv(podSpec(obj)!.containers[0])
        const missing = mustDeploy(svc).filter((n) => !env.has(n))
        expect(missing).toEqual([])
      })
    }

    for (const svc of [...SERVICES, 'migrate'] as const) {
      test(`${t}: every value ${svc} gets is one its config schema accepts`, () => {
        const obj = find(objs, svc === 'migrate' ? 'Job' : 'Deployment', svc)!
        const env: Record<string, string> = {}
        for (const [name, e] of containerEnv(podSpec(obj)!.containers[0])) {
          if (e.from === 'ConfigMap') env[name] = String(find(objs, 'ConfigMap', 'gamenight-config')!.data[name])
          else if (e.value !== undefined) env[name] = String(e.value)
          else env[name] = 'set-by-the-operator' // a Secret's key: its value is the operator's
        }
        expect(() => readEnv(ENV_SCHEMAS[svc], env)).not.toThrow()
      })
    }

    for (const svc of SERVICES) {
      test(`${t}: ${svc} pods are annotated for Prometheus to scrape /metrics on its port`, () => {
        const tpl = find(objs, 'Deployment', svc)!.spec.template
        expect(tpl.metadata.annotations).toMatchObject({
          'prometheus.io/scrape': 'true',
          'prometheus.io/port': String(defaultPort(svc)),
          'prometheus.io/path': '/metrics',
        })
      })
    }

    test(`${t}: every secret reference names a key the Secret has (when the overlay ships it)`, () => {
      const refs = objs.flatMap((o) =>
        (podSpec(o)?.containers ?? []).flatMap((c: Obj) =>
          (c.env ?? []).map((e: Obj) => e.valueFrom?.secretKeyRef).filter(Boolean),
        ),
      )
      expect(refs.length).toBeGreaterThan(0)
      for (const r of refs) {
        expect(r.name).toBe('gamenight-secrets')
        if (secret) expect(r.optional || r.key in (secret.stringData ?? secret.data), r.key).toBe(true)
      }
      // Every key an operator must put in the Secret is documented.
      const doc = readFileSync(join(ROOT, 'docs/DEPLOY.md'), 'utf8')
      for (const r of refs) expect(doc).toContain(`\`${r.key}\``)
    })

    for (const svc of SERVICES) {
      test(`${t}: ${svc} listens, is probed and is exposed on the port its code uses`, () => {
        const port = defaultPort(svc)
        const dep = find(objs, 'Deployment', svc)!
        const c = podSpec(dep)!.containers[0]
        const env = containerEnv(c)
        expect(env.get('PORT')?.value).toBe(String(port))
        expect(c.ports).toEqual([{ name: 'http', containerPort: port, protocol: 'TCP' }])
        expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' })
        expect(c.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' })
        expect(c.startupProbe.httpGet).toEqual({ path: '/healthz', port: 'http' })
        const svcObj = find(objs, 'Service', svc)!
        expect(svcObj.spec.selector).toEqual(dep.spec.selector.matchLabels)
        expect(svcObj.spec.ports[0].targetPort).toBe('http')
        expect(svcObj.spec.ports[0].port).toBe(port)
      })
    }

    test(`${t}: the worker calls the api through its Service`, () => {
      const env = containerEnv(podSpec(find(objs, 'Deployment', 'worker')!)!.containers[0])
      expect(env.get('API_URL')?.value).toBe(`http://api:${defaultPort('api')}`)
    })

    test(`${t}: ingress routes /api, /game, /articles, /swagger and / to the api and /ws to the relay with WebSocket timeouts`, () => {
      const routes = new Map<string, { svc: string; ing: Obj }>()
      for (const ing of objs.filter((o) => o.kind === 'Ingress')) {
        for (const rule of ing.spec.rules)
          for (const p of rule.http.paths) {
            expect(p.pathType).toBe('Prefix')
            const svc = find(objs, 'Service', p.backend.service.name)
            expect(svc?.spec.ports.some((sp: Obj) => sp.name === p.backend.service.port.name)).toBe(true)
            routes.set(p.path, { svc: p.backend.service.name, ing })
          }
      }
      for (const path of ['/api', '/game', '/articles', '/swagger', '/']) expect(routes.get(path)?.svc).toBe('api')
      const ws = routes.get('/ws')!
      expect(ws.svc).toBe('relay')
      expect(
        Number(ws.ing.metadata.annotations['nginx.ingress.kubernetes.io/proxy-read-timeout']),
      ).toBeGreaterThanOrEqual(3600)
      expect(
        Number(ws.ing.metadata.annotations['nginx.ingress.kubernetes.io/proxy-send-timeout']),
      ).toBeGreaterThanOrEqual(3600)
    })

    test(`${t}: every pod is hardened, sized, and outlives the services' 10 s shutdown`, () => {
      for (const o of objs.filter(podSpec)) {
        const spec = podSpec(o)!
        expect(spec.securityContext.runAsNonRoot, resourceId(o)).toBe(true)
        expect(spec.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' })
        expect(spec.automountServiceAccountToken).toBe(false)
        expect(find(objs, 'ServiceAccount', spec.serviceAccountName), resourceId(o)).toBeDefined()
        for (const c of spec.containers) {
          expect(c.securityContext, resourceId(o)).toMatchObject({
            allowPrivilegeEscalation: false,
            privileged: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          })
          expect(
            c.resources.requests.cpu &&
              c.resources.requests.memory &&
              c.resources.limits.cpu &&
              c.resources.limits.memory,
            resourceId(o),
          ).toBeTruthy()
        }
      }
      for (const svc of SERVICES) {
        const spec = podSpec(find(objs, 'Deployment', svc)!)!
        const preStop = spec.containers[0].lifecycle?.preStop?.sleep?.seconds ?? 0
        expect(spec.terminationGracePeriodSeconds).toBeGreaterThan(10 + preStop)
      }
    })

    test(`${t}: api and relay have HPAs, every service a PodDisruptionBudget, and the worker exactly one autoscaler`, () => {
      for (const svc of ['api', 'relay'])
        expect(find(objs, 'HorizontalPodAutoscaler', svc)?.spec.scaleTargetRef).toEqual({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: svc,
        })
      for (const svc of SERVICES)
        expect(find(objs, 'PodDisruptionBudget', svc)?.spec.selector.matchLabels).toEqual({ app: svc })
      const scalers = objs.filter(
        (o) =>
          (o.kind === 'ScaledObject' || o.kind === 'HorizontalPodAutoscaler') &&
          o.spec.scaleTargetRef.name === 'worker',
      )
      expect(scalers.length).toBe(1)
    })

    test(`${t}: the migration Job runs bun run migrate against DATABASE_URL`, () => {
      const job = find(objs, 'Job', 'migrate')!
      expect(podSpec(job)!.containers[0].command).toEqual(['bun', 'run', 'migrate'])
      expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.migrate).toBeTruthy()
      expect(podSpec(job)!.restartPolicy).toBe('OnFailure')
    })
  }

  test('probe paths are the ones the services serve', () => {
    const health = readFileSync(join(ROOT, 'libs/runtime/src/health.ts'), 'utf8')
    // (tests/deploy-binaries.test.ts also asks every compiled service for both.)
    expect(health).toMatch(/\.get\(\s*'\/healthz'/)
    expect(health).toMatch(/\.get\(\s*'\/readyz'/)
  })
})

describe('worker autoscaling', () => {
  const prefix = find(rendered['overlays/prod'], 'ConfigMap', 'gamenight-config')!.data.REDIS_PREFIX
  const k = keys(prefix)
  // The redis-streams trigger's documented metadata (keda.sh/docs/latest/scalers/redis-streams).
  const DOCUMENTED = new Set([
    'address',
    'host',
    'port',
    'addressFromEnv',
    'hostFromEnv',
    'portFromEnv',
    'usernameFromEnv',
    'passwordFromEnv',
    'stream',
    'consumerGroup',
    'pendingEntriesCount',
    'streamLength',
    'lagCount',
    'activationLagCount',
    'enableTLS',
    'unsafeSsl',
    'databaseIndex',
  ])

  test('prod scales workers with a KEDA ScaledObject on the AI stream consumer group backlog, never to zero', () => {
    const objs = rendered['overlays/prod']
    const so = find(objs, 'ScaledObject', 'worker')!
    expect(so.apiVersion).toBe('keda.sh/v1alpha1')
    expect(so.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'worker' })
    expect(so.spec.minReplicaCount).toBeGreaterThanOrEqual(1)
    expect(so.spec.maxReplicaCount).toBeGreaterThan(so.spec.minReplicaCount)
    const modes = new Set<string>()
    const workerEnv = new Set(podSpec(find(objs, 'Deployment', 'worker')!)!.containers[0].env.map((e: Obj) => e.name))
    for (const trig of so.spec.triggers) {
      expect(trig.type).toBe('redis-streams')
      const m = trig.metadata
      for (const key of Object.keys(m)) expect(DOCUMENTED.has(key), key).toBe(true)
      for (const v of Object.values(m)) expect(typeof v).toBe('string')
      expect(m.stream).toBe(k.aiTurns)
      expect(m.stream).toBe('gn:{ai}:turns')
      expect(m.consumerGroup).toBe(k.aiGroup)
      expect(m.address ?? m.addressFromEnv ?? m.host ?? m.hostFromEnv).toBeTruthy()
      for (const fromEnv of ['addressFromEnv', 'hostFromEnv', 'portFromEnv', 'passwordFromEnv', 'usernameFromEnv'])
        if (m[fromEnv]) expect(workerEnv.has(m[fromEnv]), m[fromEnv]).toBe(true)
      const mode = ['pendingEntriesCount', 'streamLength', 'lagCount'].filter((f) => f in m)
      expect(mode.length).toBe(1) // the three modes are alternatives within one trigger
      if (m.lagCount) expect(m.activationLagCount).toBeDefined() // required with lagCount
      modes.add(mode[0]!)
    }
    expect([...modes].sort()).toEqual(['lagCount', 'pendingEntriesCount'])
  })

  test('dev (no KEDA) scales workers with a plain HPA component instead', () => {
    const hpa = find(rendered['overlays/dev'], 'HorizontalPodAutoscaler', 'worker')!
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'worker' })
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(1)
    expect(find(rendered['overlays/dev'], 'ScaledObject', 'worker')).toBeUndefined()
  })
})

describe('datastores', () => {
  test('dev runs Postgres and Redis as StatefulSets with volumes, Redis with AOF', () => {
    const objs = rendered['overlays/dev']
    for (const name of ['postgres', 'redis']) {
      const ss = find(objs, 'StatefulSet', name)!
      expect(ss.spec.volumeClaimTemplates[0].metadata.name).toBe('data')
      expect(find(objs, 'Service', name)).toBeDefined()
    }
    expect(podSpec(find(objs, 'StatefulSet', 'redis')!)!.containers[0].args.join(' ')).toContain('--appendonly yes')
    const secret = find(objs, 'Secret', 'gamenight-secrets')!
    expect(new URL(secret.stringData.DATABASE_URL).hostname).toBe('postgres')
    expect(new URL(secret.stringData.REDIS_URL).hostname).toBe('redis')
  })

  test('dev NetworkPolicies let only the suite reach Postgres and Redis', () => {
    const objs = rendered['overlays/dev']
    const allowed = (name: string) => {
      const np = find(objs, 'NetworkPolicy', name)!
      expect(np.spec.podSelector.matchLabels).toEqual({ app: name })
      expect(np.spec.policyTypes).toEqual(['Ingress'])
      return np.spec.ingress.flatMap((r: Obj) =>
        r.from.flatMap(
          (f: Obj) =>
            f.podSelector?.matchExpressions?.[0]?.values ??
            (f.namespaceSelector ? [`ns:${f.namespaceSelector.matchLabels['kubernetes.io/metadata.name']}`] : ['?']),
        ),
      )
    }
    expect(allowed('postgres').sort()).toEqual(['api', 'migrate', 'relay'])
    expect(allowed('redis').sort()).toEqual(['api', 'ns:keda', 'relay', 'worker'])
  })

  test('prod ships no datastore and no Secret: the operator provides both', () => {
    const objs = rendered['overlays/prod']
    expect(objs.filter((o) => o.kind === 'StatefulSet' || o.kind === 'Secret')).toEqual([])
    expect(objs.every((o) => o.kind === 'Namespace' || o.metadata.namespace === 'gamenight')).toBe(true)
  })
})

describe('Redis Cluster (overlays/prod-cluster)', () => {
  const objs = rendered['overlays/prod-cluster']
  const nodes = String(find(objs, 'ConfigMap', 'gamenight-config')!.data.REDIS_CLUSTER_NODES).split(',')

  test('runs six cluster-enabled Redis pods that announce stable hostnames, and a Job that joins them', () => {
    const ss = find(objs, 'StatefulSet', 'redis-cluster')!
    expect(ss.spec.replicas).toBe(6)
    const args = podSpec(ss)!.containers[0].args.join(' ')
    for (const a of ['--cluster-enabled yes', '--appendonly yes', '--cluster-preferred-endpoint-type hostname'])
      expect(args).toContain(a)
    expect(find(objs, 'Service', 'redis-cluster')!.spec.clusterIP).toBe('None')
    const create = podSpec(find(objs, 'Job', 'redis-cluster-create')!)!.containers[0].command.join(' ')
    expect(create).toContain('--cluster create')
    expect(create).toContain('--cluster-replicas 1')
  })

  test('every service is pointed at all six pods by REDIS_CLUSTER_NODES', () => {
    expect(nodes).toEqual([0, 1, 2, 3, 4, 5].map((i) => `redis-cluster-${i}.redis-cluster:6379`))
    for (const svc of SERVICES) {
      const c = podSpec(find(objs, 'Deployment', svc)!)!.containers[0]
      expect(c.envFrom.map((e: Obj) => e.configMapRef?.name)).toContain('gamenight-config')
    }
  })

  test('KEDA reads the AI stream through its cluster-aware scaler on the hash-tagged stream', () => {
    const so = find(objs, 'ScaledObject', 'worker')!
    for (const trig of so.spec.triggers) {
      expect(trig.type).toBe('redis-cluster-streams')
      expect(trig.metadata.stream).toBe(keys('gn:').aiTurns)
      expect(trig.metadata.addressFromEnv).toBeUndefined()
      for (const a of trig.metadata.addresses.split(',')) expect(nodes).toContain(a)
    }
  })

  test('only the suite, KEDA and the cluster itself reach the Redis Cluster', () => {
    const np = find(objs, 'NetworkPolicy', 'redis-cluster')!
    expect(np.spec.podSelector.matchLabels).toEqual({ app: 'redis-cluster' })
    const apps = np.spec.ingress.flatMap((r: Obj) =>
      r.from.flatMap((f: Obj) => f.podSelector?.matchExpressions?.[0]?.values ?? [f.podSelector?.matchLabels?.app]),
    )
    expect(apps.filter(Boolean).sort()).toEqual(['api', 'redis-cluster', 'redis-cluster-create', 'relay', 'worker'])
  })
})
