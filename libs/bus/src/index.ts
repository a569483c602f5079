// @gamenight/bus: everything the services do with Redis, in one place. keys.ts is the key layout;
// events.ts the event stream (api → relays); ai-turns.ts the AI turn stream (api/worker → workers);
// relay-fanout.ts and presence.ts the relays' coordination channel and room presence; scripts.ts
// every Lua script; redis.ts the client. Every function takes the client as its first argument.
export * from './ai-turns.ts'
export * from './clocks.ts'
export * from './events.ts'
export * from './keys.ts'
export * from './presence.ts'
export * from './redis.ts'
export * from './relay-fanout.ts'
