/**
 * Planner benchmark: seeded programmes of 50, 500 and 2 000 works over a generated street grid and over the real
 * Terbregge road segments (../shared/realdata), reporting openings against the proven lower bound (and the segment
 * count, the weakest bound) and the uncoordinated baseline, disruption days saved and run time (median of several
 * runs); the exact method's status and time at 50 and 200 works; the flexibility series on Terbregge 2 000; and
 * the proven bound beside an independent time-indexed MILP (HiGHS) on small seeded programmes.
 *
 *   npx tsx scripts/bench/plan.bench.ts [--runs 5]
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Feature, Geometry } from 'geojson';
import { seeded } from '../../server/demo/seeded.ts';
import { dateOf, dayOf } from '../../server/domain/plan/dates.ts';
import { assignWorks } from '../../server/domain/plan/assign.ts';
import { buildModel } from '../../server/domain/plan/model.ts';
import { exactProgramme, loadSolver, optimalityGap, solveExact } from '../../server/domain/plan/exact.ts';
import { SERIES_MONTHS, flexibilitySeries } from '../../server/domain/plan/flexibility-series.ts';
import { planProgramme } from '../../server/domain/plan/plan.ts';
import { readPlanningRulesFile } from '../../server/rules-file.ts';
import { type Segment, WORK_TYPES, type Work } from '../../server/domain/plan/plan.types.ts';
import { segmentsFromStreets } from '../../server/domain/streets/street-segments.ts';
import { importRoadSegments } from '../../server/imports/road-segments.ts';
import { median, printTable } from './stats.ts';

const RULES = readPlanningRulesFile('data/rules/planning.json');

const flag = process.argv.indexOf('--runs');
const RUNS = flag > 0 ? Number(process.argv[flag + 1]) : 5;
const OPTIONS = { horizonStart: '2026-01-01', moratoriumYears: 3, separateNeighbours: false };
const REALDATA = process.env.ONDERGROND_REALDATA ?? path.resolve(import.meta.dirname, '../../../shared/realdata');

/** A grid of `n × n` blocks of 80–200 m; every street split at each crossing into one segment. */
function grid(n: number, seed = 3): Segment[] {
  const random = seeded(seed);
  const xs = [0];
  const ys = [0];
  for (let i = 0; i < n; i++) xs.push(xs.at(-1)! + 80 + random() * 120), ys.push(ys.at(-1)! + 80 + random() * 120);
  const segments: Segment[] = [];
  const add = (id: string, street: string, a: number[], b: number[]) =>
    segments.push({ id, street, geometry: { type: 'LineString', coordinates: [[100_000 + a[0]!, 440_000 + a[1]!], [100_000 + b[0]!, 440_000 + b[1]!]] }, length_m: Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!), households: 10 + Math.floor(random() * 60), width_m: 14 });
  ys.forEach((y, j) => xs.slice(1).forEach((x, i) => add(`ew${j}-${i}`, `Oost-Weststraat ${j}`, [xs[i]!, y], [x, y])));
  xs.forEach((x, i) => ys.slice(1).forEach((y, j) => add(`ns${i}-${j}`, `Noord-Zuidstraat ${i}`, [x, ys[j]!], [x, y])));
  return segments;
}

/**
 * `count` works on seeded segments. `coupleable`: each segment's works share a target year with windows of 1–2
 * years around it, as coordinated programmes do (IWA WST 2024: ±5-year windows make most works coupling
 * candidates); otherwise windows of 2–12 months anywhere in four years.
 */
function programme(segments: Segment[], count: number, coupleable: boolean, seed: number): Work[] {
  const random = seeded(seed);
  const start = dayOf('2026-03-01');
  const target = segments.map(() => start + 200 + Math.floor(random() * 1000));
  const used = Math.max(1, Math.round(count / 5));
  return Array.from({ length: count }, (_, k) => {
    const s = Math.floor(random() * Math.min(used, segments.length));
    const seg = segments[s]!;
    const type = WORK_TYPES[Math.floor(random() * (WORK_TYPES.length - 1))]!;
    const [earliest, span] = coupleable
      ? [target[s]! - 120 - Math.floor(random() * 240), 360 + Math.floor(random() * 360)]
      : [start + Math.floor(random() * 1400), 60 + Math.floor(random() * 300)];
    return {
      type: 'Feature',
      id: `w${k}`,
      geometry: along(seg),
      properties: { type, owner: 'bench', duration_days: 3 + Math.floor(random() * 20), earliest_start: dateOf(earliest), latest_end: dateOf(earliest + span), preferred_start: dateOf(earliest + Math.floor(random() * span * 0.4)) },
    };
  });
}

