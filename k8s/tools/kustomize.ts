// A small kustomize for the subset k8s/ uses, so the manifests render offline without a Go binary:
// `resources` (files and directories), `components`, `namespace`, `patches` (strategic merge, or
// JSON 6902 with a `target`), `images`. Any other field is refused rather than ignored, so a
// manifest that needs real kustomize fails loudly here. tests/k8s-render.test.ts compares the output
// with `kubectl kustomize` wherever kubectl is installed.
// Order follows kustomize v5: resources, then components (each sees what came before), then the
// kustomization's own patches, namespace, images.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { parseAllDocuments } from 'yaml'

export type Obj = Record<string, any>

const SUPPORTED = new Set(['apiVersion', 'kind', 'resources', 'components', 'namespace', 'patches', 'images'])
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
])

export function readYamlDocs(path: string): Obj[] {
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map((d) => {
      if (d.errors.length) throw new Error(`${path}: ${d.errors[0]!.message}`)
      return d.toJS({ maxAliasCount: -1 })
    })
    .filter((o) => o != null)
}

export const resourceId = (o: Obj) => `${o.kind}/${o.metadata?.namespace ?? '~'}/${o.metadata?.name}`

/** Renders the kustomization in `dir` (a Kustomization, not a Component) to its list of objects. */
export function kustomize(dir: string): Obj[] {
  const k = loadKustomization(dir)
  if (k.kind === 'Component') throw new Error(`${dir} is a Component; render a Kustomization`)
  return build(dir, k, [])
}

function loadKustomization(dir: string): Obj {
  const file = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].map((f) => join(dir, f)).find(existsSync)
  if (!file) throw new Error(`no kustomization in ${dir}`)
  const [k] = readYamlDocs(file)
  for (const key of Object.keys(k!))
    if (!SUPPORTED.has(key)) throw new Error(`${file}: field "${key}" is not supported by this renderer`)
  return k!
}

function build(dir: string, k: Obj, inherited: Obj[]): Obj[] {
  let objs = [...inherited]
  const add = (o: Obj) => {
    if (objs.some((x) => resourceId(x) === resourceId(o)))
      throw new Error(`${dir}: duplicate resource ${resourceId(o)}`)
    objs.push(o)
  }
  for (const r of k.resources ?? []) {
    const p = join(dir, r)
    if (statSync(p).isDirectory()) {
      const sub = loadKustomization(p)
      if (sub.kind === 'Component') throw new Error(`${p}: a Component must be listed under components`)
      for (const o of build(p, sub, [])) add(o)
    } else for (const o of readYamlDocs(p)) add(o)
  }
  for (const c of k.components ?? []) {
    const p = join(dir, c)
    const comp = loadKustomization(p)
    if (comp.kind !== 'Component') throw new Error(`${p}: listed under components but kind is ${comp.kind}`)
    objs = build(p, comp, objs)
  }
  for (const patch of k.patches ?? []) objs = applyPatch(dir, patch, objs)
  if (k.namespace)
    for (const o of objs) if (!CLUSTER_SCOPED.has(o.kind)) o.metadata = { ...o.metadata, namespace: k.namespace }
  for (const img of k.images ?? []) for (const o of objs) setImages(o, img)
  return objs
}

// --- patches -----------------------------------------------------------------------------------------

function applyPatch(dir: string, spec: Obj, objs: Obj[]): Obj[] {
  for (const key of Object.keys(spec))
    if (!['path', 'patch', 'target'].includes(key)) throw new Error(`${dir}: patch field "${key}" is not supported`)
  const docs: any[] = spec.path
    ? readYamlDocs(join(dir, spec.path))
    : parseAllDocuments(spec.patch).map((d) => d.toJS())
  if (Array.isArray(docs[0])) {
    if (!spec.target) throw new Error(`${dir}: a JSON 6902 patch needs a target`)
    const hits = objs.filter((o) => matches(o, spec.target))
    if (!hits.length) throw new Error(`${dir}: patch target ${JSON.stringify(spec.target)} matches nothing`)
    return objs.map((o) => (hits.includes(o) ? jsonPatch(o, docs[0]) : o))
  }
  for (const doc of docs) {
    const hits = objs.filter((o) =>
      spec.target ? matches(o, spec.target) : o.kind === doc.kind && o.metadata?.name === doc.metadata?.name,
    )
    if (!hits.length)
      throw new Error(`${dir}: strategic merge patch for ${doc.kind}/${doc.metadata?.name} matches nothing`)
    objs = objs.map((o) => {
      if (!hits.includes(o)) return o
      const body = spec.target ? { ...doc, metadata: { ...doc.metadata, name: o.metadata.name } } : doc
      return merge(o, body, builtin(o))
    })
  }
  return objs
}

