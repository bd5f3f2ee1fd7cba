import type { FlexibilityStep } from '../../server/domain/plan/plan.types.ts';
import { formatNumber } from '../../server/messages/format.ts';
import type { Language } from '../../server/messages/language.ts';

export interface FlexibilityChartText {
  /** Title of the x axis, e.g. "± maanden speling". */
  months: string;
  openings: string;
  householdDays: string;
}

export const OPENINGS_COLOUR = '#1f5fa8';
export const HOUSEHOLDS_COLOUR = '#c2571a';

const escapeXml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * Openings (left axis) and household-days (right axis) against months of flexibility, as an SVG document string.
 * The steps sit at even distances: 0, 3, 6, 12, 24 and 60 months on a linear axis would crowd the first four into
 * a corner, and the planner reads the steps, not the slope per month. Both axes start at 0, so a drop looks as
 * large as it is; numbers are written in the reader's locale.
 *
 * @example flexibilityChartSvg([{ months: 0, openings: 12, householdDays: 4800, ... }, { months: 3, openings: 11, ... }], text, 'nl').startsWith('<svg') // true
 */
export function flexibilityChartSvg(series: readonly FlexibilityStep[], text: FlexibilityChartText, language: Language, { width_px = 560, height_px = 240 } = {}): string {
  const left = 52;
  const right = width_px - 64;
  const top = 30;
  const bottom = height_px - 40;
  const n = series.length;
  const x = (i: number) => (n <= 1 ? (left + right) / 2 : left + ((right - left) * i) / (n - 1));
  const scale = (max: number) => (v: number) => bottom - ((bottom - top) * v) / (max || 1);
  const maxOpenings = Math.max(1, ...series.map((s) => s.openings));
  const maxHouseholds = Math.max(1, ...series.map((s) => s.householdDays));
  const yo = scale(maxOpenings);
  const yh = scale(maxHouseholds);
  const num = (v: number) => escapeXml(formatNumber(v, language));
  const line = (y: (v: number) => number, pick: (s: FlexibilityStep) => number, colour: string, kind: string) => [
    `<polyline class="${kind}" fill="none" stroke="${colour}" stroke-width="2" points="${series.map((s, i) => `${r(x(i))},${r(y(pick(s)))}`).join(' ')}"/>`,
    ...series.map((s, i) => `<circle class="${kind}-point" cx="${r(x(i))}" cy="${r(y(pick(s)))}" r="3.5" fill="${colour}"><title>${num(s.months)}: ${num(pick(s))}</title></circle>`),
  ];
  const ticks = (max: number) => [...new Set([0, Math.round(max / 2), max])];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width_px} ${height_px}" width="${width_px}" height="${height_px}" role="img" aria-label="${escapeXml(`${text.openings}, ${text.householdDays} / ${text.months}`)}" font-family="sans-serif">`,
    `<rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" fill="none" stroke="#ccc"/>`,
    ...ticks(maxOpenings).map((v) => `<line x1="${left - 4}" x2="${left}" y1="${r(yo(v))}" y2="${r(yo(v))}" stroke="#666"/><text x="${left - 6}" y="${r(yo(v)) + 4}" font-size="11" text-anchor="end" fill="${OPENINGS_COLOUR}">${num(v)}</text>`),
    ...ticks(maxHouseholds).map((v) => `<line x1="${right}" x2="${right + 4}" y1="${r(yh(v))}" y2="${r(yh(v))}" stroke="#666"/><text x="${right + 6}" y="${r(yh(v)) + 4}" font-size="11" fill="${HOUSEHOLDS_COLOUR}">${num(v)}</text>`),
    ...series.map((s, i) => `<text class="month" x="${r(x(i))}" y="${bottom + 16}" font-size="11" text-anchor="middle" fill="#333">${num(s.months)}</text>`),
    `<text x="${(left + right) / 2}" y="${height_px - 6}" font-size="12" text-anchor="middle" fill="#111">${escapeXml(text.months)}</text>`,
    `<text x="${left}" y="${top - 10}" font-size="12" fill="${OPENINGS_COLOUR}">● ${escapeXml(text.openings)}</text>`,
    `<text x="${right}" y="${top - 10}" font-size="12" text-anchor="end" fill="${HOUSEHOLDS_COLOUR}">● ${escapeXml(text.householdDays)}</text>`,
    ...line(yh, (s) => s.householdDays, HOUSEHOLDS_COLOUR, 'household-days'),
    ...line(yo, (s) => s.openings, OPENINGS_COLOUR, 'openings'),
    '</svg>',
  ].join('');
}

const r = (v: number) => Math.round(v * 10) / 10;
