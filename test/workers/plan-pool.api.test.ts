import type { Geometry } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plannable } from '../../server/app/compute-plan.ts';
import { seeded } from '../../server/demo/seeded.ts';
import { dateOf, dayOf } from '../../server/domain/plan/dates.ts';
import { WORK_TYPES } from '../../server/domain/plan/plan.types.ts';
import { planProgramme } from '../../server/domain/plan/plan.ts';
import { segmentsFromStreets } from '../../server/domain/streets/street-segments.ts';
import { closeWorkPool, configureWorkPool } from '../../server/workers/run-job.ts';
import { healthWhile } from '../support/health-while.ts';
import { serverForFile, TEST_APP_OPTIONS } from '../support/http.ts';
import { storeKinds } from '../support/store.ts';

// A plan of 2 000 works through the HTTP API, computed in the worker pool: the event loop keeps answering, a plan
// over its time limit is refused with 503 and the server goes on, and the pooled plan equals the inline one.
// The programme is the plan bench's (scripts/bench/plan.bench.ts): a seeded 20 × 20 street grid, coupleable works.
const kind = storeKinds().includes('postgres') ? 'postgres' : 'pglite';
const { store, server } = await serverForFile(kind);
afterAll(closeWorkPool);

const OPTIONS = { horizonStart: '2026-01-01', moratoriumYears: 3, separateNeighbours: false };
const X0 = 100_000, Y0 = 440_000;

/** The bench's grid: `n × n` blocks of 80–200 m, every street split at each crossing into one segment. */
function grid(n: number, seed = 3) {
  const random = seeded(seed);
  const xs = [0], ys = [0];
  for (let i = 0; i < n; i++) xs.push(xs.at(-1)! + 80 + random() * 120), ys.push(ys.at(-1)! + 80 + random() * 120);
  const streets: { id: string; name: string; a: number[]; b: number[]; households: number }[] = [];
  ys.forEach((y, j) => xs.slice(1).forEach((x, i) => streets.push({ id: `ew${j}-${i}`, name: `Oost-Weststraat ${j}`, a: [xs[i]!, y], b: [x, y], households: 10 + Math.floor(random() * 60) })));
  xs.forEach((x, i) => ys.slice(1).forEach((y, j) => streets.push({ id: `ns${i}-${j}`, name: `Noord-Zuidstraat ${i}`, a: [x, ys[j]!], b: [x, y], households: 10 + Math.floor(random() * 60) })));
  return streets.map((s) => ({
    type: 'Feature' as const,
    id: s.id,
    geometry: { type: 'LineString' as const, coordinates: [[X0 + s.a[0]!, Y0 + s.a[1]!], [X0 + s.b[0]!, Y0 + s.b[1]!]] },
    properties: { owner: 'Gemeente Rotterdam', status: 'existing' as const, version: 1, segment_id: s.id, name: s.name, households: s.households, width_m: 14 },
  }));
}

/** The bench's coupleable programme: each segment's works share a target year, windows of 1–2 years around it. */
function programme(streets: ReturnType<typeof grid>, count: number, seed: number) {
  const random = seeded(seed);
  const start = dayOf('2026-03-01');
  const target = streets.map(() => start + 200 + Math.floor(random() * 1000));
  const used = Math.max(1, Math.round(count / 5));
  return Array.from({ length: count }, (_, k) => {
    const s = Math.floor(random() * Math.min(used, streets.length));
    const [[ax, ay], [bx, by]] = streets[s]!.geometry.coordinates as [[number, number], [number, number]];
    const t = 5 / Math.hypot(bx - ax, by - ay);
    const geometry: Geometry = { type: 'LineString', coordinates: [[ax + t * (bx - ax), ay + t * (by - ay) + 1], [bx - t * (bx - ax), by - t * (by - ay) + 1]] };
    const type = WORK_TYPES[Math.floor(random() * (WORK_TYPES.length - 1))]!;
    const earliest = target[s]! - 120 - Math.floor(random() * 240);
    const span = 360 + Math.floor(random() * 360);
    return {
      type: 'Feature' as const,
      id: `w${k}`,
      geometry,
      properties: { type, owner: 'Gemeente Rotterdam', version: 1, duration_days: 3 + Math.floor(random() * 20), earliest_start: dateOf(earliest), latest_end: dateOf(earliest + span), preferred_start: dateOf(earliest + Math.floor(random() * span * 0.4)) },
    };
  });
}

beforeAll(async () => {
  const streets = grid(20);
  await store.features.insert('streets', streets);
  for (const work of programme(streets, 2_000, 2_000)) await store.works.create(work);
  configureWorkPool({ size: 1, queue: 2, warm: true });
}, 120_000);

const plan = () => server.call('/api/plans?crs=EPSG:28992', 'POST', { options: OPTIONS });

describe('a plan of 2 000 works in the worker pool', () => {
  it('answers /api/health within a second while the plan is computed, and the plan equals the inline one', async () => {
    const { value, answers, inWorker } = await healthWhile(server, plan());
    expect(value.status).toBe(201);
    // The health check was asked during the plan, more than once, and never waited a second.
    // The work left the event loop (inline, a health answer could still slip in before or after it).
    expect(inWorker).toBe(true);
    expect(answers.length).toBeGreaterThan(2);
    expect(Math.max(...answers)).toBeLessThan(1_000);

    const inline = planProgramme(plannable(await store.works.list()), segmentsFromStreets(await store.features.inBbox('streets', undefined)), value.body.options, TEST_APP_OPTIONS.planningRules);
    expect(value.body.plan.metrics).toEqual(inline.metrics);
    expect(value.body.plan.openings.length).toBe(inline.openings.length);
    expect(inline.metrics.openings).toBeGreaterThan(0);
  }, 120_000);

  it('when a plan passes its time limit, answers 503 naming the limit, and serves the next request', async () => {
    configureWorkPool({ size: 1, queue: 2, planTimeoutMs: 100, warm: true });
    const refused = await plan();
    expect(refused.status).toBe(503);
    expect(refused.body.reason).toBe('timeout');
    expect(refused.body.detail).toContain('the plan took longer than the limit of 0.1 s');
    expect((await server.call('/api/health')).status).toBe(200);
    expect((await server.call('/api/works')).status).toBe(200);
    // The replaced worker takes the next plan.
    configureWorkPool({ size: 1, queue: 2, warm: true });
    expect((await plan()).status).toBe(201);
  }, 120_000);

  it('runs the flexibility series in the pool beside the plan, its first step the plan itself, while health keeps answering', async () => {
    const asked = server.call('/api/plans?crs=EPSG:28992', 'POST', { options: { ...OPTIONS, flexibility: { series: [0, 3] } } });
    const { value, answers, inWorker } = await healthWhile(server, asked);
    expect(value.status).toBe(201);
    expect(inWorker).toBe(true);
    expect(Math.max(...answers)).toBeLessThan(1_000);
    const { metrics, flexibility } = value.body.plan;
    expect(flexibility.series.map((s: { months: number }) => s.months)).toEqual([0, 3]);
    expect(flexibility.series[0]).toMatchObject({ openings: metrics.openings, householdDays: metrics.householdDays, worksOutsideWindow: 0 });
    expect(flexibility.series[1].openings).toBeLessThanOrEqual(metrics.openings);
  }, 120_000);
});

