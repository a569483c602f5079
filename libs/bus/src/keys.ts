// The key layout, in one place: every key, stream and channel the suite uses, each starting with
// REDIS_PREFIX so deployments can share one Redis. No hash tags (one Redis, not a Cluster).
export type Keys = ReturnType<typeof keys>

export function keys(prefix: string) {
  return {
    /** Every game event, in commit order per game; the relay reads it, nothing consumes it destructively. */
    events: `${prefix}events`,
    /** AI turns: one entry per pending AI move, read by the worker consumer group. */
    aiTurns: `${prefix}ai:turns`,
    aiDeadLetter: `${prefix}ai:dead`,
    aiGroup: 'ai-workers',
    /** Why an AI turn last failed (kept for the dead-letter reason when the entry is redelivered). */
    aiLastError: (entryId: string) => `${prefix}ai:last-error:${entryId}`,
    /** Held by the one worker running the sweeper this interval. */
    aiSweepLock: `${prefix}ai:sweep-lock`,
    /** Relay fan-out of coordination messages between relay replicas. */
    relayChannel: `${prefix}relay:messages`,
    relayLast: (gameId: string) => `${prefix}relay:last:${gameId}`,
    relayPresence: (gameId: string) => `${prefix}relay:presence:${gameId}`,
    /** Each player's measured phone clock (offset, one-way delay), a hash by player id: relay writes, api reads. */
    relayClock: (gameId: string) => `${prefix}relay:clock:${gameId}`,
  }
}
