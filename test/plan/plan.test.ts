import { describe, expect, it } from 'vitest';
import { dayOf } from '../../server/domain/plan/dates.ts';
import { planProgramme } from '../../server/domain/plan/plan.ts';
import { readPlanningRulesFile } from '../../server/rules-file.ts';
import { msg } from '../../server/domain/message.ts';
import { OPTIONS, row, work } from './programme.ts';

const RULES = readPlanningRulesFile('data/rules/planning.json');
const label = (type: string, owner = 'Gemeente Rotterdam') => msg('plan.work', { type: msg(`plan.work-type.${type}`), owner });

const overlaps = (a: { start: string; end: string }, b: { start: string; end: string }) => a.start <= b.end && b.start <= a.end;

describe('planProgramme', () => {
  it('when two works on one segment have overlapping windows, couples them into one opening, deepest first', () => {
    const works = [
      work('cables', 0, { type: 'cables', duration_days: 5, earliest_start: '2027-01-01', latest_end: '2027-12-31', preferred_start: '2027-09-01' }),
      work('sewer', 0, { type: 'sewer', duration_days: 10, earliest_start: '2027-03-01', latest_end: '2027-10-31', preferred_start: '2027-04-01' }),
    ];
    const plan = planProgramme(works, row(1), OPTIONS, RULES);
    expect(plan.openings).toHaveLength(1);
    expect(plan.openings[0]!.works.map((w) => w.workId)).toEqual(['sewer', 'cables']);
    expect(plan.metrics).toMatchObject({ openings: 1, lowerBound: 1, baselineOpenings: 2, windowViolations: 0 });
    expect(plan.metrics.disruptionDaysSaved).toBeGreaterThan(0);
    const cables = plan.openings[0]!.works[1]!;
    expect(cables.message).toMatchObject({
      code: 'plan.shift.shared',
      params: { work: label('cables'), street: 'Teststraat (teststraat-1)', moved: { code: 'plan.shift.earlier', params: { span: { code: 'plan.span.months' } } }, others: [label('sewer')] },
    });
  });

  it('when windows forbid coupling, plans two openings and lists the coupling opportunity with the change and the saving', () => {
    const works = [
      work('sewer', 0, { type: 'sewer', duration_days: 10, earliest_start: '2027-01-01', latest_end: '2027-03-31' }),
      work('cables', 0, { type: 'cables', duration_days: 5, earliest_start: '2027-06-01', latest_end: '2027-09-30' }),
    ];
    const plan = planProgramme(works, row(1), OPTIONS, RULES);
    expect(plan.openings).toHaveLength(2);
    expect(plan.couplingOpportunities).toHaveLength(1);
    const [opportunity] = plan.couplingOpportunities;
    expect(opportunity).toMatchObject({ segmentId: 'teststraat-1', workIds: ['sewer', 'cables'], openingsSaved: 1 });
    // Sewer 10 working days = 14 calendar days, directly followed by the cables from 2027-06-01 at the earliest:
    // the sewer would run 2027-05-18 – 2027-05-31, 61 days past its window; or the cables start 61 days sooner.
    expect(opportunity!.message).toEqual(msg('plan.coupling.change', {
      late: label('sewer'), lateEnd: '2027-05-31', early: label('cables'), earlyStart: '2027-04-01', span: msg('plan.span.months', { count: 2 }),
    }));
    // One reinstatement saved: 5 working days per 100 m = 7 calendar days × weight 1 (100 m).
    expect(opportunity!.disruptionDaysSaved).toBe(7);
  });

  it('does not reopen a segment within the moratorium after its repaving, and reports a work whose window lies inside it', () => {
    const segments = row(1, 'Teststraat', { paved_on: '2025-06-01' });
    const plan = planProgramme([work('gas', 0, { type: 'gas', duration_days: 5, earliest_start: '2026-07-01', latest_end: '2027-12-31' })], segments, OPTIONS, RULES);
    expect(plan.openings[0]!.start).toBe('2028-06-01');
    expect(plan.infeasible).toMatchObject([{ workIds: ['gas'], reason: 'moratorium' }]);
    expect(plan.infeasible[0]!.message).toMatchObject({ code: 'plan.infeasible.moratorium', params: { pavedOn: '2025-06-01', years: 3, openFrom: '2028-06-01' } });
    expect(plan.metrics.windowViolations).toBe(1);
  });

  it('keeps a later opening out of the moratorium after a repaving opening planned in the same programme', () => {
    const works = [
      work('paving', 0, { type: 'paving', duration_days: 5, earliest_start: '2027-01-01', latest_end: '2027-03-31' }),
      work('cables', 0, { type: 'cables', duration_days: 5, earliest_start: '2027-01-01', latest_end: '2032-12-31', preferred_start: '2028-01-01' }),
    ];
    const plan = planProgramme(works, row(1), OPTIONS, RULES);
    // Coupling is possible (cables first, paving last), so it couples rather than reopening.
    expect(plan.openings).toHaveLength(1);
    expect(plan.openings[0]!.works.map((w) => w.type)).toEqual(['cables', 'paving']);

    const forced = planProgramme([works[0]!, work('sewer', 0, { type: 'sewer', duration_days: 10, earliest_start: '2027-06-01', latest_end: '2028-12-31' })], row(1), OPTIONS, RULES);
    expect(forced.openings).toHaveLength(2);
    const [paving, sewer] = forced.openings;
    expect(dayOf(sewer!.start)).toBeGreaterThanOrEqual(dayOf(paving!.end) + 1096);
    expect(forced.infeasible).toMatchObject([{ reason: 'depth-order', workIds: ['sewer', 'paving'] }]);
    expect(forced.infeasible[0]!.message).toMatchObject({ code: 'plan.infeasible.late', params: { fix: msg('plan.fix.repaving'), because: { code: 'plan.because.moratorium' } } });
  });

  it('with at most one segment open, plans three same-window works one after another', () => {
    const works = [0, 1, 2].map((i) => work(`w${i}`, i, { type: 'water', duration_days: 10, earliest_start: '2027-01-01', latest_end: '2027-12-31', preferred_start: '2027-03-01' }));
    const plan = planProgramme(works, row(3), { ...OPTIONS, maxOpenSegments: 1 }, RULES);
    expect(plan.openings).toHaveLength(3);
    for (let i = 0; i < 3; i++) for (let j = i + 1; j < 3; j++) expect(overlaps(plan.openings[i]!, plan.openings[j]!)).toBe(false);
    expect(plan.metrics.windowViolations).toBe(0);
    expect(plan.openings.flatMap((o) => o.works).filter((w) => w.message).map((w) => w.message!.params!.because)).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'plan.because.capacity-one', params: expect.objectContaining({ count: 1 }) })]),
    );
  });

  it('keeps neighbouring segments apart when asked', () => {
    const segments = row(2).map((s, i) => ({ ...s, neighbours: [`teststraat-${2 - i}`] }));
    const works = [0, 1].map((i) => work(`w${i}`, i, { type: 'gas', duration_days: 10, earliest_start: '2027-01-01', latest_end: '2027-12-31', preferred_start: '2027-03-01' }));
    const apart = planProgramme(works, segments, { ...OPTIONS, separateNeighbours: true }, RULES);
    expect(overlaps(apart.openings[0]!, apart.openings[1]!)).toBe(false);
    const together = planProgramme(works, segments, OPTIONS, RULES);
    expect(overlaps(together.openings[0]!, together.openings[1]!)).toBe(true);
  });

  it('orders an opening by depth: type order first, then the deeper of two works of one type', () => {
    const works = [
      work('paving', 0, { type: 'paving', duration_days: 3, earliest_start: '2027-01-01', latest_end: '2027-12-31' }),
      work('cables', 0, { type: 'cables', duration_days: 3, earliest_start: '2027-01-01', latest_end: '2027-12-31' }),
      work('sewer-shallow', 0, { type: 'sewer', duration_days: 3, depth_m: 1.5, earliest_start: '2027-01-01', latest_end: '2027-12-31' }),
      work('sewer-deep', 0, { type: 'sewer', duration_days: 3, depth_m: 3.2, earliest_start: '2027-01-01', latest_end: '2027-12-31' }),
    ];
    const plan = planProgramme(works, row(1), OPTIONS, RULES);
    expect(plan.openings[0]!.works.map((w) => w.workId)).toEqual(['sewer-deep', 'sewer-shallow', 'cables', 'paving']);
    const starts = plan.openings[0]!.works.map((w) => w.start);
    expect([...starts].sort()).toEqual(starts);
  });

  it('explains a window too short for its work instead of failing, and lets it run past the window', () => {
    const plan = planProgramme([work('sewer', 0, { type: 'sewer', duration_days: 30, earliest_start: '2027-01-01', latest_end: '2027-01-10' })], row(1), OPTIONS, RULES);
    expect(plan.openings).toHaveLength(1);
    expect(plan.infeasible).toMatchObject([{ workIds: ['sewer'], reason: 'window-too-short' }]);
    expect(plan.infeasible[0]!.message).toEqual(msg('plan.infeasible.window-too-short', { work: label('sewer'), street: 'Teststraat', days: 42, from: '2027-01-01', to: '2027-01-10', holds: 10 }));
    expect(plan.metrics.windowViolations).toBe(1);
  });

  it('reports a work that touches no segment as unassigned with reason no-segment', () => {
    const far = { ...work('far', 0, { type: 'gas', duration_days: 3 }), geometry: { type: 'LineString' as const, coordinates: [[91_000, 438_000], [91_050, 438_000]] } };
    const plan = planProgramme([far], row(1), OPTIONS, RULES);
    expect(plan.unassigned).toEqual(['far']);
    expect(plan.openings).toEqual([]);
    expect(plan.infeasible).toMatchObject([{ workIds: ['far'], reason: 'no-segment', message: msg('plan.infeasible.no-segment', { work: label('gas') }) }]);
  });

  it('splits a work along two segments by length share and plans each piece on its own segment', () => {
    const plan = planProgramme([work('heat', 0, { type: 'heat', earliest_start: '2027-01-01', latest_end: '2027-12-31' }, 1)], row(2), OPTIONS, RULES);
    expect(plan.openings.map((o) => o.segmentId).sort()).toEqual(['teststraat-1', 'teststraat-2']);
    // 190 m of heat at 8 working days per 100 m: 95 m each → 7.6 working days → 11 calendar days.
    for (const o of plan.openings) expect(dayOf(o.works[0]!.end) - dayOf(o.works[0]!.start) + 1).toBe(11);
  });

  it('respects crews per type: one sewer crew never works two segments at once', () => {
    const works = [0, 1].map((i) => work(`s${i}`, i, { type: 'sewer', duration_days: 10, earliest_start: '2027-01-01', latest_end: '2027-12-31', preferred_start: '2027-02-01' }));
    const plan = planProgramme(works, row(2), { ...OPTIONS, crews: { sewer: 1 } }, RULES);
    const [a, b] = plan.openings.map((o) => o.works[0]!);
    expect(overlaps(a!, b!)).toBe(false);
  });
});
