import { WORK_TYPES, type IsoDate, type Opening, type ScheduledWork } from '../domain/plan/plan.types.ts';
import { type Language, DEFAULT_LANGUAGE } from '../messages/language.ts';
import { localeOf } from '../messages/format.ts';
import { translator } from '../messages/render.ts';

/** What an export knows about the stored plan besides the plan itself. */
export interface PlanExportMeta {
  id: string;
  /** When the plan was computed (ISO timestamp, as the plan store returns it). */
  createdAt: string;
  /** Organisation that computed it, shown in headers and letters when given. */
  organisation?: string;
  /** Language of headers, labels and sentences; Dutch when absent. */
  language?: Language;
}

const DAY_MS = 86_400_000;

/**
 * The UTC midnight of an ISO calendar date. Plans hold dates without a time zone; UTC midnight keeps them on the
 * same calendar day in Excel serials, iCalendar DATE values and Intl formatting alike.
 *
 * @example utcDate('2026-03-02').toISOString() // '2026-03-02T00:00:00.000Z'
 */
export function utcDate(date: IsoDate): Date {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) throw new Error(`date ${JSON.stringify(date)} is not an ISO calendar date (YYYY-MM-DD)`);
  return parsed;
}

/** @example addDays('2026-02-28', 1) // '2026-03-01' */
export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(utcDate(date).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Calendar days from start to end, both included (plan intervals are inclusive).
 *
 * @example spanDays('2026-03-02', '2026-03-06') // 5
 */
export function spanDays(start: IsoDate, end: IsoDate): number {
  return Math.round((utcDate(end).getTime() - utcDate(start).getTime()) / DAY_MS) + 1;
}

const dayMonth = (language: Language) => new Intl.DateTimeFormat(localeOf(language), { day: 'numeric', month: 'long', timeZone: 'UTC' });
const fullDate = (language: Language) => new Intl.DateTimeFormat(localeOf(language), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** @example formatDateLong('2026-03-02', 'en') // '2 March 2026' */
export function formatDateLong(date: IsoDate, language: Language = DEFAULT_LANGUAGE): string {
  return fullDate(language).format(utcDate(date));
}

/**
 * An inclusive interval in words, the year written once when both ends share it.
 *
 * @example formatRange('2026-03-02', '2026-04-10', 'nl') // '2 maart tot en met 10 april 2026'
 * @example formatRange('2026-06-08', '2026-06-12', 'en') // '8 to 12 June 2026'
 * @example formatRange('2026-03-02', '2026-03-02', 'nl') // '2 maart 2026'
 */
export function formatRange(start: IsoDate, end: IsoDate, language: Language = DEFAULT_LANGUAGE): string {
  if (start === end) return formatDateLong(start, language);
  const sameYear = start.slice(0, 4) === end.slice(0, 4);
  const from = !sameYear ? formatDateLong(start, language) : start.slice(0, 7) === end.slice(0, 7) ? String(utcDate(start).getUTCDate()) : dayMonth(language).format(utcDate(start));
  return translator(language)('plan.range', { from, to: formatDateLong(end, language) });
}

/**
 * When something happens, with its preposition: "van 2 maart tot en met 10 april 2026", "op 2 maart 2026".
 *
 * @example formatWhen('2026-03-02', '2026-03-02', 'en') // 'on 2 March 2026'
 */
export function formatWhen(start: IsoDate, end: IsoDate, language: Language = DEFAULT_LANGUAGE): string {
  const t = translator(language);
  return start === end ? t('plan.when.day', { day: formatDateLong(start, language) }) : t('plan.when.range', { range: formatRange(start, end, language) });
}

/** @example formatDateNl('2026-03-02') // '2 maart 2026' */
export const formatDateNl = (date: IsoDate) => formatDateLong(date, 'nl');

/** @example formatRangeNl('2026-06-08', '2026-06-12') // '8 tot en met 12 juni 2026' */
export const formatRangeNl = (start: IsoDate, end: IsoDate) => formatRange(start, end, 'nl');

/**
 * The works of an opening in depth order (deepest first), stable for works of the same type. The planner already
 * orders them; exports sort again so a hand-edited or older plan still reads in the order crews dig.
 */
export function worksInDepthOrder(opening: Opening): ScheduledWork[] {
  const rank = (w: ScheduledWork) => WORK_TYPES.indexOf(w.type);
  return opening.works
    .map((work, index) => ({ work, index }))
    .sort((a, b) => rank(a.work) - rank(b.work) || a.index - b.index)
    .map(({ work }) => work);
}

/** Openings by start date, then street, so every export lists them in the same order. */
export function openingsInTimeOrder(openings: Opening[]): Opening[] {
  return [...openings].sort((a, b) => a.start.localeCompare(b.start) || a.street.localeCompare(b.street, 'nl') || a.id.localeCompare(b.id));
}

/** Owners in order of first appearance. */
export function ownersOf(works: ScheduledWork[]): string[] {
  return [...new Set(works.map((w) => w.owner))];
}

/** The short id used in file names: the first 8 characters. */
export function shortId(id: string): string {
  return id.replace(/[^A-Za-z0-9-]/g, '').slice(0, 8) || 'plan';
}
