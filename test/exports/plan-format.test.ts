import { describe, expect, it } from 'vitest';
import { addDays, formatRangeNl, spanDays, utcDate, worksInDepthOrder } from '../../server/exports/plan-format.ts';
import { samplePlan } from './sample-plan.ts';

describe('dates and order shared by the exports', () => {
  it('writes Dutch date ranges with the month and year once where they repeat', () => {
    expect(formatRangeNl('2026-06-08', '2026-06-12')).toBe('8 tot en met 12 juni 2026');
    expect(formatRangeNl('2026-03-02', '2026-04-10')).toBe('2 maart tot en met 10 april 2026');
    expect(formatRangeNl('2026-12-28', '2027-01-08')).toBe('28 december 2026 tot en met 8 januari 2027');
    expect(formatRangeNl('2026-03-02', '2026-03-02')).toBe('2 maart 2026');
  });

  it('counts both ends of an interval and steps over month and leap-year ends', () => {
    expect(spanDays('2026-03-02', '2026-03-02')).toBe(1);
    expect(spanDays('2028-02-28', '2028-03-01')).toBe(3);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('refuses a date that is not YYYY-MM-DD, naming it', () => {
    expect(() => utcDate('2 maart')).toThrow('date "2 maart" is not an ISO calendar date (YYYY-MM-DD)');
  });

  it('puts works in depth order even when an opening lists them otherwise, keeping same-type works in place', () => {
    const opening = samplePlan().openings.find((o) => o.id === 'op-hmp-1-2026')!;
    const shuffled = { ...opening, works: [...opening.works].reverse() };
    expect(worksInDepthOrder(shuffled).map((w) => w.workId)).toEqual(['w-15', 'w-17', 'w-16', 'w-18']);
  });
});
