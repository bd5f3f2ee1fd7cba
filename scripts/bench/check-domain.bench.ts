/**
 * Latency of the pure check (checkTrench) for a 1 km route against 500 and 5 000 seeded candidates in its corridor,
 * as the store hands them over; reference: one exact planar distance per candidate (the least any check must do),
 * measured in the same process. Prints median and p95.
 *
 *   npm run bench:check
 */
import type { Geometry, Position } from 'geojson';
import type { LayeredAsset, LayerName } from '../../server/domain/assets/layers.ts';
import { checkTrench } from '../../server/domain/check/check-trench.ts';
import { shapeDistance, shapeOf } from '../../server/geo/planar.ts';
import { validateTrench } from '../../server/domain/check/trench.validation.ts';
import { demoDistrict } from '../../server/demo/district.ts';
import { seeded } from '../../server/demo/seeded.ts';
import { readRuleSetFile } from '../../server/rules-file.ts';
import { median, percentile, printTable } from './stats.ts';

const rules = readRuleSetFile('data/rules/nl-default.json');
const RUNS = 30;

function route(random: () => number): Position[] {
  const out: Position[] = [[150_000, 450_000]];
  let heading = 0;
  for (let i = 0; i < 20; i++) {
    heading += (random() - 0.5) * 0.6;
    const [x, y] = out.at(-1)! as [number, number];
    out.push([x + Math.cos(heading) * 50, y + Math.sin(heading) * 50]);
  }
  return out;
}

function corridorAssets(random: () => number, line: Position[], n: number): LayeredAsset[] {
  const layers: LayerName[] = ['cables', 'cables', 'pipes', 'pipes', 'sewers', 'heat', 'trees', 'trees', 'stations'];
  const assets: LayeredAsset[] = [];
  for (let i = 0; i < n; i++) {
    const seg = Math.floor(random() * (line.length - 1));
    const [a, b] = [line[seg]!, line[seg + 1]!];
    const t = random();
    const [dx, dy] = [b[0]! - a[0]!, b[1]! - a[1]!];
    const len = Math.hypot(dx, dy);
    const off = (random() - 0.5) * 40;
    const x = a[0]! + dx * t - (dy / len) * off, y = a[1]! + dy * t + (dx / len) * off;
    const layer = layers[i % layers.length]!;
    const angle = random() < 0.7 ? Math.atan2(dy, dx) : random() * Math.PI;
    const l = 5 + random() * 60;
    const geometry: Geometry = layer === 'trees' ? { type: 'Point', coordinates: [x, y] }
      : layer === 'stations' ? { type: 'Polygon', coordinates: [[[x, y], [x + 3, y], [x + 3, y + 2.4], [x, y + 2.4], [x, y]]] }
      : { type: 'LineString', coordinates: [[x, y], [x + Math.cos(angle) * l, y + Math.sin(angle) * l]] };
    assets.push({
      type: 'Feature', id: `a${i}`, layer, geometry,
      properties: {
        owner: `owner-${i % 7}`, status: random() < 0.05 ? 'abandoned' : 'existing', version: 1,
        network: 'lv', medium: random() < 0.5 ? 'water' : 'gas-lp', system: 'gravity', type: 'electric-substation',
        diameter_mm: 50 + Math.round(random() * 400), ...(random() < 0.8 ? { depth_m: 0.5 + random() * 2 } : {}),
        stem_diameter_cm: 20 + Math.round(random() * 80), crown_diameter_m: 3 + random() * 10, protected: random() < 0.2,
      },
    });
  }
  return assets;
}

const rows: string[][] = [];
for (const n of [500, 5_000]) {
  const random = seeded(1_000 + n);
  const line = route(random);
  const v = validateTrench({ type: 'Feature', geometry: { type: 'LineString', coordinates: line }, properties: { kind: 'heat', width_m: 0.8, depth_m: 1.0 } }, 'EPSG:28992');
  if (!v.valid) throw new Error(JSON.stringify(v.errors));
  const assets = corridorAssets(random, line, n);
  const trenchShape = shapeOf(v.trench.geometry);
  const check: number[] = [];
  const reference: number[] = [];
  let conflicts = 0;
  for (let r = 0; r < RUNS + 3; r++) {
    let t = performance.now();
    const report = checkTrench(v.trench, assets, rules);
    const checkMs = performance.now() - t;
    t = performance.now();
    let sink = 0;
    for (const a of assets) sink += shapeDistance(trenchShape, shapeOf(a.geometry)).distance;
    const refMs = performance.now() - t;
    if (r < 3 || !Number.isFinite(sink)) continue; // warm-up
    check.push(checkMs);
    reference.push(refMs);
    conflicts = report.summary.total;
  }
  const f = (x: number) => x.toFixed(1);
  rows.push([String(n), f(median(check)), f(percentile(check, 95)), f(median(reference)), (median(check) / median(reference)).toFixed(1), String(conflicts)]);
}
console.log(`checkTrench, 1 km heat route (20 segments), ${RUNS} runs after 3 warm-up, ms`);
printTable(['candidates', 'median', 'p95', 'ref median', 'ratio', 'conflicts'], rows);

// Issue 12 item 5: zig-zag trenches across the demo district, each zig ±200 m so it crosses every long asset in its
// way and the report grows with vertices × assets. Before the fix doubling the vertices took ~9 times as long (crossings
// and stretches were matched by scanning all of them); now the cost grows with the report. One run each: these are
// the hostile cases, not the common one. Larger zig-zags are refused by the centreline bound (5 000 by default).
const district = demoDistrict();
const demoAssets: LayeredAsset[] = Object.entries(district.layers).flatMap(([layer, list]) => list.map((a) => ({ ...a, layer: layer as LayerName })));
const zigRows: string[][] = [];
for (const n of [1_000, 2_000, 4_000]) {
  const coords: Position[] = Array.from({ length: n }, (_, i) => [89_240 + (570 * i) / n, 435_960 + (i % 2 ? 200 : -200)]);
  const v = validateTrench({ type: 'Feature', geometry: { type: 'LineString', coordinates: coords }, properties: { kind: 'heat', width_m: 0.8, depth_m: 1.0 } }, 'EPSG:28992', { vertexLimits: { trenchLine: n } });
  if (!v.valid) throw new Error(JSON.stringify(v.errors));
  const t = performance.now();
  const report = checkTrench(v.trench, demoAssets, rules);
  const ms = performance.now() - t;
  zigRows.push([String(n), ms.toFixed(0), (ms / n).toFixed(3), String(report.summary.total)]);
}
console.log(`\ncheckTrench, zig-zag ±200 m across the demo district (${demoAssets.length} assets), one run, ms`);
printTable(['vertices', 'ms', 'ms per vertex', 'conflicts'], zigRows);
