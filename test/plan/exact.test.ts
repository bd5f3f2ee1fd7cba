import { describe, expect, it } from 'vitest';
import { exactProgramme, loadSolver, optimalityGap, solveExact } from '../../server/domain/plan/exact.ts';
import { assignWorks } from '../../server/domain/plan/assign.ts';
import { buildModel } from '../../server/domain/plan/model.ts';
import { planProgramme } from '../../server/domain/plan/plan.ts';
import { segmentOptimum } from '../../server/domain/plan/segment-optimum.ts';
import type { PlanOptions } from '../../server/domain/plan/plan.types.ts';
import { readPlanningRulesFile } from '../../server/rules-file.ts';
import { OPTIONS, row, smallProgramme, work } from './programme.ts';

const RULES = readPlanningRulesFile('data/rules/planning.json');

describe('the exact method', () => {
  it('finds one opening for two coupleable works and two when the windows forbid it', async () => {
    const coupled = [
      work('sewer', 0, { type: 'sewer', duration_days: 10, earliest_start: '2027-03-01', latest_end: '2027-10-31' }),
      work('cables', 0, { type: 'cables', duration_days: 5, earliest_start: '2027-01-01', latest_end: '2027-12-31' }),
    ];
    expect(await exactProgramme(coupled, row(1), OPTIONS, RULES)).toMatchObject({ status: 'optimal', openings: 1, restricted: false });
    const apart = [coupled[0]!, work('cables', 0, { type: 'cables', duration_days: 5, earliest_start: '2028-01-01', latest_end: '2028-12-31' })];
    expect(await exactProgramme(apart, row(1), OPTIONS, RULES)).toMatchObject({ status: 'optimal', openings: 2 });
  });

  it('with one segment open at a time and windows that only fit two openings back to back, couples the rest', async () => {
    // Three segments, two works each, all in one 70-day window: three separate runs of 2 × 14 days do not fit
    // under maxOpenSegments 1 unless each segment's pair shares one opening (3 × (14 + 14 + 7) = 105 > 70 still):
    // the optimum couples per segment and the schedule must be feasible only because it does.
    const works = [0, 1, 2].flatMap((i) => [
      work(`gas${i}`, i, { type: 'gas', duration_days: 10, earliest_start: '2027-01-01', latest_end: '2027-05-31' }),
      work(`water${i}`, i, { type: 'water', duration_days: 10, earliest_start: '2027-01-01', latest_end: '2027-05-31' }),
    ]);
    const options = { ...OPTIONS, maxOpenSegments: 1 };
    const exact = await exactProgramme(works, row(3), options, RULES);
    expect(exact).toMatchObject({ status: 'optimal', openings: 3 });
    const plan = planProgramme(works, row(3), options, RULES);
    expect(plan.metrics.openings).toBe(3);
    expect(plan.metrics.windowViolations).toBe(0);
  });

  it('reaches programmes far beyond the time-indexed MILP: 80 works proven optimal segment by segment', async () => {
    const { works, segments } = smallProgramme(1, 4, 80);
    const exact = await exactProgramme(works, segments, OPTIONS, RULES, { timeLimitSeconds: 30 });
    expect(['optimal', 'infeasible']).toContain(exact.status);
    if (exact.status === 'optimal') {
      expect(exact).toMatchObject({ method: 'segments', gap_pct: 0 });
      expect(exact.openings).toBe(exact.lowerBound);
    }
    const { works: loose, segments: four } = smallProgramme(2, 4, 60);
    const relaxed = loose.map((w) => ({ ...w, properties: { ...w.properties, type: w.properties.type === 'paving' ? 'cables' as const : w.properties.type } }));
    const proven = await exactProgramme(relaxed, four, OPTIONS, RULES, { timeLimitSeconds: 30 });
    expect(proven).toMatchObject({ status: 'optimal', method: 'segments' });
    expect(planProgramme(relaxed, four, OPTIONS, RULES, { solver: await loadSolver() }).metrics).toMatchObject({ openings: proven.openings, lowerBound: proven.lowerBound, gap_pct: 0 });
  });

  it('the proven bound is never above the optimum of the independent time-indexed MILP, coupled or not', async () => {
    let compared = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const { works, segments } = smallProgramme(seed, 3, 6 + (seed % 3));
      for (const options of [OPTIONS, { ...OPTIONS, maxOpenSegments: 1 }] as PlanOptions[]) {
        const model = buildModel(works, segments, assignWorks(works, segments, RULES), options, RULES);
        const reference = await solveExact(model, options, { timeLimitSeconds: 10 });
        if (reference.status !== 'optimal' || reference.restricted) continue;
        compared++;
        const plan = planProgramme(works, segments, options, RULES);
        expect(plan.metrics.lowerBound, `seed ${seed}, max open ${options.maxOpenSegments ?? '-'}`).toBeLessThanOrEqual(reference.openings);
        // Uncoupled, the segments' minima are the optimum itself.
        if (options.maxOpenSegments === undefined) expect(plan.metrics.lowerBound, `seed ${seed}`).toBe(reference.openings);
      }
    }
    expect(compared).toBeGreaterThanOrEqual(8);
  });

  it('the segment MILP finds the same minimum as the exhaustive DP', async () => {
    const solver = await loadSolver();
    let compared = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const { works, segments } = smallProgramme(seed, 1, 9);
      const model = buildModel(works, segments, assignWorks(works, segments, RULES), OPTIONS, RULES);
      const seg = model.segments[0]!;
      const dp = segmentOptimum(model, seg);
      const milp = segmentOptimum(model, seg, { dpUpTo: 0, solver, milpSeconds: 10 });
      expect(milp.infeasible, `seed ${seed}`).toBe(dp.infeasible);
      if (dp.infeasible) continue;
      compared++;
      expect(milp, `seed ${seed}`).toMatchObject({ bound: dp.bound, exact: true });
    }
    expect(compared).toBeGreaterThanOrEqual(4);
  });

  it('the heuristic matches the exact optimum on seeded small programmes (gap ≤ 2 %)', async () => {
    let heuristic = 0;
    let optimum = 0;
    let compared = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const { works, segments } = smallProgramme(seed, 3 + (seed % 3), 6 + (seed % 4));
      const options = seed % 2 ? OPTIONS : { ...OPTIONS, maxOpenSegments: 2 };
      const plan = planProgramme(works, segments, options, RULES);
      const exact = await exactProgramme(works, segments, options, RULES);
      if (exact.status === 'infeasible') {
        // No plan keeps every window: the heuristic must say so, never plan silently past a window.
        expect(plan.infeasible.length, `seed ${seed}`).toBeGreaterThan(0);
        continue;
      }
      if (exact.status !== 'optimal' || exact.restricted) continue;
      compared++;
      const gap = optimalityGap(plan, exact);
      expect(gap.openings, `seed ${seed}: ${plan.metrics.openings} vs ${exact.openings}`).toBeLessThanOrEqual(0.02);
      expect(gap.openings).toBeGreaterThanOrEqual(0);
      heuristic += plan.metrics.openings;
      optimum += exact.openings;
    }
    expect(compared).toBeGreaterThanOrEqual(6);
    expect(heuristic / optimum - 1).toBeLessThanOrEqual(0.02);
  });
});