/** A trench along a segment: its centreline minus 5 m at both ends, or the largest part of a polygon street. */
function along(seg: Segment): Geometry {
  const g = seg.geometry;
  if (g.type === 'LineString') {
    const [ax, ay] = g.coordinates[0] as [number, number];
    const [bx, by] = g.coordinates.at(-1) as [number, number];
    const len = Math.hypot(bx! - ax!, by! - ay!);
    const t = 5 / len;
    return { type: 'LineString', coordinates: [[ax! + t * (bx! - ax!), ay! + t * (by! - ay!) + 1], [bx! - t * (bx! - ax!), by! - t * (by! - ay!) + 1]] };
  }
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return { type: 'Polygon', coordinates: polygons.reduce((a, b) => (b[0]!.length > a[0]!.length ? b : a)) };
}

const SOLVER = await loadSolver();

function run(label: string, works: Work[], segments: Segment[], options = OPTIONS) {
  const times: number[] = [];
  let plan = planProgramme(works, segments, options, RULES, { solver: SOLVER });
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    plan = planProgramme(works, segments, options, RULES, { solver: SOLVER });
    times.push(performance.now() - t0);
  }
  const m = plan.metrics;
  return [label, String(works.length), String(m.openings), String(m.lowerBound), `${m.gap_pct} %`, String(m.segmentsWithWork), String(m.baselineOpenings), `${(100 * (1 - m.openings / m.baselineOpenings)).toFixed(0)} %`,
    `${Math.round(m.disruptionDaysSaved)} (${(100 * m.disruptionDaysSaved / m.baselineDisruptionDays).toFixed(0)} %)`, String(m.windowViolations), String(plan.infeasible.length), median(times).toFixed(0)];
}

const rows: string[][] = [];
const streets = grid(20);
for (const n of [50, 500, 2_000]) {
  rows.push(run(`grid, coupleable`, programme(streets, n, true, n), streets));
  rows.push(run(`grid, mixed windows`, programme(streets, n, false, n + 1), streets));
}
rows.push(run('grid, max 30 open', programme(streets, 2_000, true, 2_000), streets, { ...OPTIONS, maxOpenSegments: 30 } as typeof OPTIONS));

const terbregge = path.join(REALDATA, 'rotterdam', 'stratenpatroon_terbregge.geojson');
let terbreggeSegments: Segment[] | undefined;
if (existsSync(terbregge)) {
  const imported = await importRoadSegments(terbregge);
  if (!imported.ok) throw new Error(`Terbregge import failed: ${JSON.stringify(imported)}`);
  const segs = segmentsFromStreets(imported.assets.map((a) => a.asset as Feature<Geometry, Record<string, unknown>>));
  terbreggeSegments = segs;
  for (const n of [50, 500, 2_000]) rows.push(run(`Terbregge (${segs.length} segments), coupleable`, programme(segs, n, true, n), segs));
} else {
  console.log(`(no real data at ${terbregge}: Terbregge rows skipped)`);
}
console.log(`\nPlanner: median of ${RUNS} runs\n`);
printTable(['programme', 'works', 'openings', 'proven bound', 'gap', 'segments', 'baseline', 'fewer openings', 'disruption days saved', 'window viol.', 'infeasible', 'ms'], rows);

