// A Redis client and a key prefix of its own per test file; its keys are removed afterwards.
import { createClient } from 'redis'
import { REDIS_URL } from './env.ts'

export async function testRedis(label = 't') {
  const prefix = `gntest:${label}:${crypto.randomUUID().slice(0, 8)}:`
  const client = createClient({ url: REDIS_URL })
  client.on('error', () => {})
  await client.connect()
  return {
    prefix,
    client,
    async cleanup() {
      for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
        const ks = Array.isArray(batch) ? batch : [batch]
        if (ks.length) await client.del(ks)
      }
      await client.close()
    },
  }
}
