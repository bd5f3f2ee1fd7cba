import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { planToIcs } from '../../server/exports/plan-ics.ts';
import { SAMPLE_META, samplePlan } from './sample-plan.ts';

describe('the plan as iCalendar', () => {
  const plan = samplePlan();
  const events = () => new ICAL.Component(ICAL.parse(planToIcs(plan, SAMPLE_META))).getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));

  it('parses into one VEVENT per opening with a stable UID', () => {
    const parsed = events();
    expect(parsed).toHaveLength(plan.openings.length);
    expect(parsed.map((e) => e.uid).sort()).toEqual(plan.openings.map((o) => `${o.id}@ondergrond`).sort());
  });

  it('makes each event all-day from the first day of the opening up to the day after its last', () => {
    for (const event of events()) {
      const opening = plan.openings.find((o) => `${o.id}@ondergrond` === event.uid)!;
      expect(event.startDate.isDate).toBe(true);
      expect(event.startDate.toString()).toBe(opening.start);
      const dayAfter = new Date(Date.parse(`${opening.end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect(event.endDate.toString()).toBe(dayAfter);
    }
  });

  it('names the street in the summary and lists the works in depth order in the description', () => {
    const event = events().find((e) => e.uid === 'op-hud-1-2026@ondergrond')!;
    expect(event.summary).toBe('Straat open: Hudsonstraat');
    const lines = event.description.split('\n').filter((l) => /^\d+\. /.test(l));
    expect(lines.map((l) => /^\d+\. (\p{L}+)/u.exec(l)?.[1])).toEqual(['riolering', 'warmtenet', 'huisaansluitingen', 'bestrating']);
    expect(event.description).toContain('Eneco');
  });

  it('gives the same bytes for the same plan, so subscribed calendars do not churn', () => {
    expect(planToIcs(plan, SAMPLE_META)).toBe(planToIcs(plan, SAMPLE_META));
  });
});