// The exact method at 50 and 200 works: each segment's proven minimum, placed; the time-indexed MILP only where a
// district-wide limit couples segments and the placement misses the bound.
const exactRows: string[][] = [];
const exactOn = async (label: string, works: Work[], segments: Segment[], options = OPTIONS) => {
  const exact = await exactProgramme(works, segments, options, RULES, { timeLimitSeconds: 60 });
  const plan = planProgramme(works, segments, options, RULES, { solver: SOLVER });
  exactRows.push([label, String(works.length), exact.status, exact.method, Number.isFinite(exact.openings) ? String(exact.openings) : '-', String(exact.lowerBound), Number.isFinite(exact.gap_pct) ? `${exact.gap_pct} %` : '-', exact.seconds.toFixed(2), String(plan.metrics.openings), `${plan.metrics.gap_pct} %`]);
};
for (const n of [50, 200]) {
  await exactOn('grid, coupleable', programme(streets, n, true, n), streets);
  await exactOn('grid, mixed windows', programme(streets, n, false, n + 1), streets);
  await exactOn('grid, max 5 open', programme(streets, n, true, n), streets, { ...OPTIONS, maxOpenSegments: 5 } as typeof OPTIONS);
  if (terbreggeSegments) await exactOn('Terbregge, coupleable', programme(terbreggeSegments, n, true, n), terbreggeSegments);
}
console.log('\nExact method (segment decomposition; time-indexed MILP where segments are coupled)\n');
printTable(['programme', 'works', 'status', 'method', 'openings', 'bound', 'gap', 's', 'heuristic', 'heuristic gap'], exactRows);

// What moving works would save: the what-if series on Terbregge 2 000 (coupleable and mixed windows). The real road
// segments carry no household counts, so each gets a seeded 10–70 here to make household-days readable.
if (terbreggeSegments) {
  const random = seeded(14);
  const withHouseholds = terbreggeSegments.map((s) => ({ ...s, households: 10 + Math.floor(random() * 61) }));
  for (const coupleable of [true, false]) {
    const works = programme(withHouseholds, 2_000, coupleable, coupleable ? 2_000 : 2_001);
    const t0 = performance.now();
    const series = flexibilitySeries(works, withHouseholds, OPTIONS, RULES, { months: SERIES_MONTHS }, { solver: SOLVER });
    const ms = performance.now() - t0;
    console.log(`\nFlexibility series, Terbregge 2 000 works, ${coupleable ? 'coupleable' : 'mixed windows'} (${(ms / 1000).toFixed(1)} s)\n`);
    printTable(['± months', 'openings', 'disruption days', 'household-days', 'works outside window', 'largest move (months)', 'parties'], series.series.map((step) => [
      String(step.months), String(step.openings), String(Math.round(step.disruptionDays)), String(Math.round(step.householdDays)), String(step.worksOutsideWindow), String(step.largestMonthsMoved), String(step.parties.length),
    ]));
    const best = series.opportunities.slice(0, 3).map((o) => `${o.street} (±${o.months}): ${o.openingsSaved} opening(s), ${Math.round(o.householdDaysSaved)} household-days saved, ${o.openingsSavedPerMonth.toFixed(2)} openings per month moved`);
    console.log(`\nBest coupling opportunities of ${series.opportunities.length}:\n  ${best.join('\n  ')}`);
  }
}

const gaps: string[][] = [];
let h = 0;
let e = 0;
for (let seed = 1; seed <= 10; seed++) {
  const segs = grid(2, seed).slice(0, 4);
  const works = programme(segs, 6 + (seed % 5), seed % 2 === 0, seed).map((w, k) => ({ ...w, id: `s${seed}-${k}` }));
  const options = seed % 3 === 0 ? { ...OPTIONS, maxOpenSegments: 1 } : OPTIONS;
  const plan = planProgramme(works, segs, options, RULES);
  const model = buildModel(works, segs, assignWorks(works, segs, RULES), options, RULES);
  const exact = await solveExact(model, options, { timeLimitSeconds: 20 });
  const gap = optimalityGap(plan, exact);
  if (exact.status === 'optimal' && !exact.restricted) (h += plan.metrics.openings), (e += exact.openings);
  gaps.push([String(seed), String(works.length), options === OPTIONS ? '-' : '1', String(plan.metrics.openings), String(plan.metrics.lowerBound), exact.status, String(exact.openings), Number.isFinite(gap.openings) ? `${(100 * gap.openings).toFixed(1)} %` : '-', exact.seconds.toFixed(2)]);
}
console.log('\nHeuristic vs the time-indexed MILP (an independent reference) on small seeded programmes\n');
printTable(['seed', 'works', 'max open', 'heuristic', 'proven bound', 'MILP status', 'exact', 'gap', 'exact s'], gaps);
console.log(`\nAggregate gap on the ${gaps.filter((g) => g[5] === 'optimal').length} solved programmes: ${e ? (100 * (h / e - 1)).toFixed(2) : '-'} %`);
