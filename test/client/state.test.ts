import { describe, expect, it, vi } from 'vitest';
import { fullExtent, initialState, may, offers } from '../../client/core/app-state.ts';
import { createStore } from '../../client/core/state.ts';

describe('the state store', () => {
  it('notifies listeners with the new and the previous state', () => {
    const store = createStore({ count: 0, name: 'a' });
    const listener = vi.fn();
    store.subscribe(listener);
    store.set((s) => ({ count: s.count + 1 }));
    expect(store.get()).toEqual({ count: 1, name: 'a' });
    expect(listener).toHaveBeenCalledWith({ count: 1, name: 'a' }, { count: 0, name: 'a' });
  });

  it('does not notify when nothing changed, and stops after unsubscribe', () => {
    const store = createStore({ count: 0 });
    const listener = vi.fn();
    const stop = store.subscribe(listener);
    store.set({ count: 0 });
    stop();
    store.set({ count: 2 });
    expect(listener).not.toHaveBeenCalled();
  });

  it('starts in Dutch with every layer visible', () => {
    const state = initialState();
    expect(state.language).toBe('nl');
    expect(Object.values(state.visible).every(Boolean)).toBe(true);
    expect(Object.keys(state.visible)).toHaveLength(8);
  });

  it('knows which endpoints the server offers', () => {
    expect(offers({ paths: ['/api/layers', '/api/checks'] }, '/api/checks')).toBe(true);
    expect(offers({ paths: ['/api/layers'] }, '/api/plans')).toBe(false);
  });

  it('joins layer extents and skips empty layers', () => {
    expect(fullExtent([
      { layer: 'pipes', count: 2, extent: [10, 20, 30, 40] },
      { layer: 'heat', count: 0, extent: null },
      { layer: 'cables', count: 1, extent: [0, 25, 15, 50] },
    ])).toEqual([0, 20, 30, 50]);
    expect(fullExtent([{ layer: 'heat', count: 0, extent: null }])).toBeNull();
  });
});

describe('what the caller may do', () => {
  it('grants nothing before the session is known, then what the role grants in any scope', () => {
    expect(may(initialState(), 'routes:decide')).toBe(false);
    const submitter = { session: { organisation: 'Eneco', organisationKind: 'heat-company', role: 'submitter', grants: { 'routes:submit': 'own' as const } } };
    expect(may(submitter, 'routes:submit')).toBe(true);
    expect(may(submitter, 'routes:decide')).toBe(false);
  });
});
