// @gamenight/client: typed REST calls, version tracking and relay sync for every Game Night UI
// and test. Runs in browsers and Bun (fetch + WebSocket only; no DOM code). docs/RELAY.md.

export * from './backoff.ts'
export * from './coordination.ts'
export * from './game-sync.ts'
export * from './http.ts'
export * from './relay-socket.ts'
export * from './store.ts'
export * from './trivia.ts'
export * from './trivia-api.ts'
export * from './trivia-board.ts'
export * from './trivia-host.ts'
export * from './trivia-host-run.ts'
export * from './trivia-state.ts'
export * from './wiki.ts'
export * from './wiki-api.ts'
export * from './wiki-state.ts'