function matches(o: Obj, t: Obj): boolean {
  for (const key of Object.keys(t))
    if (!['kind', 'name', 'group', 'version', 'labelSelector'].includes(key))
      throw new Error(`target field "${key}" is not supported`)
  const [group, version] = String(o.apiVersion).includes('/') ? String(o.apiVersion).split('/') : ['', o.apiVersion]
  if (t.kind && !new RegExp(`^(?:${t.kind})$`).test(o.kind)) return false
  if (t.name && !new RegExp(`^(?:${t.name})$`).test(o.metadata?.name)) return false
  if (t.group !== undefined && t.group !== group) return false
  if (t.version !== undefined && t.version !== version) return false
  if (t.labelSelector) {
    for (const term of String(t.labelSelector).split(',')) {
      const [lk, lv] = term.split('=').map((s) => s.trim())
      if (o.metadata?.labels?.[lk!] !== lv) return false
    }
  }
  return true
}

/** Built-in kinds merge lists by their patchMergeKey; custom resources (no schema) replace lists. */
function builtin(o: Obj): boolean {
  const group = String(o.apiVersion).includes('/') ? String(o.apiVersion).split('/')[0]! : ''
  return ['', 'apps', 'batch', 'policy', 'autoscaling', 'networking.k8s.io', 'rbac.authorization.k8s.io'].includes(
    group,
  )
}

const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  imagePullSecrets: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
}

function mergeKey(field: string, items: any[]): string | undefined {
  if (field === 'ports') return items.some((i) => i && 'containerPort' in i) ? 'containerPort' : 'port'
  return MERGE_KEYS[field]
}

function merge(base: any, patch: any, schema: boolean, field = ''): any {
  if (patch === null) return undefined
  if (Array.isArray(patch)) {
    const key = schema && Array.isArray(base) ? mergeKey(field, [...base, ...patch]) : undefined
    if (!key) return clone(patch)
    // As kustomize (kyaml) does: matched items merge in place, new items go first, in patch order.
    const out = base.map(clone)
    const added: any[] = []
    for (const item of patch) {
      if (item && typeof item === 'object' && '$patch' in item) throw new Error('$patch directives are not supported')
      const i = out.findIndex((b: any) => b?.[key] === item?.[key])
      if (i >= 0) out[i] = merge(out[i], item, schema)
      else added.push(clone(item))
    }
    return [...added, ...out]
  }
  if (patch && typeof patch === 'object') {
    if ('$patch' in patch) throw new Error('$patch directives are not supported')
    const out: Obj = base && typeof base === 'object' && !Array.isArray(base) ? clone(base) : {}
    for (const [k, v] of Object.entries(patch)) {
      const m = merge(out[k], v, schema, k)
      if (m === undefined) delete out[k]
      else out[k] = m
    }
    return out
  }
  return patch
}

function jsonPatch(o: Obj, ops: Obj[]): Obj {
  const doc = clone(o)
  for (const op of ops) {
    const parts = String(op.path)
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    const last = parts.pop()!
    let parent: any = doc
    for (const p of parts) {
      parent = Array.isArray(parent) ? parent[p === '-' ? parent.length - 1 : Number(p)] : parent?.[p]
      if (parent === undefined) throw new Error(`json patch: path ${op.path} does not exist`)
    }
    const exists = Array.isArray(parent) ? Number(last) < parent.length : last in parent
    if (op.op === 'add') {
      if (Array.isArray(parent)) parent.splice(last === '-' ? parent.length : Number(last), 0, clone(op.value))
      else parent[last] = clone(op.value)
    } else if (op.op === 'replace') {
      if (!exists) throw new Error(`json patch: replace ${op.path}: no such value`)
      parent[Array.isArray(parent) ? Number(last) : last] = clone(op.value)
    } else if (op.op === 'remove') {
      if (!exists) throw new Error(`json patch: remove ${op.path}: no such value`)
      if (Array.isArray(parent)) parent.splice(Number(last), 1)
      else delete parent[last]
    } else throw new Error(`json patch op "${op.op}" is not supported`)
  }
  return doc
}

// --- images ------------------------------------------------------------------------------------------

function setImages(node: any, img: Obj): void {
  if (Array.isArray(node)) {
    for (const n of node) setImages(n, img)
    return
  }
  if (!node || typeof node !== 'object') return
  for (const [k, v] of Object.entries(node)) {
    if ((k === 'containers' || k === 'initContainers') && Array.isArray(v)) {
      for (const c of v) if (typeof c?.image === 'string') c.image = retag(c.image, img)
    } else setImages(v, img)
  }
}

function retag(image: string, img: Obj): string {
  const at = image.indexOf('@')
  const ref = at >= 0 ? image.slice(0, at) : image
  const colon = ref.lastIndexOf(':')
  const hasTag = colon > ref.lastIndexOf('/')
  const name = hasTag ? ref.slice(0, colon) : ref
  if (name !== img.name) return image
  const tag = img.digest
    ? `@${img.digest}`
    : img.newTag
      ? `:${img.newTag}`
      : at >= 0
        ? image.slice(at)
        : hasTag
          ? ref.slice(colon)
          : ''
  return `${img.newName ?? name}${tag}`
}

const clone = <T>(v: T): T => (v === undefined ? v : structuredClone(v))

export const K8S_DIR = dirname(import.meta.dir)
