/**
 * A small observable store: one state object, replaced (never mutated) on every change, with listeners that
 * receive the new and the previous state. Enough for a map client; no framework needed.
 */
export type Listener<S> = (state: S, previous: S) => void;

export interface StateStore<S> {
  get(): S;
  /** Merges a partial state, or applies a function of the current state; notifies only when something changed. */
  set(change: Partial<S> | ((state: S) => Partial<S>)): void;
  subscribe(listener: Listener<S>): () => void;
}

/**
 * @example const store = createStore({ count: 0 }); store.set((s) => ({ count: s.count + 1 })); store.get().count // 1
 */
export function createStore<S extends object>(initial: S): StateStore<S> {
  let state = initial;
  const listeners = new Set<Listener<S>>();
  return {
    get: () => state,
    set(change) {
      const patch = typeof change === 'function' ? change(state) : change;
      const changed = (Object.keys(patch) as (keyof S)[]).some((key) => !Object.is(patch[key], state[key]));
      if (!changed) return;
      const previous = state;
      state = { ...state, ...patch };
      for (const listener of [...listeners]) listener(state, previous);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
