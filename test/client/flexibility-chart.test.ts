import { describe, expect, it } from 'vitest';
import { flexibilityChartSvg } from '../../client/core/flexibility-chart.ts';
import { translator } from '../../client/core/i18n.ts';
import type { FlexibilityStep } from '../../server/domain/plan/plan.types.ts';

const step = (months: number, openings: number, householdDays: number): FlexibilityStep =>
  ({ months, openings, disruptionDays: 0, householdDays, worksOutsideWindow: 0, largestMonthsMoved: 0, totalMonthsMoved: 0, parties: [] });
const SERIES = [step(0, 12, 14_250), step(3, 11, 13_100), step(6, 11, 13_100), step(12, 9, 9_800), step(24, 9, 9_800), step(60, 8, 7_000)];
const TEXT = { months: '± maanden <speling>', openings: 'Openingen', householdDays: 'Huishoudendagen' };

describe('the flexibility chart', () => {
  it('draws one point per step on each line, the steps evenly spaced and labelled with their months', () => {
    const svg = flexibilityChartSvg(SERIES, TEXT, 'nl');
    expect(svg.match(/class="openings-point"/g)).toHaveLength(6);
    expect(svg.match(/class="household-days-point"/g)).toHaveLength(6);
    const xs = [...svg.matchAll(/<text class="month" x="([\d.]+)"[^>]*>(\d+)<\/text>/g)].map((m) => [Number(m[1]), m[2]]);
    expect(xs.map(([, label]) => label)).toEqual(['0', '3', '6', '12', '24', '60']);
    const gaps = xs.slice(1).map(([x], i) => Math.round((x as number) - (xs[i]![0] as number)));
    expect(new Set(gaps).size).toBe(1);
  });

  it('draws fewer openings lower, from an axis that starts at 0', () => {
    const svg = flexibilityChartSvg(SERIES, TEXT, 'nl');
    const ys = [...svg.matchAll(/class="openings-point" cx="[\d.]+" cy="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(ys[5]).toBeGreaterThan(ys[0]!);
    expect(svg).toContain('>0</text>');
  });

  it('writes numbers in the reader\'s locale and escapes the labels', () => {
    expect(flexibilityChartSvg(SERIES, TEXT, 'nl')).toContain('>14.250</text>');
    expect(flexibilityChartSvg(SERIES, TEXT, 'en')).toContain('>14,250</text>');
    expect(flexibilityChartSvg(SERIES, TEXT, 'nl')).toContain('± maanden &lt;speling&gt;');
  });
});

describe('the gap beside the plan metrics', () => {
  it('reads as the planner says it, with one decimal in the reader\'s locale', () => {
    expect(translator('nl')('plan.gap', { lowerBound: 11, gap: 9.1 })).toBe('Bewezen ondergrens: 11 openingen; deze planning zit 9,1 % daarboven');
    expect(translator('en')('plan.gap', { lowerBound: 11, gap: 9.0909 })).toBe('Proven lower bound: 11 openings; this plan is 9.1 % above it');
    expect(translator('nl')('plan.gap-optimal', { lowerBound: 1_204 })).toBe('Bewezen optimaal: geen planning die alle vensters houdt, kan met minder dan 1.204 openingen');
  });
});
