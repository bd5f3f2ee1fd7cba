import { type Message, msg } from '../message.ts';
import type { IsoDate } from './plan.types.ts';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Day number of an ISO date (days since 1970-01-01, UTC): the planner counts in whole calendar days.
 *
 * @example dayOf('2027-03-01') // 20878
 */
export function dayOf(date: IsoDate): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new Error(`dayOf: ${JSON.stringify(date)} is not a YYYY-MM-DD date`);
  return Math.round(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!) / DAY_MS);
}

/**
 * ISO date of a day number.
 *
 * @example dateOf(20878) // '2027-03-01'
 */
export function dateOf(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** True for a real calendar date written `YYYY-MM-DD` (2027-02-30 is not). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const d = new Date(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!));
  return d.getUTCFullYear() === +match[1]! && d.getUTCMonth() === +match[2]! - 1 && d.getUTCDate() === +match[3]!;
}

/** Calendar days in `years` years, leap days included on average. */
export const yearsInDays = (years: number) => Math.round(years * 365.25);

/**
 * A shift as a resident reads it, in the unit that keeps the number small: days under two weeks, weeks under two
 * months, months under two years, else years to one decimal. A message, so the edge words it in the reader's
 * language ("8 maanden", "8 months").
 *
 * @example spanOf(245) // { code: 'plan.span.months', params: { count: 8 } }
 * @example spanOf(1) // { code: 'plan.span.day', params: { count: 1 } }
 */
export function spanOf(days: number): Message {
  const d = Math.abs(days);
  if (d < 14) return msg(d === 1 ? 'plan.span.day' : 'plan.span.days', { count: d });
  if (d < 60) return msg('plan.span.weeks', { count: Math.round(d / 7) });
  const months = Math.round(d / 30.44);
  if (months < 24) return msg('plan.span.months', { count: months });
  return msg('plan.span.years', { count: Math.round((d / 365.25) * 10) / 10 });
}
