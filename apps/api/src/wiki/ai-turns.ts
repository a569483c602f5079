// Enqueues an AI game's next turn on the worker stream. Best effort: a game whose entry is lost
// (Redis down, a crash right after commit) is found by the worker's sweeper, which lists unfinished
// AI games through `GET /game?player=ai&status=playing` and re-enqueues them.
import type { Keys, Redis } from '@gamenight/bus'

export type EnqueueAiTurn = (gameId: string) => Promise<void>

export function aiTurnQueue(redis: Redis, keys: Keys, timeoutMs = 1000): EnqueueAiTurn {
  return async (gameId) => {
    // node-redis queues commands while disconnected; never let a request wait on that.
    if (!redis.isReady) throw new Error('redis not ready')
    let timer: Timer | undefined
    try {
      await Promise.race([
        redis.xAdd(keys.aiTurns, '*', { gameId }),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`XADD timed out after ${timeoutMs} ms`)), timeoutMs)
        }),
      ])
    } finally {
      clearTimeout(timer)
    }
  }
}
