// The key layout, in one place: every key, stream and channel the suite uses, each starting with
// REDIS_PREFIX so deployments can share one Redis. The same names work on a single Redis and on a
// Redis Cluster: every key a MULTI, a Lua script or a multi-key command touches together carries the
// same hash tag (the `{...}` part, which alone decides the cluster slot), so it lands on one shard.
//
//   {g:<gameId>}  one game: its event backlog, its sharded pub/sub channel, the relays' `last`
//                 messages and presence. Games spread over the shards; one game never spans two.
//   {ai}          the AI turn stream, its dead letters, the sweep lock and last errors: the worker's
//                 MULTIs touch the stream and the dead-letter stream together, so they share a slot.
//
// docs/SCALING.md shows the layout with what each key holds and how long it lives.
export type Keys = ReturnType<typeof keys>

export function keys(prefix: string) {
  const game = (gameId: string) => `${prefix}{g:${gameId}}`
  return {
    /** A game's events in commit order (XADD by the outbox publisher, trimmed and expiring); relays repair gaps from it. */
    gameEvents: (gameId: string) => `${game(gameId)}:events`,
    /** A game's sharded pub/sub channel (SPUBLISH/SSUBSCRIBE): its events and relay coordination frames. */
    gameChannel: (gameId: string) => `${game(gameId)}:ch`,
    /** The pattern matching every game's backlog (SCAN; for tests and tools, never a hot path). */
    gameEventsPattern: `${prefix}{g:*}:events`,
    /** AI turns: one entry per pending AI move, read by the worker consumer group. */
    aiTurns: `${prefix}{ai}:turns`,
    aiDeadLetter: `${prefix}{ai}:dead`,
    aiGroup: 'ai-workers',
    /** Why an AI turn last failed (kept for the dead-letter reason when the entry is redelivered). */
    aiLastError: (entryId: string) => `${prefix}{ai}:last-error:${entryId}`,
    /** Held by the one worker running the sweeper this interval. */
    aiSweepLock: `${prefix}{ai}:sweep-lock`,
    /** The latest relayed coordination message of each type in a game's room (a hash). */
    relayLast: (gameId: string) => `${game(gameId)}:last`,
    /** A game's room presence across relay replicas (a hash). */
    relayPresence: (gameId: string) => `${game(gameId)}:presence`,
    /** Each player's measured phone clock (offset, one-way delay), a hash by player id: relay writes, api reads. */
    relayClock: (gameId: string) => `${game(gameId)}:clock`,
  }
}
