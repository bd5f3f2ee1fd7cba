/**
 * Vector tile time on a seeded city: the street-grid city of bench:check-store (default 100 000 assets, `--assets N`
 * for more) in an in-memory embedded store, tiles of three layers, and the tile of every layer, at several levels over the city, seeded choice of
 * tiles. Per level: median and p95 of making a tile (readTile: the query and the encoding), features and bytes per
 * tile, and as reference in the same run the GeoJSON answer of the same area as the layers endpoint makes it
 * (inBbox + JSON, capped at the same feature limit). Also the ETag lookup a revalidation costs.
 *
 *   npm run bench:tiles
 *   npm run bench:tiles -- --assets 1000000
 *   npm run bench:tiles -- --levels 6,7,8
 *   DATABASE_URL=postgres://… npm run bench:tiles    # the server store (ST_AsMVT) side by side, schema bench_tiles
 */
import { openStore } from '../../server/store/index.ts';
import { citySide } from './check-city.ts';
import { loadCity } from './load-city.ts';
import { openBenchStore } from './pglite-template.ts';
import { measureTiles, TILE_LEVELS } from './tile-times.ts';

const at = process.argv.indexOf('--assets');
const ASSETS = at > 0 ? Number(process.argv[at + 1]) : 100_000;
if (!Number.isInteger(ASSETS) || ASSETS < 1_000) throw new Error(`--assets ${process.argv[at + 1]} is not a whole number ≥ 1000`);
const levelsAt = process.argv.indexOf('--levels');
const LEVELS = levelsAt > 0 ? process.argv[levelsAt + 1]!.split(',').map(Number) : TILE_LEVELS;
if (!LEVELS.every((z) => Number.isInteger(z) && z >= 0 && z <= 16)) throw new Error(`--levels ${process.argv[levelsAt + 1]} is not a list of levels 0–16, e.g. 6,8,10`);

const pglite = await openBenchStore();
console.log(`embedded store: ${ASSETS} assets loaded in ${((await loadCity(pglite, ASSETS)) / 1000).toFixed(1)} s (city ${(citySide(ASSETS) / 1000).toFixed(1)} km square)`);
await measureTiles(pglite, ASSETS, 'pglite', LEVELS);
await pglite.close();

if (process.env.DATABASE_URL) {
  const schema = 'bench_tiles';
  const pg = await openStore({ databaseUrl: process.env.DATABASE_URL, schema });
  try {
    console.log(`server store: loaded in ${((await loadCity(pg, ASSETS)) / 1000).toFixed(1)} s`);
    await measureTiles(pg, ASSETS, 'postgres', LEVELS);
  } finally {
    await pg.db.exec(`DROP SCHEMA ${schema} CASCADE`);
    await pg.close();
  }
}
