import { describe, expect, it } from 'vitest';
import { assignWorks } from '../../server/domain/plan/assign.ts';
import { buildModel } from '../../server/domain/plan/model.ts';
import { planProgramme } from '../../server/domain/plan/plan.ts';
import { segmentOptimum, sweepPartition } from '../../server/domain/plan/segment-optimum.ts';
import type { Segment, Work } from '../../server/domain/plan/plan.types.ts';
import { readPlanningRulesFile } from '../../server/rules-file.ts';
import { OPTIONS, row, smallProgramme, work } from './programme.ts';

const RULES = readPlanningRulesFile('data/rules/planning.json');
const modelOf = (works: Work[], segments: Segment[], options = OPTIONS) => buildModel(works, segments, assignWorks(works, segments, RULES), options, RULES);

describe('the proven lower bound', () => {
  it('counts a pair that only fits one opening with a third work between them as one opening, not two', () => {
    // Sewer must end by 27 Jan, connections cannot start before 14 Feb: alone they cannot share an opening (no idle
    // days inside one), but with the water work between them they can. A pairwise bound would say 2; it is 1.
    const works = [
      work('sewer', 0, { type: 'sewer', duration_days: 20, earliest_start: '2027-01-01', latest_end: '2027-02-08' }),
      work('water', 0, { type: 'water', duration_days: 15, earliest_start: '2027-01-20', latest_end: '2027-03-31' }),
      work('connections', 0, { type: 'connections', duration_days: 6, earliest_start: '2027-02-20', latest_end: '2027-04-30' }),
    ];
    const model = modelOf(works, row(1));
    expect(segmentOptimum(model, model.segments[0]!, { dpUpTo: 0 }).bound).toBe(1);
    expect(segmentOptimum(model, model.segments[0]!)).toMatchObject({ bound: 1, exact: true, method: 'dp' });
    const plan = planProgramme(works, row(1), OPTIONS, RULES);
    expect(plan.metrics).toMatchObject({ openings: 1, lowerBound: 1, gap_pct: 0, segmentsWithWork: 1 });
    // Without the water work the two need two openings, and the bound proves it.
    const apart = modelOf([works[0]!, works[2]!], row(1));
    expect(segmentOptimum(apart, apart.segments[0]!, { dpUpTo: 0 }).bound).toBe(2);
  });

  it('is above the segment count where windows force a segment open twice, and the plan meets it', () => {
    const works = [
      work('gas', 0, { type: 'gas', duration_days: 10, earliest_start: '2027-01-01', latest_end: '2027-03-31' }),
      work('cables', 0, { type: 'cables', duration_days: 5, earliest_start: '2028-06-01', latest_end: '2028-09-30' }),
      work('water', 1, { type: 'water', duration_days: 10, earliest_start: '2027-01-01', latest_end: '2027-12-31' }),
    ];
    const plan = planProgramme(works, row(2), OPTIONS, RULES);
    expect(plan.metrics).toMatchObject({ openings: 3, lowerBound: 3, segmentsWithWork: 2, gap_pct: 0 });
    expect(plan.metrics.disruptionLowerBound).toBeLessThanOrEqual(plan.metrics.disruptionDays);
  });

  it('never exceeds what the plan achieves on seeded programmes, and the disruption bound holds too', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const { works, segments } = smallProgramme(seed, 3, 12 + (seed % 7));
      const plan = planProgramme(works, segments, OPTIONS, RULES);
      const m = plan.metrics;
      if (m.windowViolations > 0) continue; // the bound speaks of plans that keep every window
      expect(m.lowerBound, `seed ${seed}`).toBeLessThanOrEqual(m.openings);
      expect(m.lowerBound).toBeGreaterThanOrEqual(m.segmentsWithWork!);
      expect(m.gap_pct).toBeGreaterThanOrEqual(0);
      expect(m.disruptionLowerBound!, `seed ${seed}`).toBeLessThanOrEqual(m.disruptionDays + 0.1);
    }
  });

  it('a sweep over time orders gives partitions whose openings follow each other inside their windows', () => {
    let found = 0;
    let feasible = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const { works, segments } = smallProgramme(seed, 1, 12);
      const model = modelOf(works, segments);
      const pieces = model.segments[0]!.pieces;
      const optimum = segmentOptimum(model, model.segments[0]!);
      const blocks = sweepPartition(model, pieces);
      if (optimum.infeasible) {
        // A paving work's moratorium leaves no partition that keeps every window: nothing to find.
        expect(blocks).toBeUndefined();
        continue;
      }
      feasible++;
      if (!blocks) continue;
      found++;
      expect(blocks.flatMap((b) => b.members).sort((a, b) => a - b)).toEqual([...pieces].sort((a, b) => a - b));
      let free = -Infinity;
      for (const b of blocks) {
        expect(b.earliest).toBeGreaterThanOrEqual(Math.max(free, b.shape.earliestStart));
        expect(b.earliest).toBeLessThanOrEqual(b.latest);
        free = b.earliest + b.shape.length + (b.shape.paving ? model.moratoriumDays - 1 : 0);
      }
      expect(blocks.length).toBeGreaterThanOrEqual(optimum.bound);
    }
    expect(feasible).toBeGreaterThan(5);
    expect(found / feasible).toBeGreaterThanOrEqual(0.75);
  });
});
