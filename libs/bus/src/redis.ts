// A node-redis client that never crashes its process: it retries forever with capped backoff, logs
// its state changes, and lets callers ask `isReady` for /readyz. Every client carries the bus's Lua
// scripts (scripts.ts) as commands of its own. One factory for both deployments: a single Redis
// (REDIS_URL) or a Redis Cluster (REDIS_CLUSTER_NODES, node-redis `createCluster`).

import type { Logger } from '@gamenight/log'
import { createClient, createCluster } from 'redis'
import { scripts } from './scripts.ts'

/** Where Redis is: one server, or the seed nodes (`host:port`) of a cluster. */
export type RedisTarget = { url: string; clusterNodes?: string[] }

const socket = {
  connectTimeout: 3000,
  reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000) + Math.floor(Math.random() * 100),
}

const newSingleClient = (url: string) => createClient({ url, scripts, socket })

/**
 * The client type every bus function takes. A cluster client answers the same commands (each routed
 * by its first key, MULTI by its first key too, scripts by KEYS[1]); the bus keeps every key of one
 * call under one hash tag (keys.ts), so the single-server type describes both.
 */
export type Redis = ReturnType<typeof newSingleClient>

/**
 * A client with the bus's scripts; tests and benchmarks use it too, so they call the same bus
 * functions. `target` as a string is a single Redis URL. With `clusterNodes` the client discovers
 * the cluster from those seeds and follows failovers (MOVED/ASK, topology refresh on reconnect).
 */
export function newRedisClient(target: string | RedisTarget): Redis {
  const t = typeof target === 'string' ? { url: target } : target
  if (!t.clusterNodes) return newSingleClient(t.url)
  const cluster = createCluster({
    rootNodes: t.clusterNodes.map((n) => ({ url: `redis://${n}` })),
    defaults: { socket },
    scripts,
    // A killed master's clients keep reconnecting: refresh the slot map soon after, to find its promoted replica.
    topologyRefreshOnReconnectionAttemptStrategy: 500,
  })
  return cluster as unknown as Redis
}

/** True when `client` talks to a Redis Cluster. */
export const isCluster = (client: Redis) => 'masters' in (client as object)

export function createRedis(target: string | RedisTarget, log: Logger, name = 'main'): Redis {
  const client = newRedisClient(target)
  let wasReady = false
  const onReady = () => {
    wasReady = true
    log.info('redis ready', { client: name })
  }
  client.on('ready', onReady)
  // A cluster says `connect` once the slot map is known; its nodes reconnect on their own.
  client.on('connect', () => isCluster(client) && onReady())
  client.on('error', (err: Error) => {
    if (wasReady) log.warn('redis error', { client: name, err })
    wasReady = false
  })
  return client
}

/** Connects in the background: a service starts (and reports 503) while Redis is still down. */
export function connectInBackground(client: Redis, log: Logger): void {
  const attempt = (n: number): void => {
    client.connect().catch((err: unknown) => {
      // A single client retries by itself; a cluster's first discovery does not, so try again.
      if (!isCluster(client)) return log.error('redis connect gave up', { err })
      if (n === 0 || n % 20 === 0) log.warn('redis cluster not reachable yet; retrying', { err })
      setTimeout(() => attempt(n + 1), 500)
    })
  }
  attempt(0)
}

export async function closeRedis(client: Redis): Promise<void> {
  if (!client.isOpen) return
  try {
    await client.close()
  } catch {
    client.destroy()
  }
}
