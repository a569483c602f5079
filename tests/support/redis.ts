// A Redis client and a key prefix of its own per test file; its keys are removed afterwards. The
// client is libs/bus's (with its scripts), so tests call the same bus functions as the services.
import { keys, newRedisClient } from '@gamenight/bus'
import { REDIS_URL } from './env.ts'

export async function testRedis(label = 't') {
  const prefix = `gntest:${label}:${crypto.randomUUID().slice(0, 8)}:`
  const client = newRedisClient(REDIS_URL)
  client.on('error', () => {})
  await client.connect()
  return {
    prefix,
    client,
    /** The bus's key layout under this prefix. */
    keys: keys(prefix),
    async cleanup() {
      for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
        const ks = Array.isArray(batch) ? batch : [batch]
        if (ks.length) await client.del(ks)
      }
      await client.close()
    },
  }
}
