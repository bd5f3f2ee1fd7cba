/**
 * Tile times over a seeded street-grid city (scripts/bench/check-city.ts), shared by bench:tiles and bench:pg-city:
 * per level, a seeded choice of tiles of three layers, the time to make each (readTile: query and encoding), its
 * features and bytes, and as reference in the same run the GeoJSON answer of the same area as the layers endpoint
 * makes it (inBbox + JSON, capped at the same feature limit). Also the ETag lookup a revalidation costs.
 */
import { seeded } from '../../server/demo/seeded.ts';
import type { LayerName } from '../../server/domain/assets/layers.ts';
import { RD_RESOLUTIONS, rdTileBounds, rdTilesCovering, type RdTile } from '../../server/geo/rd-tile-grid.ts';
import type { Store } from '../../server/store/index.ts';
import { LAYERS as ALL_LAYERS } from '../../server/domain/assets/layers.ts';
import { layerVersion, MAX_TILE_FEATURES, readTile, readTiles, type EncodedTile } from '../../server/store/tile-store.ts';
import { citySide, ORIGIN } from './check-city.ts';
import { median, percentile, printTable } from './stats.ts';

export const TILE_LEVELS = [6, 8, 10, 12];
const LAYERS: LayerName[] = ['cables', 'pipes', 'trees'];
const TILES_PER_LEVEL = 16;

/** Up to `count` tiles of level z over a city of `assets`, picked with a fixed seed. */
function tilesAt(assets: number, z: number, count: number): RdTile[] {
  const side = citySide(assets);
  const all = rdTilesCovering([ORIGIN.x, ORIGIN.y, ORIGIN.x + side, ORIGIN.y + side], z);
  const r = seeded(z);
  const picked = [...all];
  for (let i = picked.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [picked[i], picked[j]] = [picked[j]!, picked[i]!];
  }
  return picked.slice(0, count);
}

/** Times, features and bytes of the tiles made at one level. */
interface Made { ms: number[]; features: number[]; bytes: number[] }
const made = (): Made => ({ ms: [], features: [], bytes: [] });

/** Makes a tile with `make` and records what it took and held in `into`. */
async function timed(into: Made, make: () => Promise<EncodedTile>): Promise<void> {
  const t = performance.now();
  const tile = await make();
  into.ms.push(performance.now() - t);
  into.features.push(tile.features);
  into.bytes.push(tile.mvt.byteLength);
}

/** Prints the table of tile times over the city of `assets` in `store`, labelled `label`. */
export async function measureTiles(store: Store, assets: number, label: string, levels = TILE_LEVELS): Promise<void> {
  const rows: string[][] = [];
  for (const z of levels) {
    const one = made();
    const all = made();
    const refMs: number[] = [];
    const refBytes: number[] = [];
    const tiles = tilesAt(assets, z, TILES_PER_LEVEL);
    // One untimed round first: the first statements of a kind plan and warm caches.
    for (const tile of tiles.slice(0, 2)) for (const layer of LAYERS) await readTile(store.db, layer, tile);
    for (const tile of tiles) {
      await timed(all, () => readTiles(store.db, ALL_LAYERS, tile));
      for (const layer of LAYERS) {
        await timed(one, () => readTile(store.db, layer, tile));
        const t = performance.now();
        const found = await store.features.inBbox(layer, rdTileBounds(tile), MAX_TILE_FEATURES);
        refBytes.push(Buffer.byteLength(JSON.stringify({ type: 'FeatureCollection', features: found })));
        refMs.push(performance.now() - t);
      }
    }
    rows.push([
      `${label} z${z} (${RD_RESOLUTIONS[z]!.toFixed(2)} m/px)`,
      String(tiles.length * LAYERS.length),
      median(one.ms).toFixed(1),
      percentile(one.ms, 95).toFixed(1),
      String(Math.round(median(one.features))),
      (median(one.bytes) / 1024).toFixed(1),
      median(refMs).toFixed(1),
      (median(refBytes) / 1024).toFixed(1),
      `${(median(one.ms) / median(refMs)).toFixed(2)}×`,
      median(all.ms).toFixed(1),
      percentile(all.ms, 95).toFixed(1),
      String(Math.round(median(all.features))),
      (median(all.bytes) / 1024).toFixed(1),
    ]);
  }
  printTable(['store, level', 'tiles', 'tile ms med', 'p95', 'features med', 'KB med', 'GeoJSON ms med', 'KB med', 'tile/GeoJSON', 'all-layer tile ms med', 'p95', 'features med', 'KB med'], rows);
  const etagMs: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await layerVersion(store.db, LAYERS[i % LAYERS.length]!);
    etagMs.push(performance.now() - t);
  }
  console.log(`${label}: ETag lookup (a 304 revalidation) median ${median(etagMs).toFixed(2)} ms`);
}
