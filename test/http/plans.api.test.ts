import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../server/demo/load.ts';
import { WORK_TYPES } from '../../server/domain/plan/plan.types.ts';
import { serverForFile } from '../support/http.ts';

const { store, server } = await serverForFile('pglite');
beforeAll(async () => {
  await loadDemoIfEmpty(store);
});

describe('the plans API on the demo district', () => {
  it('loads the ten demo works with the district', async () => {
    expect((await server.call('/api/works')).body.works).toHaveLength(10);
  });

  it('computes a plan with fewer openings than the uncoordinated baseline, each opening in depth order', async () => {
    const { status, body } = await server.call('/api/plans?crs=EPSG:28992', 'POST', { options: { horizonStart: '2026-06-01' } });
    expect(status).toBe(201);
    expect(body.options).toEqual({ horizonStart: '2026-06-01', moratoriumYears: 3, separateNeighbours: false });
    const { plan } = body;
    expect(plan.metrics.openings).toBeLessThan(plan.metrics.baselineOpenings);
    expect(plan.metrics.openings).toBeGreaterThanOrEqual(plan.metrics.lowerBound);
    expect(plan.metrics.disruptionDaysSaved).toBeGreaterThan(0);
    expect(plan.unassigned).toEqual([]);
    for (const opening of plan.openings) {
      const ranks = opening.works.map((w: { type: (typeof WORK_TYPES)[number] }) => WORK_TYPES.indexOf(w.type));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(opening.geometry.coordinates[0][0]).toBeGreaterThan(80_000);
    }
    // Hudsonstraat's four works share one opening per segment.
    const hudson = plan.openings.filter((o: { street: string }) => o.street === 'Hudsonstraat');
    expect(hudson.map((o: { works: unknown[] }) => o.works.length)).toEqual([4, 4, 4]);
    expect(plan.openings.flatMap((o: { works: { explanation?: string }[] }) => o.works.map((w) => w.explanation)).filter(Boolean).length).toBeGreaterThan(0);
    expect(plan.couplingOpportunities.length).toBeGreaterThan(0);
  });

  it('answers the explanations in Dutch by default, in English on ?lang=en or Accept-Language, beside their codes', async () => {
    const posted = await server.call('/api/plans', 'POST', { options: { horizonStart: '2026-06-01' } });
    const moved = (plan: { openings: { works: { workId: string; explanation?: string; message?: { code: string } }[] }[] }) =>
      plan.openings.flatMap((o) => o.works).filter((w) => w.message);
    const nl = moved((await server.call(`/api/plans/${posted.body.id}`)).body.plan);
    const en = moved((await server.call(`/api/plans/${posted.body.id}?lang=en`)).body.plan);
    const accepted = moved((await server.call(`/api/plans/${posted.body.id}`, 'GET', undefined, { headers: { 'accept-language': 'en-GB,en;q=0.9' } })).body.plan);
    expect(nl.length).toBeGreaterThan(0);
    expect(en.map((w) => w.message)).toEqual(nl.map((w) => w.message));
    expect(nl[0]!.message!.code).toMatch(/^plan\.shift\./);
    expect(nl[0]!.explanation).toMatch(/ op .* is .*(naar voren gehaald|uitgesteld)/);
    expect(en[0]!.explanation).toMatch(/ on .* moved .* (earlier|later)/);
    expect(accepted.map((w) => w.explanation)).toEqual(en.map((w) => w.explanation));
  });

  it('reads a stored plan back, with opening geometry in WGS84 by default', async () => {
    const posted = await server.call('/api/plans', 'POST', {});
    expect(posted.status).toBe(201);
    const back = await server.call(`/api/plans/${posted.body.id}`);
    expect(back.status).toBe(200);
    expect(back.body.id).toBe(posted.body.id);
    expect(back.body.plan.metrics).toEqual(posted.body.plan.metrics);
    expect(back.body.plan.openings[0].geometry.coordinates[0][0]).toBeCloseTo(4.43, 1);
  });

  it('lists stored plans newest first with their metrics, without their openings', async () => {
    const posted = await server.call('/api/plans', 'POST', {});
    const { status, body } = await server.call('/api/plans?limit=1');
    expect(status).toBe(200);
    expect(body.plans).toHaveLength(1);
    expect(body.plans[0]).toMatchObject({ id: posted.body.id, metrics: posted.body.plan.metrics });
    expect(body.plans[0].plan).toBeUndefined();
    expect((await server.call('/api/plans?limit=0')).status).toBe(400);
  });

  it('answers 404 for an unknown plan and 400 for bad options', async () => {
    expect((await server.call('/api/plans/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    const bad = await server.call('/api/plans', 'POST', { options: { maxOpenSegments: 0, colour: 'red' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual(expect.arrayContaining([
      { field: 'options.maxOpenSegments', code: 'validation.too-small', params: { value: '0', minimum: 1 }, reason: '0 is kleiner dan het minimum 1' },
      { field: 'options', code: 'validation.unknown-keys', params: { keys: ['colour'] }, reason: 'onbekende velden: colour' },
    ]));
    expect(bad.body.detail).toContain('options.maxOpenSegments: 0 is kleiner dan het minimum 1');
  });

  it('plans with blackouts, a district limit, a dependency and a diversion as options, and answers 400 naming unknown ids and a cycle', async () => {
    const constraints = {
      blackouts: [{ id: 'bouwvak', from: '07-20', to: '08-09', yearly: true, reason: 'plan.blackout.bouwvak' }],
      maxOpenPerDistrict: { 'Bospolder-Tussendijken': 2 },
      dependencies: [{ before: 'work-heat-hudsonstraat', after: 'work-heat-jan-kobellstraat', gapDays: 120 }],
      diversions: [{ segment: 'hudsonstraat-1', via: 'schippersstraat-1' }],
    };
    const { status, body } = await server.call('/api/plans', 'POST', { options: { horizonStart: '2026-06-01', ...constraints } });
    expect(status).toBe(201);
    expect(body.options).toEqual({ horizonStart: '2026-06-01', moratoriumYears: 3, separateNeighbours: false, ...constraints });
    type Opened = { segmentId: string; start: string; end: string; works: { workId: string; start: string; end: string }[] };
    const openings: Opened[] = body.plan.openings;
    const works = openings.flatMap((o) => o.works);
    const main = works.filter((w) => w.workId === 'work-heat-hudsonstraat').map((w) => w.end).sort().at(-1)!;
    const branch = works.filter((w) => w.workId === 'work-heat-jan-kobellstraat').map((w) => w.start).sort()[0]!;
    expect(Date.parse(branch) - Date.parse(main)).toBeGreaterThan(120 * 86_400_000);
    // Its own preferred start (1 May 2027) is too soon: it says it waits for the main.
    const waiting = openings.flatMap((o) => o.works as { workId: string; message?: { params: { because?: { code: string } } } }[]).find((w) => w.workId === 'work-heat-jan-kobellstraat');
    expect(waiting!.message!.params.because!.code).toBe('plan.because.dependency');
    for (const o of openings) {
      expect(o.start.slice(5) > '08-09' || o.end.slice(5) < '07-20' || o.start.slice(0, 4) !== o.end.slice(0, 4)).toBe(true);
      const together = openings.filter((p) => p.start <= o.start && o.start <= p.end);
      expect(together.length).toBeLessThanOrEqual(2);
    }
    const bad = await server.call('/api/plans?lang=en', 'POST', { options: { dependencies: [{ before: 'work-heat-hudsonstraat', after: 'work-ghost' }], diversions: [{ segment: 'hudsonstraat-1', via: 'nowhere-9' }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ field: 'options.dependencies.0.after', code: 'validation.plan.unknown-work', reason: 'work "work-ghost" does not exist; name the id of a stored work' }),
      expect.objectContaining({ field: 'options.diversions.0.via', code: 'validation.plan.unknown-segment' }),
    ]);
    const cycle = await server.call('/api/plans', 'POST', { options: { dependencies: [{ before: 'a', after: 'b' }, { before: 'b', after: 'a' }] } });
    expect(cycle.status).toBe(400);
    expect(cycle.body.errors[0]).toMatchObject({ field: 'options.dependencies', code: 'validation.plan.dependency-cycle' });
    expect(cycle.body.errors[0].reason).toContain('(a → b → a)');
  });

  it('lets only a role with plans:compute compute a plan', async () => {
    const viewer = await server.tokenFor('Evides', 'viewer', 'water-company');
    expect((await server.call('/api/plans', 'POST', {}, { token: viewer })).status).toBe(403);
  });
});
