import type { EncodedTile } from '../store/tile-store.ts';

/**
 * Encoded tiles kept in memory, least recently used first out, within a byte budget. Keys carry the layer's
 * version, so a write makes new keys and the old tiles simply age out: nothing to invalidate, and correct with
 * several servers (each keeps its own). A tile asked for while it is being made is made once: the map asks for a
 * view's tiles at the same time, and two readers of one city view ask for the same ones.
 *
 * @example const tile = await cache.get(`${etag}/${z}/${x}/${y}`, () => readTile(db, layer, tile));
 */
export class TileCache {
  readonly #done = new Map<string, EncodedTile>();
  readonly #making = new Map<string, Promise<EncodedTile>>();
  #bytes = 0;

  constructor(readonly maxBytes: number) {}

  /** The tile under `key`, made by `make` when it is not kept; `hit` says whether it was. */
  async get(key: string, make: () => Promise<EncodedTile>): Promise<{ tile: EncodedTile; hit: boolean }> {
    const kept = this.#done.get(key);
    if (kept) {
      // Map iteration is insertion order: re-inserting makes it the most recently used.
      this.#done.delete(key);
      this.#done.set(key, kept);
      return { tile: kept, hit: true };
    }
    let making = this.#making.get(key);
    if (!making) {
      making = make().finally(() => this.#making.delete(key));
      this.#making.set(key, making);
      this.#keep(key, await making);
      return { tile: await making, hit: false };
    }
    return { tile: await making, hit: true };
  }

  /** Bytes held now (for tests and the health of a long-running server). */
  get bytes(): number {
    return this.#bytes;
  }

  #keep(key: string, tile: EncodedTile): void {
    const size = tile.mvt.byteLength + key.length;
    if (size > this.maxBytes) return;
    this.#done.set(key, tile);
    this.#bytes += size;
    for (const [oldest, old] of this.#done) {
      if (this.#bytes <= this.maxBytes) break;
      this.#done.delete(oldest);
      this.#bytes -= old.mvt.byteLength + oldest.length;
    }
  }
}
