/**
 * Store-level check latency: a 1 km heat route checked with runCheck (validation, candidate search in the store,
 * every rule in the domain) against 100 000 and 1 000 000 seeded assets of a street-grid city around Rotterdam in
 * the embedded store (PGlite, temp data dir). Prints median and p95 of the whole check, split into the candidate
 * query and the rest (domain), and as reference the same candidate searches run directly in SQL (ST_DWithin on the
 * GiST index, same distances, ids only) in the same run, with the ratios: on a shared machine absolute times mean
 * little, the check median ÷ that reference (`total / SQL`) compares runs. Target: median ≤ 20 ms at 1 000 000.
 *
 *   npm run bench:check-store                         # 100 000 and 1 000 000
 *   BENCH_SIZES=100000 npm run bench:check-store      # shorter
 *   DATABASE_URL=postgres://… npm run bench:check-store   # PostgreSQL side by side (schema bench_check, dropped after)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Geometry } from 'geojson';
import { runCheck } from '../../server/app/run-check.ts';
import type { LayerName } from '../../server/domain/assets/layers.ts';
import { candidateSearchDistances } from '../../server/domain/check/search-distances.ts';
import { validateTrench } from '../../server/domain/check/trench.validation.ts';
import { readRuleSetFile } from '../../server/rules-file.ts';
import { FeatureStore } from '../../server/store/feature-store.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { cityBatches, cityRoutes, citySide } from './check-city.ts';
import { median, percentile, printTable } from './stats.ts';

const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
for (const n of SIZES) if (!Number.isInteger(n) || n < 1_000) throw new Error(`BENCH_SIZES holds ${JSON.stringify(process.env.BENCH_SIZES)}; give whole numbers ≥ 1000, comma-separated`);
const ROUTES = 12;
const ROUNDS = 3;
const WARMUP = 4;
const rules = readRuleSetFile('data/rules/nl-default.json');

interface Timing { total: number; candidates: number; domain: number; direct: number }

/** Bulk load: no GiST index while loading (one build afterwards is far cheaper), rows as unnest arrays in one transaction. */
async function load(store: Store, n: number): Promise<{ ms: number; generateMs: number }> {
  const start = performance.now();
  let generateMs = 0;
  await store.sql.query('DROP INDEX IF EXISTS features_geom_idx');
  await store.transaction(async (tx) => {
    let t = performance.now();
    for (const rows of cityBatches(n)) {
      generateMs += performance.now() - t;
      await tx.sql.query(
        `INSERT INTO features (layer, id, owner, status, properties, geom)
         SELECT l, i, o, s, p::jsonb, ST_GeomFromText(w, 28992)
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(l, i, o, s, p, w)`,
        [rows.map((r) => r.layer), rows.map((r) => r.id), rows.map((r) => r.owner), rows.map((r) => r.status), rows.map((r) => r.properties), rows.map((r) => r.wkt)],
      );
      t = performance.now();
    }
  });
  await store.sql.query('CREATE INDEX features_geom_idx ON features USING gist (geom)');
  await store.sql.query('ANALYZE features');
  return { ms: performance.now() - start, generateMs };
}

/** A FeatureStore that times its candidate searches. */
function timedFeatures(store: Store, spent: { ms: number; rows: number }): Pick<Store, 'features' | 'coverage'> {
  const features = new FeatureStore(store.sql);
  const inner = features.candidatesPerLayer.bind(features);
  features.candidatesPerLayer = async (...args) => {
    const t = performance.now();
    const rows = await inner(...args);
    spent.ms += performance.now() - t;
    spent.rows += rows.length;
    return rows;
  };
  return { features, coverage: store.coverage };
}

/** The reference: the same searches as the plain PostGIS query (ST_DWithin of the whole trench, one per distance), ids only. */
async function direct(store: Store, geometry: Geometry, distances: Record<string, number>): Promise<number> {
  const byDistance = new Map<number, LayerName[]>();
  for (const [layer, d] of Object.entries(distances)) byDistance.set(d, [...(byDistance.get(d) ?? []), layer as LayerName]);
  let rows = 0;
  for (const [d, layers] of byDistance) {
    const r = await store.sql.query('SELECT id FROM features WHERE layer = ANY($3::text[]) AND ST_DWithin(geom, ST_GeomFromText($1, 28992), $2)', [wkt(geometry), d, layers]);
    rows += r.length;
  }
  return rows;
}

