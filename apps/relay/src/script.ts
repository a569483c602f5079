// A Lua script run by its SHA, loading it on first use (or after Redis lost its script cache).

import { createHash } from 'node:crypto'
import type { Redis } from '@gamenight/bus'

export type Script = (redis: Redis, keys: string[], args: string[]) => Promise<unknown>

export function script(lua: string): Script {
  const sha = createHash('sha1').update(lua).digest('hex')
  return async (redis, keys, args) => {
    try {
      return await redis.evalSha(sha, { keys, arguments: args })
    } catch (err) {
      if (!String((err as Error)?.message).startsWith('NOSCRIPT')) throw err
      return redis.eval(lua, { keys, arguments: args })
    }
  }
}
