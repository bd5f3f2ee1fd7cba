/**
 * Route proposals end to end on the embedded store (PGlite, temp data dir) with the demo district: about 1 km along
 * the streets between opposite corners, through the use case (validation, assets from the store, the search in the
 * worker pool, every proposal checked by runCheck), and about 1 km straight and L-shaped in the seeded city. Prints the median and p95 of the whole proposal and, as a
 * reference in the same run, the search alone in this thread (proposeRoutes on the same assets). Target: median ≤ 2 s.
 *
 *   npm run bench:propose
 *   BENCH_RUNS=9 npm run bench:propose
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Position } from 'geojson';
import { proposeRoute } from '../../server/app/propose-route.ts';
import type { Principal } from '../../server/domain/access/policy.ts';
import { LAYERS, type LayerName, type LayeredAsset } from '../../server/domain/assets/layers.ts';
import { proposeRoutes } from '../../server/domain/space/route-proposal.ts';
import { segmentsFromStreets } from '../../server/domain/streets/street-segments.ts';
import { loadDemoIfEmpty } from '../../server/demo/load.ts';
import { readRuleSetFile } from '../../server/rules-file.ts';
import { type Store, openStore } from '../../server/store/index.ts';
import { seededCity } from '../../server/demo/seeded-city.ts';
import { closeWorkPool } from '../../server/workers/run-job.ts';
import { median, percentile, printTable } from './stats.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
if (!Number.isInteger(RUNS) || RUNS < 5) throw new Error(`BENCH_RUNS is ${JSON.stringify(process.env.BENCH_RUNS)}; give a whole number ≥ 5`);
const rules = readRuleSetFile('data/rules/nl-default.json');
const eneco: Principal = { tokenId: 'bench', organisation: 'Eneco', organisationKind: 'heat-company', role: 'submitter' };
// Opposite corners of the district north of Schiedamseweg, both ways round, and one through a via point. At 1.45 m
// the heat pair passes under the water mains; at 1.0 m (the last case) no route is clean and the bottleneck is sought.
const CASES: { name: string; from: Position; to: Position; via?: Position[]; depth_m: number }[] = [
  { name: 'SW → NE', from: [89_300, 435_800], to: [89_805, 436_140], depth_m: 1.45 },
  { name: 'NW → SE', from: [89_245, 436_140], to: [89_750, 435_800], depth_m: 1.45 },
  { name: 'SW → NE via', from: [89_300, 435_800], to: [89_805, 436_140], via: [[89_600, 435_960]], depth_m: 1.45 },
  { name: 'SW → NE at 1.0 m', from: [89_300, 435_800], to: [89_805, 436_140], depth_m: 1.0 },
];

// The seeded city (issue 13: "route proposals of 1 km"): about a kilometre along its grid, straight and with a turn.
const CITY_CASES: Case[] = [
  { name: 'city 1 km straight', from: [100_060, 440_000], to: [101_060, 440_000], depth_m: 1.45 },
  { name: 'city 1 km L-shaped', from: [100_060, 440_000], to: [100_720, 440_360], depth_m: 1.45 },
];

type Case = (typeof CASES)[number];

/** Median, p95 and the search-only reference of each case on a store. */
async function measure(store: Store, cases: readonly Case[]): Promise<string[][]> {
  const assets: LayeredAsset[] = [];
  for (const layer of LAYERS) if (layer !== 'streets') for (const a of await store.features.inBbox(layer, undefined)) assets.push({ ...a, layer });
  const streets = segmentsFromStreets(await store.features.inBbox('streets', undefined));
  const rows: string[][] = [];
  for (const c of cases) {
    const body = { from: c.from, to: c.to, via: c.via ?? [], kind: 'heat', width_m: 0.9, depth_m: c.depth_m };
    const total: number[] = [];
    const search: number[] = [];
    let summary = '';
    // One run first to start the pool's worker and warm the JIT; not counted.
    for (let run = -1; run < RUNS; run++) {
      const t0 = performance.now();
      const result = await proposeRoute(store, eneco, rules, { body, crs: 'EPSG:28992', today: '2027-01-01' });
      const t1 = performance.now();
      proposeRoutes({ ...body, via: c.via ?? [], kind: 'heat', on: '2027-01-01', organisation: 'Eneco' }, assets, streets, rules);
      const t2 = performance.now();
      if (run < 0) {
        if (!result.ok) throw new Error(`${c.name}: ${JSON.stringify(result)}`);
        summary = `${result.proposals.length} (${result.proposals.filter((p) => p.clean).length} clean) ${result.proposals.map((p) => p.length_m.toFixed(0)).join('/')} m, ${result.rounds} round(s)${result.bottleneck ? `, bottleneck ${result.bottleneck.segment} ${result.bottleneck.free_m} m` : ''}`;
        continue;
      }
      total.push(t1 - t0);
      search.push(t2 - t1);
    }
    rows.push([c.name, summary, median(total).toFixed(0), percentile(total, 95).toFixed(0), median(search).toFixed(0)]);
  }
  return rows;
}

/** The seeded city in a store, known ground for every layer the rule file requires (as the demo's district is). */
async function cityStore(dataDir: string): Promise<Store> {
  const store = await openStore({ dataDir });
  const city = seededCity(23);
  for (const [layer, assets] of Object.entries(city) as [LayerName, (typeof city)[LayerName]][]) {
    for (let i = 0; i < assets.length; i += 2_000) await store.features.insert(layer, assets.slice(i, i + 2_000));
  }
  const ring = [[99_900, 439_900], [102_800, 439_900], [102_800, 442_800], [99_900, 442_800], [99_900, 439_900]];
  await store.coverage.replace('bench', rules.coverage.layers.map((layer) => ({ source: 'bench', layer, owner: '', kind: 'district' as const, geometry: { type: 'Polygon' as const, coordinates: [ring] } })), []);
  return store;
}

const dir = mkdtempSync(join(tmpdir(), 'ondergrond-propose-'));
const store = await openStore({ dataDir: join(dir, 'store') });
let city: Store | undefined;
try {
  await loadDemoIfEmpty(store);
  const rows = await measure(store, CASES);
  city = await cityStore(join(dir, 'city'));
  rows.push(...(await measure(city, CITY_CASES)));
  console.log(`Route proposals on the demo district and the seeded city, embedded store, heat 0.9 m, ${RUNS} runs each (ms)\n`);
  printTable(['case', 'proposals', 'median', 'p95', 'search only (reference)'], rows);
  console.log('\ntarget: median ≤ 2000 ms for about 1 km');
} finally {
  await closeWorkPool();
  await store.close();
  await city?.close();
  rmSync(dir, { recursive: true, force: true });
}