const wkt = (g: Geometry) => (g.type === 'LineString' ? `LINESTRING(${g.coordinates.map((p) => p.join(' ')).join(',')})` : '');

async function measure(store: Store, n: number) {
  const routes = cityRoutes(n, ROUTES);
  const timings: Timing[] = [];
  let conflicts = 0, candidates = 0, directRows = 0;
  const features = [...routes.slice(0, WARMUP), ...Array.from({ length: ROUNDS }, () => routes).flat()];
  for (const [k, geometry] of features.entries()) {
    const feature = { type: 'Feature', geometry, properties: { kind: 'heat', width_m: 0.8, depth_m: 1.0 } };
    const spent = { ms: 0, rows: 0 };
    const t = performance.now();
    const result = await runCheck(timedFeatures(store, spent), rules, feature, 'EPSG:28992');
    const total = performance.now() - t;
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const v = validateTrench(feature, 'EPSG:28992');
    if (!v.valid) throw new Error('unreachable');
    const td = performance.now();
    const rows = await direct(store, geometry, candidateSearchDistances(v.trench, rules));
    const directMs = performance.now() - td;
    if (k < WARMUP) continue;
    timings.push({ total, candidates: spent.ms, domain: total - spent.ms, direct: directMs });
    conflicts += result.report.summary.total;
    candidates += spent.rows;
    directRows += rows;
  }
  const runs = timings.length;
  const col = (f: (t: Timing) => number) => timings.map(f);
  return {
    total: col((t) => t.total), candidates: col((t) => t.candidates), domain: col((t) => t.domain), direct: col((t) => t.direct),
    perRoute: { candidates: candidates / runs, conflicts: conflicts / runs, directRows: directRows / runs },
  };
}

async function run(kind: 'PGlite' | 'PostgreSQL', n: number, open: () => Promise<Store>, cleanup: (s: Store) => Promise<void>) {
  const store = await open();
  try {
    const loaded = await load(store, n);
    const m = await measure(store, n);
    return { kind, n, loaded, ...m };
  } finally {
    await cleanup(store);
  }
}

const results: Awaited<ReturnType<typeof run>>[] = [];
for (const n of SIZES) {
  const side = (citySide(n) / 1000).toFixed(1);
  console.error(`${n} assets (${side} × ${side} km): generating and loading …`);
  const dir = mkdtempSync(join(tmpdir(), 'ondergrond-check-bench-'));
  try {
    results.push(await run('PGlite', n, () => openStore({ dataDir: join(dir, 'store') }), (s) => s.close()));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.DATABASE_URL) {
    const url = process.env.DATABASE_URL;
    results.push(await run('PostgreSQL', n, () => openStore({ databaseUrl: url, schema: 'bench_check' }), async (s) => {
      await s.sql.query('DROP SCHEMA bench_check CASCADE');
      await s.close();
    }));
  }
}

const f = (v: number) => v.toFixed(1);
console.log(`\nrunCheck of a 1 km heat route (0.8 m wide), ${ROUTES} seeded routes × ${ROUNDS} rounds after ${WARMUP} warm-up; street-grid city; times in ms\n`);
printTable(
  ['store', 'assets', 'load s', 'total med', 'total p95', 'cand med', 'cand p95', 'direct SQL med', 'cand / SQL', 'total / SQL', 'domain med', 'domain p95', 'candidates', 'conflicts'],
  results.map((r) => [
    r.kind, String(r.n), (r.loaded.ms / 1000).toFixed(1), f(median(r.total)), f(percentile(r.total, 95)), f(median(r.candidates)), f(percentile(r.candidates, 95)),
    f(median(r.direct)), (median(r.candidates) / median(r.direct)).toFixed(2), (median(r.total) / median(r.direct)).toFixed(2), f(median(r.domain)), f(percentile(r.domain, 95)),
    r.perRoute.candidates.toFixed(0), r.perRoute.conflicts.toFixed(0),
  ]),
);
console.log(`\nload s: generation (${results.map((r) => (r.loaded.generateMs / 1000).toFixed(1)).join(' / ')} s of it) + INSERT … unnest in one transaction + GiST build + ANALYZE. Target: total median ≤ 20 ms at 1 000 000.`);
