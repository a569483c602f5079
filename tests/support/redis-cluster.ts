// A private Redis Cluster for tests: three masters and three replicas from Debian's `redis-server`,
// on free 127.0.0.1 ports (each node's cluster bus at port + 10000 is checked free too), each node in
// a temp folder of its own, joined with `redis-cli --cluster create`. No persistence. Tests may
// kill -9 a master (its replica is promoted after `nodeTimeoutMs`); stop() kills every node and
// removes the folders. The services reach it with REDIS_CLUSTER_NODES.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { keys, newRedisClient } from '@gamenight/bus'
import type { Subprocess } from 'bun'
import { createClient } from 'redis'
import { freshDatabase } from './db.ts'
import { freePort, waitFor } from './proc.ts'

export type RedisCluster = Awaited<ReturnType<typeof startRedisCluster>>
type Node = { port: number; dir: string; proc: Subprocess }

function clusterPort(): number {
  for (;;) {
    const port = freePort()
    try {
      Bun.listen({ hostname: '127.0.0.1', port: port + 10000, socket: { data() {} } }).stop(true)
      return port
    } catch {}
  }
}

async function cmd(port: number, ...args: string[]): Promise<string> {
  const c = createClient({
    url: `redis://127.0.0.1:${port}`,
    socket: { reconnectStrategy: false, connectTimeout: 1000 },
  })
  c.on('error', () => {})
  await c.connect()
  try {
    return String(await c.sendCommand(args))
  } finally {
    c.destroy()
  }
}

/** `nodeTimeoutMs`: how long a master may be unreachable before its replica takes over. */
export async function startRedisCluster(opts: { nodeTimeoutMs?: number } = {}) {
  const nodeTimeoutMs = opts.nodeTimeoutMs ?? 2000
  const nodes: Node[] = []
  const spawn = (port: number, dir: string) =>
    Bun.spawn(
      [
        'redis-server',
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        'nodes.conf',
        '--cluster-node-timeout',
        String(nodeTimeoutMs),
        // A replica takes over however long ago it last heard from its master (a loaded test machine).
        '--cluster-replica-validity-factor',
        '0',
        '--logfile',
        join(dir, 'redis.log'),
        '--save',
        '',
        '--appendonly',
        'no',
      ],
      { stdout: 'ignore', stderr: 'ignore' },
    )
  const stop = async () => {
    for (const n of nodes) n.proc.kill('SIGKILL')
    await Promise.all(nodes.map((n) => n.proc.exited))
    for (const n of nodes) rmSync(n.dir, { recursive: true, force: true })
  }
  try {
    for (let i = 0; i < 6; i++) {
      const port = clusterPort()
      const dir = mkdtempSync(join(tmpdir(), `gn-cluster-${port}-`))
      nodes.push({ port, dir, proc: spawn(port, dir) })
    }
    for (const n of nodes) await waitFor(() => cmd(n.port, 'PING').catch(() => false), 10_000, `redis node ${n.port}`)
    const create = Bun.spawn(
      [
        'redis-cli',
        '--cluster',
        'create',
        ...nodes.map((n) => `127.0.0.1:${n.port}`),
        '--cluster-replicas',
        '1',
        '--cluster-yes',
      ],
      { stdout: 'pipe', stderr: 'pipe' },
    )
    if ((await create.exited) !== 0)
      throw new Error(`redis-cli --cluster create failed: ${await new Response(create.stderr).text()}`)
    // Every node agrees the cluster is up and knows all six nodes.
    await waitFor(
      async () => {
        for (const n of nodes) {
          const info = await cmd(n.port, 'CLUSTER', 'INFO').catch(() => '')
          if (!info.includes('cluster_state:ok') || !info.includes('cluster_known_nodes:6')) return false
        }
        return true
      },
      30_000,
      'cluster state ok on every node',
    )
  } catch (err) {
    await stop()
    throw err
  }

  /** The port of the master serving `key`'s slot now (per the first live node's view). */
  async function masterOf(key: string): Promise<number> {
    for (const n of nodes) {
      if (n.proc.exitCode !== null || n.proc.killed) continue
      const slot = Number(await cmd(n.port, 'CLUSTER', 'KEYSLOT', key))
      const c = createClient({ url: `redis://127.0.0.1:${n.port}`, socket: { reconnectStrategy: false } })
      c.on('error', () => {})
      await c.connect()
      try {
        const shards = (await c.sendCommand(['CLUSTER', 'SLOTS'])) as [number, number, [string, number]][]
        for (const [from, to, [, port]] of shards) if (slot >= from && slot <= to) return Number(port)
      } finally {
        c.destroy()
      }
    }
    throw new Error(`no live node knows the slot of ${key}`)
  }

  return {
    /** For REDIS_CLUSTER_NODES: every node's host:port. */
    nodes: nodes.map((n) => `127.0.0.1:${n.port}`).join(','),
    ports: nodes.map((n) => n.port),
    nodeTimeoutMs,
    masterOf,
    /** kill -9 the node on `port`. */
    async kill(port: number) {
      const n = nodes.find((x) => x.port === port)
      if (!n) throw new Error(`no cluster node on ${port}`)
      n.proc.kill('SIGKILL')
      await n.proc.exited
    },
    /** Waits until a live master other than `deadPort` serves `key`'s slot and the cluster is ok again. */
    async waitPromoted(key: string, deadPort: number, timeoutMs = 30_000) {
      await waitFor(
        async () => {
          const m = await masterOf(key).catch(() => deadPort)
          if (m === deadPort) return false
          return (await cmd(m, 'CLUSTER', 'INFO').catch(() => '')).includes('cluster_state:ok')
        },
        timeoutMs,
        'replica promoted',
      )
    },
    stop,
  }
}

/**
 * A cluster, a fresh database and the env every service needs to run on them (REDIS_CLUSTER_NODES;
 * REDIS_URL points nowhere, so a service that ignored the cluster would fail), with a bus client
 * on the cluster for assertions.
 */
export async function startClusterSuite(label: string, opts: { nodeTimeoutMs?: number } = {}) {
  const [cluster, db] = await Promise.all([startRedisCluster(opts), freshDatabase(label)])
  const redis = newRedisClient({ url: '', clusterNodes: cluster.nodes.split(',') })
  redis.on('error', () => {})
  await redis.connect()
  const env = {
    DATABASE_URL: db.url,
    REDIS_URL: 'redis://127.0.0.1:1',
    REDIS_CLUSTER_NODES: cluster.nodes,
    REDIS_PREFIX: 'gn:',
    // As overlays/prod-cluster: an event is on its shard's replica before the outbox forgets it.
    EVENTS_WAIT_REPLICAS: '1',
    EVENTS_WAIT_MS: '200',
    WORKER_TOKEN: 'test-worker-token',
    MIGRATE_ON_START: 'false',
  }
  return {
    cluster,
    db,
    redis,
    keys: keys('gn:'),
    env,
    async stop() {
      redis.destroy()
      await cluster.stop()
      await db.drop()
    },
  }
}
