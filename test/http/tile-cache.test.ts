import { describe, expect, it } from 'vitest';
import { TileCache } from '../../server/http/tile-cache.ts';
import type { EncodedTile } from '../../server/store/tile-store.ts';

const tileOf = (bytes: number): EncodedTile => ({ mvt: new Uint8Array(bytes), features: 1 });

describe('TileCache', () => {
  it('makes a tile once, also when it is asked for again while being made', async () => {
    const cache = new TileCache(1_000);
    let made = 0;
    const make = async () => {
      made += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return tileOf(10);
    };
    const [a, b] = await Promise.all([cache.get('k', make), cache.get('k', make)]);
    const c = await cache.get('k', make);
    expect(made).toBe(1);
    expect([a.hit, b.hit, c.hit]).toEqual([false, true, true]);
    expect(c.tile).toBe(a.tile);
  });

  it('lets the least recently used tiles go when the budget is spent, and never keeps a tile above it', async () => {
    const cache = new TileCache(250);
    await cache.get('a', async () => tileOf(99));
    await cache.get('b', async () => tileOf(99));
    await cache.get('a', async () => tileOf(99)); // a is now the most recently used
    await cache.get('c', async () => tileOf(99)); // over budget: b goes
    expect(cache.bytes).toBeLessThanOrEqual(250);
    expect((await cache.get('a', async () => tileOf(99))).hit).toBe(true);
    expect((await cache.get('b', async () => tileOf(99))).hit).toBe(false);
    const huge = new TileCache(50);
    await huge.get('h', async () => tileOf(100));
    expect(huge.bytes).toBe(0);
  });

  it('keeps nothing when making fails, so the next reader tries again', async () => {
    const cache = new TileCache(1_000);
    await expect(cache.get('k', async () => { throw new Error('store gone'); })).rejects.toThrow('store gone');
    expect((await cache.get('k', async () => tileOf(1))).hit).toBe(false);
  });
});
