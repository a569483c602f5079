// The smallest observable a UI needs: read the state, subscribe to changes. State objects are
// replaced, never mutated, so any framework can compare by reference (React's
// useSyncExternalStore(store.subscribe, store.getState), Preact signals, Svelte stores, ...).
export type Store<S> = {
  getState(): S
  subscribe(listener: (state: S) => void): () => void
}

export function createStore<S>(initial: S) {
  let state = initial
  const listeners = new Set<(s: S) => void>()
  const set = (next: S) => {
    if (next === state) return
    state = next
    for (const l of [...listeners]) {
      try {
        l(state)
      } catch (err) {
        console.error('state listener failed', err)
      }
    }
  }
  return {
    getState: () => state,
    subscribe(listener: (s: S) => void) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    /** Replaces the state (no-op when `next` is the same object) and tells every listener. */
    set,
    update: (fn: (s: S) => S) => set(fn(state)),
  }
}
