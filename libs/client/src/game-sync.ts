// Keeps one game's state in sync, the same way for every kind of game: the snapshot (REST) and the
// broadcasts (relay) are merged by version; `seq` finds what was missed. A snapshot is re-read on
// start, on every reconnect, on a seq jump, and when an update names something unknown. Every
// change of state goes through the store, which is what a UI renders.
import type { GameEvent, Member, RelayedMessage, Role } from '@gamenight/contracts'
import { type Backoff, backoffDelay, sleep } from './backoff.ts'
import type { ApiResult } from './http.ts'
import { type Connection, createRelaySocket, type Inbound } from './relay-socket.ts'
import { createStore, type Store } from './store.ts'
import type { Applied } from './trivia-state.ts'

export type ClientError = { source: 'api' | 'relay'; code: string; message: string; status?: number }

export type GameState<G> = {
  /** The game as the server has it, as far as this client knows; null until the first snapshot. */
  game: G | null
  connection: Connection
  /** True once a snapshot was merged since the last (re)connect: the state is known complete. */
  synced: boolean
  role: Role | null
  playerId: string | null
  /** The highest event seq applied or covered by a snapshot. */
  seq: number
  /** One entry per connection in the room (a player with two tabs appears twice). */
  presence: Member[]
  presenceVersion: number
  /** The latest coordination message of each type (e.g. `last.select_question`). */
  last: Record<string, RelayedMessage>
  lastError: ClientError | null
}

export type SyncOptions<G, S extends { seq: number }> = {
  relayUrl: string
  gameId: string
  token?: string | null
  WebSocket?: typeof WebSocket
  fetch?: typeof fetch
  backoff?: Backoff
  /** This phone's clock, for the relay's clock pings (default Date.now). */
  now?: () => number
  fetchSnapshot: () => Promise<ApiResult<S>>
  /** `heldSeq`: the highest event seq the held game has applied (a snapshot at or after it covers them all). */
  merge: (game: G | null, snap: S, heldSeq: number) => G
  apply: (game: G | null, ev: GameEvent) => Applied<G | null>
  viewerOf?: (snap: S) => { role: Role; playerId?: string }
}

const FATAL = new Set([401, 403, 404])

export function createGameSync<G, S extends { seq: number }>(o: SyncOptions<G, S>) {
  const store = createStore<GameState<G>>({
    game: null,
    connection: 'connecting',
    synced: false,
    role: null,
    playerId: null,
    seq: 0,
    presence: [],
    presenceVersion: 0,
    last: {},
    lastError: null,
  })
  const listeners = new Set<(m: GameEvent | RelayedMessage) => void>()
  let closed = false
  let syncing: Promise<void> | null = null
  let again = false
  let welcomes = 0

  function resync(): Promise<void> {
    if (closed) return Promise.resolve()
    if (syncing) {
      again = true
      return syncing
    }
    syncing = (async () => {
      let failures = 0
      do {
        again = false
        const r = await o.fetchSnapshot()
        if (closed) return
        if (r.ok) {
          failures = 0
          const snap = r.value
          const viewer = o.viewerOf?.(snap)
          store.update((s) => ({
            ...s,
            game: o.merge(s.game, snap, s.seq),
            seq: Math.max(s.seq, snap.seq),
            synced: true,
            ...(viewer ? { role: viewer.role, playerId: viewer.playerId ?? null } : {}),
          }))
        } else {
          store.update((s) => ({ ...s, lastError: { source: 'api', ...r.error } }))
          if (FATAL.has(r.error.status)) return
          await sleep(backoffDelay(failures++, o.backoff))
          again = true
        }
      } while (again && !closed)
    })().finally(() => {
      syncing = null
    })
    return syncing
  }

  function onEvent(ev: GameEvent) {
    let needSnapshot = false
    store.update((s) => {
      const r = o.apply(s.game, ev)
      needSnapshot = r.resync || ev.seq > s.seq + 1
      const seq = Math.max(s.seq, ev.seq)
      return r.game === s.game && seq === s.seq ? s : { ...s, game: r.game, seq }
    })
    if (needSnapshot) void resync()
  }

  function onMessage(m: Inbound) {
    switch (m.kind) {
      case 'welcome': {
        const w = m.msg
        const reconnect = welcomes++ > 0
        store.update((s) => ({
          ...s,
          role: w.role,
          playerId: w.playerId ?? null,
          presence: w.presence,
          presenceVersion: w.presenceVersion,
          last: w.last as Record<string, RelayedMessage>,
          synced: reconnect ? false : s.synced,
        }))
        if (reconnect || w.seq > store.getState().seq) void resync()
        return
      }
      case 'event':
        onEvent(m.msg)
        return notify(m.msg)
      case 'presence': {
        const p = m.msg
        store.update((s) =>
          p.version !== undefined && p.version < s.presenceVersion
            ? s
            : { ...s, presence: p.members, presenceVersion: p.version ?? s.presenceVersion },
        )
        return
      }
      case 'error':
        store.update((s) => ({ ...s, lastError: { source: 'relay', code: m.msg.code, message: m.msg.message } }))
        return
      case 'relayed':
        store.update((s) => ({ ...s, last: { ...s.last, [m.msg.type]: m.msg } }))
        return notify(m.msg)
      case 'invalid':
        store.update((s) => ({
          ...s,
          lastError: { source: 'relay', code: 'INVALID_MESSAGE', message: `${m.type}: ${m.message}` },
        }))
        // An event we could not read may have carried an update: read the snapshot instead.
        void resync()
    }
  }

  function notify(m: GameEvent | RelayedMessage) {
    for (const l of [...listeners]) {
      try {
        l(m)
      } catch (err) {
        console.error('message listener failed', err)
      }
    }
  }

  const socket = createRelaySocket({
    relayUrl: o.relayUrl,
    gameId: o.gameId,
    token: o.token,
    WebSocket: o.WebSocket,
    fetch: o.fetch,
    backoff: o.backoff,
    ...(o.now ? { now: o.now } : {}),
    onMessage,
    onStatus: (connection, detail) =>
      store.update((s) => ({
        ...s,
        connection,
        // While disconnected, events may be missed: the state is complete again after the next snapshot.
        ...(connection === 'reconnecting' ? { synced: false } : {}),
        ...(detail
          ? {
              lastError: {
                source: 'relay' as const,
                code: detail.code,
                message: detail.message,
                status: detail.status,
              },
            }
          : {}),
      })),
  })
  void resync()

  const api: Store<GameState<G>> & {
    resync: () => Promise<void>
    send: typeof socket.send
    onMessage: (fn: (m: GameEvent | RelayedMessage) => void) => () => void
    clearError: () => void
    setError: (e: ClientError) => void
    drop: () => void
    close: () => void
  } = {
    getState: store.getState,
    subscribe: store.subscribe,
    resync,
    send: socket.send,
    onMessage(fn) {
      listeners.add(fn)
      return () => void listeners.delete(fn)
    },
    clearError: () => store.update((s) => (s.lastError ? { ...s, lastError: null } : s)),
    setError: (e) => store.update((s) => ({ ...s, lastError: e })),
    drop: socket.drop,
    close() {
      closed = true
      socket.close()
    },
  }
  return api
}
