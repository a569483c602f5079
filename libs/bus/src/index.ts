// @gamenight/bus: everything the services do with Redis, in one place. keys.ts is the key layout;
// events.ts the per-game event backlogs (api → relays); game-channels.ts a relay's per-game shard
// channels (events, coordination messages, presence frames; frames.ts their wire format);
// presence.ts room presence; ai-turns.ts the AI turn stream (api/worker → workers); scripts.ts every
// Lua script; redis.ts the client (one Redis or a Cluster). Every function takes the client first.
export * from './ai-turns.ts'
export * from './clocks.ts'
export * from './events.ts'
export * from './frames.ts'
export * from './game-channels.ts'
export * from './keys.ts'
export * from './presence.ts'
export * from './redis.ts'
