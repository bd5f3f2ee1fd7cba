import { describe, expect, it } from 'vitest';
import { planProgramme } from '../../server/domain/plan/plan.ts';
import { readPlanningRulesFile } from '../../server/rules-file.ts';
import type { Plan } from '../../server/domain/plan/plan.types.ts';
import { renderPlan } from '../../server/messages/plan-text.ts';
import { OPTIONS, row, work } from './programme.ts';

const RULES = readPlanningRulesFile('data/rules/planning.json');

const coupled = () => planProgramme([
  work('cables', 0, { type: 'cables', duration_days: 5, earliest_start: '2027-01-01', latest_end: '2027-12-31', preferred_start: '2027-09-01' }),
  work('sewer', 0, { type: 'sewer', duration_days: 10, earliest_start: '2027-03-01', latest_end: '2027-10-31', preferred_start: '2027-04-01' }),
], row(1), OPTIONS, RULES);

describe('a plan in words', () => {
  it('renders a stored plan\'s shift in Dutch and in English from the same codes', () => {
    // Through JSON, as the plan store keeps it.
    const stored: Plan = JSON.parse(JSON.stringify(coupled()));
    const nl = renderPlan(stored, 'nl').openings[0]!.works[1]!.explanation;
    const en = renderPlan(stored, 'en').openings[0]!.works[1]!.explanation;
    expect(nl).toMatch(/^kabels \(Gemeente Rotterdam\) op Teststraat \(teststraat-1\) is \d+ maanden naar voren gehaald om de openbreking te delen met riolering \(Gemeente Rotterdam\)$/);
    expect(en).toMatch(/^cable work \(Gemeente Rotterdam\) on Teststraat \(teststraat-1\) moved \d+ months earlier to share the opening with the sewer replacement \(Gemeente Rotterdam\)$/);
    expect(stored.openings[0]!.works[1]!.explanation).toBeUndefined();
  });

  it('renders infeasibilities and coupling opportunities with locale dates and numbers', () => {
    const short = planProgramme([work('sewer', 0, { type: 'sewer', duration_days: 30, earliest_start: '2027-01-01', latest_end: '2027-01-10' })], row(1), OPTIONS, RULES);
    expect(renderPlan(short, 'nl').infeasible[0]!.explanation).toBe(
      'riolering (Gemeente Rotterdam) op Teststraat heeft 42 kalenderdagen nodig, maar het venster 1 jan 2027 – 10 jan 2027 biedt er 10; de planning laat het na 10 jan 2027 doorlopen. Verruim het venster of verkort de werkzaamheden');
    expect(renderPlan(short, 'en').infeasible[0]!.explanation).toBe(
      'sewer replacement (Gemeente Rotterdam) on Teststraat needs 42 calendar days but its window 1 Jan 2027 – 10 Jan 2027 holds 10; the plan lets it run past 10 Jan 2027. Widen the window or shorten the work');
    const apart = planProgramme([
      work('sewer', 0, { type: 'sewer', duration_days: 10, earliest_start: '2027-01-01', latest_end: '2027-03-31' }),
      work('cables', 0, { type: 'cables', duration_days: 5, earliest_start: '2027-06-01', latest_end: '2027-09-30' }),
    ], row(1), OPTIONS, RULES);
    expect(renderPlan(apart, 'en').couplingOpportunities[0]!.change).toBe(
      'widen the window of the sewer replacement (Gemeente Rotterdam) to end on or after 31 May 2027, or let the cable work (Gemeente Rotterdam) start on or before 1 Apr 2027 (2 months)');
    expect(renderPlan(apart, 'nl').couplingOpportunities[0]!.change).toBe(
      'verruim het venster van riolering (Gemeente Rotterdam) tot een einde op of na 31 mei 2027, of laat kabels (Gemeente Rotterdam) beginnen op of vóór 1 apr 2027 (2 maanden)');
  });

  it('reads back a plan stored before messages had codes as its stored sentences', () => {
    const plan = coupled();
    const old: Plan = JSON.parse(JSON.stringify({
      ...plan,
      openings: plan.openings.map((o) => ({ ...o, works: o.works.map(({ message, ...w }) => (message ? { ...w, explanation: 'cable work moved 5 months earlier' } : w)) })),
      infeasible: [{ workIds: ['x'], reason: 'no-segment', explanation: 'x touches no street segment' }],
      couplingOpportunities: [{ segmentId: 's', street: 'S', workIds: ['a', 'b'], change: 'widen the window', openingsSaved: 1, disruptionDaysSaved: 7 }],
    }));
    for (const language of ['nl', 'en'] as const) {
      const rendered = renderPlan(old, language);
      expect(rendered.openings[0]!.works[1]!.explanation).toBe('cable work moved 5 months earlier');
      expect(rendered.infeasible[0]!.explanation).toBe('x touches no street segment');
      expect(rendered.couplingOpportunities[0]!.change).toBe('widen the window');
    }
  });
});
