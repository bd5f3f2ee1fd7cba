import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../server/demo/load.ts';
import { serverForFile } from '../support/http.ts';

const { store, server } = await serverForFile('pglite');
beforeAll(async () => {
  await loadDemoIfEmpty(store);
});

interface Step { months: number; openings: number; disruptionDays: number; householdDays: number; worksOutsideWindow: number; largestMonthsMoved: number; totalMonthsMoved: number; parties: string[] }

describe('the plans API with flexibility on the demo district', () => {
  it('answers the what-if series and the ranked opportunities beside the plan, its first step today\'s plan, sentences in the reader\'s language', async () => {
    const today = await server.call('/api/plans', 'POST', { options: { horizonStart: '2026-06-01' } });
    const { status, body } = await server.call('/api/plans?lang=en', 'POST', { options: { horizonStart: '2026-06-01', flexibility: { series: true } } });
    expect(status).toBe(201);
    expect(body.options.flexibility).toEqual({ series: [0, 3, 6, 12, 24, 60] });
    const { flexibility, metrics } = body.plan;
    expect(flexibility.series.map((s: Step) => s.months)).toEqual([0, 3, 6, 12, 24, 60]);
    expect(flexibility.series[0]).toEqual({
      months: 0, openings: today.body.plan.metrics.openings, disruptionDays: today.body.plan.metrics.disruptionDays, householdDays: today.body.plan.metrics.householdDays,
      worksOutsideWindow: 0, largestMonthsMoved: 0, totalMonthsMoved: 0, parties: [],
    });
    expect(metrics).toEqual(today.body.plan.metrics);
    expect(metrics.householdDays).toBeGreaterThan(0);
    expect(typeof flexibility.segmentsWithoutHouseholds).toBe('number');
    for (const s of flexibility.series as Step[]) expect(s.openings).toBeLessThanOrEqual(flexibility.series[0].openings);
    for (const o of flexibility.opportunities) {
      expect(o.message.code).toMatch(/^plan\.flexibility\.opportunity/);
      expect(o.explanation).toMatch(/ instead of \d+ openings with ± \d+ months of flexibility/);
    }
    // Stored with the plan, so a read-back (and every export) sees the same series.
    const back = await server.call(`/api/plans/${body.id}`);
    expect(back.body.plan.flexibility.series).toEqual(flexibility.series);
    expect(back.body.plan.flexibility.opportunities.map((o: { explanation: string }) => o.explanation).every((e: string) => / in plaats van /.test(e))).toBe(true);
  });

  it('with months computes the plan itself on relaxed windows: a work outside its window says how far and why', async () => {
    const { status, body } = await server.call('/api/plans?lang=en', 'POST', { options: { horizonStart: '2026-06-01', flexibility: { months: 60 } } });
    expect(status).toBe(201);
    expect(body.plan.flexibility).toBeUndefined();
    const outside = body.plan.openings.flatMap((o: { works: { outsideWindow_days?: number; explanation?: string; message?: { code: string } }[] }) => o.works).filter((w: { outsideWindow_days?: number }) => w.outsideWindow_days);
    for (const w of outside) {
      expect(w.message.code).toMatch(/^plan\.shift\.flexibility/);
      expect(w.explanation).toMatch(/(starts|ends) .* (earlier|later) than the window of .* allows/);
    }
  });

  it('answers 400 naming the field for bad flexibility', async () => {
    const bad = await server.call('/api/plans', 'POST', { options: { flexibility: { months: 61, parties: 'Stedin', series: [3, -1], extra: 1 } } });
    expect(bad.status).toBe(400);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['options.flexibility.months', 'options.flexibility.parties', 'options.flexibility', 'options.flexibility.series.1']));
    expect(bad.body.errors.find((e: { field: string }) => e.field === 'options.flexibility.months')).toMatchObject({ code: 'validation.too-big' });
    expect((await server.call('/api/plans', 'POST', { options: { flexibility: { months: 2.5 } } })).status).toBe(400);
    expect((await server.call('/api/plans', 'POST', { options: { flexibility: { series: [] } } })).status).toBe(400);
  });

  it('answers 400 for flexibility of a party that owns no work in the district, rather than a plan that relaxed nothing', async () => {
    const bad = await server.call('/api/plans?lang=en', 'POST', { options: { flexibility: { months: 6, parties: ['Kpn'] } } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'options.flexibility.parties.0', code: 'validation.plan.unknown-party' })]);
    expect(bad.body.detail).toMatch(/no work has owner "Kpn"; name an owner as the works write it \(.*KPN.*\)/);
  });
});
