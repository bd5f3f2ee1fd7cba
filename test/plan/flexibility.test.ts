import { describe, expect, it } from 'vitest';
import { flexibilitySeries } from '../../server/domain/plan/flexibility-series.ts';
import { addMonths, planWithFlexibility, relaxWindows } from '../../server/domain/plan/flexibility.ts';
import { planProgramme } from '../../server/domain/plan/plan.ts';
import { render } from '../../server/messages/render.ts';
import { readPlanningRulesFile } from '../../server/rules-file.ts';
import { demoDistrict } from '../../server/demo/district.ts';
import type { Plan, Work } from '../../server/domain/plan/plan.types.ts';
import { segmentsFromStreets } from '../../server/domain/streets/street-segments.ts';
import { OPTIONS, row, smallProgramme, work } from './programme.ts';

const RULES = readPlanningRulesFile('data/rules/planning.json');

/** Two works on one segment of 40 households whose windows lie two months apart; a third on its own segment. */
function apart() {
  const segments = row(2, 'Teststraat', { households: 40 });
  delete segments[1]!.households;
  const works = [
    work('sewer', 0, { type: 'sewer', owner: 'Gemeente Rotterdam', duration_days: 10, earliest_start: '2027-01-01', latest_end: '2027-03-01' }),
    work('heat', 0, { type: 'heat', owner: 'Stedin', duration_days: 10, earliest_start: '2027-05-01', latest_end: '2027-07-01' }),
    work('cables', 1, { type: 'cables', owner: 'Eneco', duration_days: 5, earliest_start: '2027-02-01', latest_end: '2027-12-31' }),
  ];
  return { segments, works };
}

