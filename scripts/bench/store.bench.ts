/**
 * Store benchmark: cold and warm start of the embedded store, bulk load of 100 000 generated assets, and bbox /
 * candidate query medians — PGlite and PostgreSQL side by side in one run, on identical seeded data.
 *
 *   npx tsx scripts/bench/store.bench.ts [--assets 100000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Asset } from '../../server/domain/assets/layers.ts';
import { between, seeded } from '../../server/demo/seeded.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { startThrowawayPostgres } from '../pg-throwaway.ts';
import { median, percentile, printTable, timed } from './stats.ts';

const flag = process.argv.indexOf('--assets');
const count = flag > 0 ? Number(process.argv[flag + 1]) : 100_000;
if (!Number.isInteger(count) || count < 1) throw new Error(`--assets takes a positive whole number, got ${process.argv[flag + 1]}`);
const BOX = { x: 87_000, y: 433_500, size: 5_000 };

/** Seeded lines of 20–200 m in a 5 × 5 km box around Bospolder-Tussendijken. */
function generateAssets(n: number, seed = 7): Asset[] {
  const random = seeded(seed);
  return Array.from({ length: n }, (_, i) => {
    const x = BOX.x + random() * BOX.size;
    const y = BOX.y + random() * BOX.size;
    const length = between(random, 20, 200);
    const angle = random() * Math.PI * 2;
    return {
      type: 'Feature',
      id: `a${i}`,
      geometry: { type: 'LineString', coordinates: [[+x.toFixed(3), +y.toFixed(3)], [+(x + length * Math.cos(angle)).toFixed(3), +(y + length * Math.sin(angle)).toFixed(3)]] },
      properties: { owner: 'bench', status: 'existing', version: 1, network: 'lv', depth_m: between(random, 0.5, 1.2) },
    };
  });
}

function queryBoxes(n: number, size: number, seed = 11): [number, number, number, number][] {
  const random = seeded(seed);
  return Array.from({ length: n }, () => {
    const x = BOX.x + random() * (BOX.size - size);
    const y = BOX.y + random() * (BOX.size - size);
    return [x, y, x + size, y + size];
  });
}

async function measure(store: Store, assets: Asset[]) {
  const load = await timed(() => store.features.insert('cables', assets));
  const boxes = queryBoxes(60, 200);
  const bbox: number[] = [];
  let hits = 0;
  for (const b of boxes) {
    const t = await timed(() => store.features.inBbox('cables', b));
    bbox.push(t.ms);
    hits += t.result.length;
  }
  const trenches = queryBoxes(60, 500, 13).map(([x, y]) => ({ type: 'LineString' as const, coordinates: [[x, y], [x + 300, y + 200], [x + 500, y + 150]] }));
  const near: number[] = [];
  let candidates = 0;
  for (const t of trenches) {
    const r = await timed(() => store.features.candidates(t, 1.0));
    near.push(r.ms);
    candidates += r.result.length;
  }
  return {
    load_s: load.ms / 1000,
    bbox_median_ms: median(bbox.slice(10)),
    bbox_p95_ms: percentile(bbox.slice(10), 95),
    bbox_hits: hits / boxes.length,
    dwithin_median_ms: median(near.slice(10)),
    dwithin_p95_ms: percentile(near.slice(10), 95),
    dwithin_hits: candidates / trenches.length,
  };
}

const assets = generateAssets(count);
const dir = mkdtempSync(join(tmpdir(), 'ondergrond-bench-'));
try {
  const cold = await timed(() => openStore({ dataDir: join(dir, 'store') }));
  const pglite = await measure(cold.result, assets);
  await cold.result.close();
  const warm = await timed(() => openStore({ dataDir: join(dir, 'store') }));
  const warmCount = await warm.result.features.count();
  await warm.result.close();

  const cluster = await startThrowawayPostgres();
  let postgres: Awaited<ReturnType<typeof measure>>;
  try {
    const store = await openStore({ databaseUrl: cluster.url, schema: 'bench' });
    postgres = await measure(store, assets);
    await store.close();
  } finally {
    await cluster.stop();
  }

  console.log(`\nStore benchmark: ${count} seeded line assets (20–200 m) in a 5 × 5 km box; 50 bbox queries of 200 × 200 m; 50 ST_DWithin 1.0 m around 500 m trenches (after 10 warm-up queries)\n`);
  console.log(`embedded store: cold start (create cluster + PostGIS + migrations) ${(cold.ms / 1000).toFixed(1)} s; warm start (reopen, ${warmCount} rows) ${(warm.ms / 1000).toFixed(1)} s\n`);
  printTable(['measure', 'PGlite', 'PostgreSQL', 'PGlite / PostgreSQL'], [
    ['bulk load (s)', pglite.load_s, postgres.load_s],
    ['bbox median (ms)', pglite.bbox_median_ms, postgres.bbox_median_ms],
    ['bbox p95 (ms)', pglite.bbox_p95_ms, postgres.bbox_p95_ms],
    ['bbox features per query', pglite.bbox_hits, postgres.bbox_hits],
    ['ST_DWithin median (ms)', pglite.dwithin_median_ms, postgres.dwithin_median_ms],
    ['ST_DWithin p95 (ms)', pglite.dwithin_p95_ms, postgres.dwithin_p95_ms],
    ['candidates per trench', pglite.dwithin_hits, postgres.dwithin_hits],
  ].map(([label, a, b]) => [label as string, (a as number).toFixed(2), (b as number).toFixed(2), ((a as number) / (b as number)).toFixed(2)]));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
