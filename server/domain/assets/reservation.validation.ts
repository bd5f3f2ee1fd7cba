import { TRENCH_KINDS } from '../check/check.types.ts';
import { type Invalid, invalid, quoted } from '../validation.ts';

/** Reason codes (catalogue keys) for a reservation the layer spec alone would accept but that cannot be read. */
export const RESERVATION_REASONS = {
  lineWithoutWidth: 'validation.reservation.line-without-width',
  lineTooWide: 'validation.reservation.line-too-wide',
  badKinds: 'validation.reservation.kinds',
  badText: 'validation.reservation.text',
  badDate: 'validation.reservation.date',
  datesInverted: 'validation.reservation.dates-inverted',
} as const;

/**
 * Widest reservation drawn as a line (m). Wider space is an area: a polygon says where its edges are, and the
 * check's candidate search reaches half this width around a line (`search.assetRadius_m.reservations`).
 */
export const RESERVATION_LINE_MAX_WIDTH_M = 10;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What a reservation needs beyond its layer spec (owner, purpose, geometry type), so the check and the space scan
 * can read it: a line has a width, `kinds` names trench kinds, `organisation` and `source` are texts, the dates are
 * calendar days with `valid_from` ≤ `valid_until`. The first problem, as an invalid item under `properties.`.
 *
 * @example reservationProblem({ purpose: 'lane', owner: 'Rotterdam', kinds: ['heat'] }, 'LineString')
 *   // { field: 'properties.width_m', code: 'validation.reservation.line-without-width', params: { max: 10 } }
 * @example reservationProblem({ purpose: 'future-trees', owner: 'Rotterdam' }, 'Polygon') // undefined
 */
export function reservationProblem(properties: Readonly<Record<string, unknown>>, geometryType: string): Invalid | undefined {
  const field = (name: string) => `properties.${name}`;
  const width = properties.width_m;
  if (geometryType === 'LineString') {
    if (typeof width !== 'number' || !(width > 0)) return invalid(field('width_m'), RESERVATION_REASONS.lineWithoutWidth, { value: quoted(width ?? null), max: RESERVATION_LINE_MAX_WIDTH_M });
    if (width > RESERVATION_LINE_MAX_WIDTH_M) return invalid(field('width_m'), RESERVATION_REASONS.lineTooWide, { value: width, max: RESERVATION_LINE_MAX_WIDTH_M });
  }
  const kinds = properties.kinds;
  if (kinds !== undefined && !(Array.isArray(kinds) && kinds.every((k) => (TRENCH_KINDS as readonly unknown[]).includes(k)))) {
    return invalid(field('kinds'), RESERVATION_REASONS.badKinds, { value: quoted(kinds), allowed: [...TRENCH_KINDS] });
  }
  for (const name of ['organisation', 'source'] as const) {
    const value = properties[name];
    if (value !== undefined && (typeof value !== 'string' || value.length > 200)) return invalid(field(name), RESERVATION_REASONS.badText, { name, value: quoted(value) });
  }
  for (const name of ['valid_from', 'valid_until'] as const) {
    const value = properties[name];
    if (value !== undefined && !isDay(value)) return invalid(field(name), RESERVATION_REASONS.badDate, { name, value: quoted(value) });
  }
  const { valid_from: from, valid_until: until } = properties;
  if (typeof from === 'string' && typeof until === 'string' && from > until) return invalid(field('valid_until'), RESERVATION_REASONS.datesInverted, { from, until });
  return undefined;
}

/** A real calendar day written YYYY-MM-DD (2027-02-30 is not one). */
function isDay(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}
