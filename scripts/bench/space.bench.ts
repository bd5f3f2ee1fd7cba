/**
 * Space scan benchmark, end to end through the use case on the embedded store (PGlite + PostGIS, in memory): the
 * demo district (24 segments) and a seeded grid city of 1 000 segments, for a twin heat pipe of 0.9 m. Prints the
 * median of several runs, split into the store's fetch and the domain's scan, and the verdicts; target ≤ 5 s for
 * the city.
 *
 *   npx tsx scripts/bench/space.bench.ts [--runs 5]
 */
import type { Asset, LayerName } from '../../server/domain/assets/layers.ts';
import { scanSpace } from '../../server/app/scan-space.ts';
import { demoDistrict } from '../../server/demo/district.ts';
import { seededCity } from '../../server/demo/seeded-city.ts';
import type { BBox } from '../../server/geo/types.ts';
import { readRuleSetFile } from '../../server/rules-file.ts';
import { type Store, openStore } from '../../server/store/index.ts';
import { median, printTable, timed } from './stats.ts';
import { bboxOf } from '../../server/geo/bbox.ts';

const flag = process.argv.indexOf('--runs');
const RUNS = flag > 0 ? Number(process.argv[flag + 1]) : 5;
const rules = readRuleSetFile('data/rules/nl-default.json');

async function storeWith(layers: Record<LayerName, Asset[]>): Promise<Store> {
  const store = await openStore({});
  for (const [layer, assets] of Object.entries(layers) as [LayerName, Asset[]][]) {
    for (let i = 0; i < assets.length; i += 2_000) {
      const result = await store.features.insert(layer, assets.slice(i, i + 2_000));
      if (!result.ok) throw new Error(`could not load ${layer}: ${result.reason}`);
    }
  }
  // The area is known ground for every layer, as the demo's district is: the scan measures space, not unknown ground.
  const [minX, minY, maxX, maxY] = bboxOf(Object.values(layers).flat().map((a) => a.geometry.type === 'Point' ? [a.geometry.coordinates] : a.geometry.type === 'LineString' ? a.geometry.coordinates : a.geometry.type === 'Polygon' ? a.geometry.coordinates[0]! : []));
  const ring = [[minX - 50, minY - 50], [maxX + 50, minY - 50], [maxX + 50, maxY + 50], [minX - 50, maxY + 50], [minX - 50, minY - 50]];
  await store.coverage.replace('bench', rules.coverage.layers.map((layer) => ({ source: 'bench', layer, owner: '', kind: 'district' as const, geometry: { type: 'Polygon' as const, coordinates: [ring] } })), []);
  return store;
}

async function bench(name: string, layers: Record<LayerName, Asset[]>, bbox: BBox): Promise<string[]> {
  const store = await storeWith(layers);
  // Time the store's part on its own: the same query the use case makes, counted through a wrapper.
  let fetchMs = 0;
  const features = new Proxy(store.features, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const start = performance.now();
        try { return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args); } finally { fetchMs += performance.now() - start; }
      };
    },
  });
  const totals: number[] = [];
  const fetches: number[] = [];
  let summary = '';
  let segments = 0;
  for (let run = 0; run < RUNS + 1; run++) {
    fetchMs = 0;
    const { ms, result } = await timed(() => scanSpace({ features, coverage: store.coverage }, rules, { kind: 'heat', width_m: 0.9, bbox, on: '2027-01-01' }));
    if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.errors)}`);
    segments = result.scans.length;
    const count = (v: string) => result.scans.filter((s) => s.verdict === v).length;
    summary = `${count('fits')}/${count('tight')}/${count('does-not-fit')}`;
    // The first run warms the JIT and the store's caches.
    if (run > 0) (totals.push(ms), fetches.push(fetchMs));
  }
  await store.close();
  const total = median(totals);
  const fetch = median(fetches);
  return [name, String(segments), `${total.toFixed(0)} ms`, `${fetch.toFixed(0)} ms`, `${(total - fetch).toFixed(0)} ms`, `${((total - fetch) / segments).toFixed(2)} ms`, summary];
}

const demo = demoDistrict().layers;
const city = seededCity(23);
city.streets = city.streets.slice(0, 1_000);
const rows = [
  await bench('demo district', demo, [89_240, 435_730, 89_810, 436_190]),
  await bench('seeded city', city, [99_990, 439_990, 102_650, 442_650]),
];
console.log(`space scan, heat 0.9 m, median of ${RUNS} runs after one warm-up (embedded store, inline)`);
printTable(['area', 'segments', 'total', 'store fetch', 'scan', 'scan / segment', 'fits/tight/no'], rows);
const cityMs = Number.parseFloat(rows[1]![2]!);
console.log(`city target ≤ 5 000 ms: ${cityMs <= 5_000 ? 'met' : 'MISSED'} (${cityMs.toFixed(0)} ms)`);
