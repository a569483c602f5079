// Enqueues an AI game's next turn on the worker stream (libs/bus). Best effort: a game whose entry is
// lost (Redis down, a crash right after commit) is found by the worker's sweeper, which lists
// unfinished AI games through `GET /game?player=ai&status=playing` and re-enqueues them.
import { enqueueAiTurn, type Keys, type Redis } from '@gamenight/bus'

export type EnqueueAiTurn = (gameId: string) => Promise<void>

export const aiTurnQueue =
  (redis: Redis, keys: Keys): EnqueueAiTurn =>
  (gameId) =>
    enqueueAiTurn(redis, keys, gameId)
