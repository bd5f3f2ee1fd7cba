/**
 * Vector tile time on a seeded city: the street-grid city of bench:check-store (default 100 000 assets, `--assets N`
 * for more) in an in-memory embedded store, tiles of three layers at several levels over the city, seeded choice of
 * tiles. Per level: median and p95 of making a tile (readTile: the query and the encoding), features and bytes per
 * tile, and as reference in the same run the GeoJSON answer of the same area as the layers endpoint makes it
 * (inBbox + JSON, capped at the same feature limit). Also the ETag lookup a revalidation costs.
 *
 *   npm run bench:tiles
 *   npm run bench:tiles -- --assets 1000000
 *   DATABASE_URL=postgres://… npm run bench:tiles    # the server store (ST_AsMVT) side by side, schema bench_tiles
 */
import { seeded } from '../../server/demo/seeded.ts';
import type { LayerName } from '../../server/domain/assets/layers.ts';
import { RD_RESOLUTIONS, rdTileBounds, rdTilesCovering, type RdTile } from '../../server/geo/rd-tile-grid.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { layerVersion, MAX_TILE_FEATURES, readTile } from '../../server/store/tile-store.ts';
import { citySide, ORIGIN } from './check-city.ts';
import { loadCity } from './load-city.ts';
import { openBenchStore } from './pglite-template.ts';
import { median, percentile, printTable } from './stats.ts';

const at = process.argv.indexOf('--assets');
const ASSETS = at > 0 ? Number(process.argv[at + 1]) : 100_000;
if (!Number.isInteger(ASSETS) || ASSETS < 1_000) throw new Error(`--assets ${process.argv[at + 1]} is not a whole number ≥ 1000`);
const LEVELS = [6, 8, 10, 12];
const LAYERS: LayerName[] = ['cables', 'pipes', 'trees'];
const TILES_PER_LEVEL = 16;

/** Up to `count` tiles of level z over the city, picked with a fixed seed. */
function tilesAt(z: number, count: number): RdTile[] {
  const side = citySide(ASSETS);
  const all = rdTilesCovering([ORIGIN.x, ORIGIN.y, ORIGIN.x + side, ORIGIN.y + side], z);
  const r = seeded(z);
  const picked = [...all];
  for (let i = picked.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [picked[i], picked[j]] = [picked[j]!, picked[i]!];
  }
  return picked.slice(0, count);
}

async function measure(store: Store, label: string): Promise<void> {
  const rows: string[][] = [];
  for (const z of LEVELS) {
    const tileMs: number[] = [];
    const refMs: number[] = [];
    const features: number[] = [];
    const bytes: number[] = [];
    const refBytes: number[] = [];
    const tiles = tilesAt(z, TILES_PER_LEVEL);
    // One untimed round first: the first statements of a kind plan and warm caches.
    for (const tile of tiles.slice(0, 2)) for (const layer of LAYERS) await readTile(store.db, layer, tile);
    for (const tile of tiles) {
      for (const layer of LAYERS) {
        let t = performance.now();
        const encoded = await readTile(store.db, layer, tile);
        tileMs.push(performance.now() - t);
        features.push(encoded.features);
        bytes.push(encoded.mvt.byteLength);
        t = performance.now();
        const assets = await store.features.inBbox(layer, rdTileBounds(tile), MAX_TILE_FEATURES);
        refBytes.push(Buffer.byteLength(JSON.stringify({ type: 'FeatureCollection', features: assets })));
        refMs.push(performance.now() - t);
      }
    }
    rows.push([
      `${label} z${z} (${RD_RESOLUTIONS[z]!.toFixed(2)} m/px)`,
      String(tiles.length * LAYERS.length),
      median(tileMs).toFixed(1),
      percentile(tileMs, 95).toFixed(1),
      String(Math.round(median(features))),
      (median(bytes) / 1024).toFixed(1),
      median(refMs).toFixed(1),
      (median(refBytes) / 1024).toFixed(1),
      `${(median(tileMs) / median(refMs)).toFixed(2)}×`,
    ]);
  }
  printTable(['store, level', 'tiles', 'tile ms med', 'p95', 'features med', 'KB med', 'GeoJSON ms med', 'KB med', 'tile/GeoJSON'], rows);
  const etagMs: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await layerVersion(store.db, LAYERS[i % LAYERS.length]!);
    etagMs.push(performance.now() - t);
  }
  console.log(`${label}: ETag lookup (a 304 revalidation) median ${median(etagMs).toFixed(2)} ms`);
}

const pglite = await openBenchStore();
console.log(`embedded store: ${ASSETS} assets loaded in ${((await loadCity(pglite, ASSETS)) / 1000).toFixed(1)} s (city ${(citySide(ASSETS) / 1000).toFixed(1)} km square)`);
await measure(pglite, 'pglite');
await pglite.close();

if (process.env.DATABASE_URL) {
  const schema = 'bench_tiles';
  const pg = await openStore({ databaseUrl: process.env.DATABASE_URL, schema });
  try {
    console.log(`server store: loaded in ${((await loadCity(pg, ASSETS)) / 1000).toFixed(1)} s`);
    await measure(pg, 'postgres');
  } finally {
    await pg.db.exec(`DROP SCHEMA ${schema} CASCADE`);
    await pg.close();
  }
}