describe('flexibility', () => {
  it('moves dates by calendar months, a day past the month end landing on its last day', () => {
    expect(addMonths('2027-03-31', -1)).toBe('2027-02-28');
    expect(addMonths('2027-01-15', 3)).toBe('2027-04-15');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
  });

  it('widens given windows only, keeps the start a work asked for, and relaxes only the parties named', () => {
    const { works } = apart();
    const open = work('open', 0, { type: 'trees', owner: 'Stedin' });
    const relaxed = relaxWindows([...works, open], { months: 3, parties: ['Stedin'] });
    expect(relaxed[0]).toBe(works[0]);
    expect(relaxed[2]).toBe(works[2]);
    expect(relaxed[1]!.properties).toMatchObject({ earliest_start: '2027-02-01', latest_end: '2027-10-01', preferred_start: '2027-05-01' });
    expect(relaxed[3]!.properties).toEqual(open.properties);
  });

  it('with no flexibility is today\'s plan exactly, on seeded small programmes', () => {
    for (const seed of [1, 2, 3]) {
      const { works, segments } = smallProgramme(seed, 4, 10);
      expect(planWithFlexibility(works, segments, OPTIONS, RULES, { months: 0 })).toEqual(planProgramme(works, segments, OPTIONS, RULES));
      const [zero] = flexibilitySeries(works, segments, OPTIONS, RULES, { months: [0, 3] }).series;
      const today = planProgramme(works, segments, OPTIONS, RULES).metrics;
      expect(zero).toEqual({ months: 0, openings: today.openings, disruptionDays: today.disruptionDays, householdDays: today.householdDays, worksOutsideWindow: 0, largestMonthsMoved: 0, totalMonthsMoved: 0, parties: [] });
    }
  });

  it('counts household-days over openings by the segment\'s households, a segment without a count adding none', () => {
    const { works, segments } = apart();
    const plan = planProgramme(works, segments, OPTIONS, RULES);
    const onFirst = plan.openings.filter((o) => o.segmentId === 'teststraat-1');
    const days = onFirst.reduce((sum, o) => sum + (Date.parse(o.end) - Date.parse(o.start)) / 86_400_000 + 1, 0);
    expect(plan.metrics.householdDays).toBe(days * 40);
    expect(plan.metrics.baselineHouseholdDays).toBe(days * 40);
  });

  it('when two works lie two months apart, three months of flexibility couples them and names the party whose window gives', () => {
    const { works, segments } = apart();
    const plan = planWithFlexibility(works, segments, OPTIONS, RULES, { months: 3 });
    const first = plan.openings.filter((o) => o.segmentId === 'teststraat-1');
    expect(first).toHaveLength(1);
    const moved = first[0]!.works.filter((w) => w.outsideWindow_days);
    expect(moved).toHaveLength(1);
    expect(moved[0]!.outsideWindow_days).toBeLessThan(0);
    // The planner kept the widened windows; the metric a planner reads counts the move the party must agree to.
    expect(plan.metrics).toMatchObject({ windowViolations: 0, worksOutsideGivenWindow: 1 });
    expect(moved[0]!.message).toMatchObject({ code: 'plan.shift.flexibility-shared', params: { owner: moved[0]!.owner, moved: { code: 'plan.flexibility.earlier' } } });
    expect(render(moved[0]!.message!, 'en')).toMatch(/starts \d+ (weeks|months) earlier than the window of .* allows, to share the opening with the/);

    const { series, opportunities, segmentsWithoutHouseholds } = flexibilitySeries(works, segments, OPTIONS, RULES, { months: [0, 3, 6] });
    expect(series.map((s) => s.openings)).toEqual([3, 2, 2]);
    expect(series[1]).toMatchObject({ worksOutsideWindow: 1, parties: [moved[0]!.owner] });
    expect(series[1]!.householdDays).toBeLessThan(series[0]!.householdDays);
    expect(series[1]!.largestMonthsMoved).toBeGreaterThan(0);
    expect(segmentsWithoutHouseholds).toBe(1);
    expect(opportunities).toHaveLength(1);
    expect(opportunities[0]).toMatchObject({ months: 3, segmentId: 'teststraat-1', openingsSaved: 1, parties: [moved[0]!.owner], workIds: [moved[0]!.workId] });
    expect(opportunities[0]!.householdDaysSaved).toBe(series[0]!.householdDays - series[1]!.householdDays);
    expect(opportunities[0]!.openingsSavedPerMonth).toBe(Math.round(100 / Math.max(1, opportunities[0]!.monthsMoved)) / 100);
    expect(render(opportunities[0]!.message, 'nl')).toMatch(/^Teststraat \(teststraat-1\): 1 in plaats van 2 openingen bij ± 3 maanden speling, .* met instemming van /);
  });

  it('a work moved out of its window shows the window its owner gave, not the widened one the planner used', () => {
    const { works, segments } = apart();
    const plan = planWithFlexibility(works, segments, OPTIONS, RULES, { months: 3 });
    const moved = plan.openings.flatMap((o) => o.works).find((w) => w.outsideWindow_days)!;
    const given = works.find((w) => w.id === moved.workId)!.properties;
    expect(moved.window).toEqual({ from: given.earliest_start, to: given.latest_end });
    expect(moved.start < moved.window!.from!).toBe(true);
    // It shares the opening with the others, never with itself.
    expect(render(moved.message!, 'en')).toMatch(/to share the opening with the sewer replacement \(Gemeente Rotterdam\)$/);
  });

  it('relaxing only a party whose works need not move saves nothing', () => {
    const { works, segments } = apart();
    const { series, opportunities, parties } = flexibilitySeries(works, segments, OPTIONS, RULES, { months: [3], parties: ['Eneco'] });
    expect(parties).toEqual(['Eneco']);
    expect(series.map((s) => s.openings)).toEqual([3, 3]);
    expect(opportunities).toEqual([]);
    const stedin = flexibilitySeries(works, segments, OPTIONS, RULES, { months: [3], parties: ['Stedin'] });
    expect(stedin.series.map((s) => s.openings)).toEqual([3, 2]);
    expect(stedin.series[1]!.parties).toEqual(['Stedin']);
  });

  it('moves a work out of its window only on a segment that then opens fewer times, on the demo district and seeded programmes', () => {
    const demo = demoDistrict();
    const demoWorks = demo.works.map(({ id, description, street: _street, geometry, ...properties }) => ({ type: 'Feature', id, geometry, properties: { ...properties, name: description } }) as Work);
    const programmes = [{ works: demoWorks, segments: segmentsFromStreets(demo.layers.streets) }, ...[4, 5, 6].map((seed) => smallProgramme(seed, 3, 12))];
    const perSegment = (plan: Plan) => plan.openings.reduce((m, o) => m.set(o.segmentId, (m.get(o.segmentId) ?? 0) + 1), new Map<string, number>());
    let moved = 0;
    for (const { works, segments } of programmes) {
      for (const parties of [undefined, ['Eneco', 'Stedin']]) {
        const today = perSegment(planProgramme(works, segments, OPTIONS, RULES));
        for (const months of [3, 12, 60]) {
          const plan = planWithFlexibility(works, segments, OPTIONS, RULES, { months, ...(parties ? { parties } : {}) });
          const now = perSegment(plan);
          for (const o of plan.openings.filter((x) => x.works.some((w) => w.outsideWindow_days))) {
            moved++;
            expect(now.get(o.segmentId), `${o.id} at ± ${months} months`).toBeLessThan(today.get(o.segmentId)!);
          }
        }
      }
    }
    expect(moved).toBeGreaterThan(0);
  });

  it('ranks the opportunities by openings, then household-days, saved per month moved', () => {
    const segments = row(4, 'Rangstraat', { households: 25 });
    const works = Array.from({ length: 24 }, (_, k) => {
      const start = Date.UTC(2027, (k * 5) % 24, 1) / 86_400_000;
      return work(`r${k}`, k % 4, { type: (['sewer', 'water', 'cables', 'paving'] as const)[k % 4]!, owner: `Partij ${k % 3}`, duration_days: 8, earliest_start: new Date(start * 86_400_000).toISOString().slice(0, 10), latest_end: new Date((start + 40) * 86_400_000).toISOString().slice(0, 10) });
    });
    const { opportunities } = flexibilitySeries(works, segments, OPTIONS, RULES);
    expect(opportunities.length).toBeGreaterThan(2);
    const keys = opportunities.map((o) => [o.openingsSavedPerMonth, o.householdDaysSavedPerMonth] as const);
    for (let i = 1; i < keys.length; i++) {
      const [a, b] = [keys[i - 1]!, keys[i]!];
      expect(a[0] > b[0] || (a[0] === b[0] && a[1] >= b[1]), `${i}: ${a} before ${b}`).toBe(true);
    }
  });
});
