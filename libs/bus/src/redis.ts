// A node-redis client that never crashes its process: it retries forever with capped backoff, logs
// its state changes, and lets callers ask `isReady` for /readyz. Every client carries the bus's Lua
// scripts (scripts.ts) as commands of its own.

import type { Logger } from '@gamenight/log'
import { createClient } from 'redis'
import { scripts } from './scripts.ts'

/** A client with the bus's scripts; tests and benchmarks use it too, so they call the same bus functions. */
export const newRedisClient = (url: string) =>
  createClient({
    url,
    scripts,
    socket: {
      connectTimeout: 3000,
      reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2000) + Math.floor(Math.random() * 100),
    },
  })
export type Redis = ReturnType<typeof newRedisClient>

export function createRedis(url: string, log: Logger, name = 'main'): Redis {
  const client = newRedisClient(url)
  let wasReady = false
  client.on('ready', () => {
    wasReady = true
    log.info('redis ready', { client: name })
  })
  client.on('error', (err: Error) => {
    if (wasReady) log.warn('redis error', { client: name, err })
    wasReady = false
  })
  return client
}

/** Connects in the background: a service starts (and reports 503) while Redis is still down. */
export function connectInBackground(client: Redis, log: Logger): void {
  client.connect().catch((err: unknown) => log.error('redis connect gave up', { err }))
}

export async function closeRedis(client: Redis): Promise<void> {
  if (!client.isOpen) return
  try {
    await client.close()
  } catch {
    client.destroy()
  }
}
