// The bridge between @gamenight/client (which owns sync: versions, seq gaps, snapshots, reconnects)
// and Preact: one client per mounted screen, its store read as component state.
import {
  type Connection,
  createTriviaClient,
  createWikiClient,
  type Store,
  type TriviaClient,
  type WikiClient,
} from '@gamenight/client'
import { useEffect, useMemo, useState } from 'preact/hooks'
import type { ConnState } from '../components/frame.tsx'
import { relayUrlNow } from './config.ts'

export function useStore<S>(store: Store<S>): S {
  const [state, setState] = useState(() => store.getState())
  useEffect(() => {
    setState(store.getState())
    return store.subscribe(setState)
  }, [store])
  return state
}

export const connState = (c: Connection, synced: boolean): ConnState =>
  c === 'open' ? (synced ? 'live' : 'connecting') : c === 'closed' ? 'offline' : c

/**
 * A phone that slept or lost its network may hold a socket that looks open but is dead; when the
 * page becomes visible again after a while, drop it so the client reconnects and re-reads the snapshot.
 */
function wakeUp(client: { drop(): void; resync(): Promise<void> }) {
  let hiddenAt = 0
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') hiddenAt = Date.now()
    else if (hiddenAt && Date.now() - hiddenAt > 5000) {
      client.drop()
      void client.resync()
    }
  }
  const onOnline = () => client.drop()
  document.addEventListener('visibilitychange', onVisibility)
  addEventListener('online', onOnline)
  return () => {
    document.removeEventListener('visibilitychange', onVisibility)
    removeEventListener('online', onOnline)
  }
}

export function useTriviaClient(gameId: string, token: string | null): TriviaClient | null {
  const client = useMemo(
    () => (token ? createTriviaClient({ apiUrl: '', relayUrl: relayUrlNow(), gameId, token }) : null),
    [gameId, token],
  )
  useLifetime(client)
  return client
}

export function useWikiClient(gameId: string, token: string | null): WikiClient {
  const client = useMemo(
    () => createWikiClient({ apiUrl: '', relayUrl: relayUrlNow(), gameId, token }),
    [gameId, token],
  )
  useLifetime(client)
  return client
}

/** Watches a mounted screen's client for sleep and network changes, and closes it on unmount. */
function useLifetime(client: { drop(): void; resync(): Promise<void>; close(): void } | null) {
  useEffect(() => {
    if (!client) return
    const off = wakeUp(client)
    return () => {
      off()
      client.close()
    }
  }, [client])
}
