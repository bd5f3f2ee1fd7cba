import type { Plan } from '../domain/plan/plan.types.ts';
import { DEFAULT_LANGUAGE, type Language } from '../messages/language.ts';
import { shiftText } from '../messages/plan-text.ts';
import { translator } from '../messages/render.ts';
import { openingsInTimeOrder, spanDays, worksInDepthOrder } from './plan-format.ts';

export interface CsvOptions {
  /**
   * Field separator. `,` is RFC 4180 and what scripts expect; `;` is what Excel uses as list separator under a
   * Dutch locale, so a semicolon file opens in columns on a double click there.
   */
  delimiter?: ',' | ';';
  /** Start with a UTF-8 byte order mark, without which Excel reads UTF-8 as Windows-1252 ("Ã«" for "ë"). */
  bom?: boolean;
  /** Language of the header row and the explanations: Dutch by default; English gives the column ids as they are. */
  language?: Language;
}

/** The columns, in order: stable ids (the English header) so scripts can read them; the header row is in `language`. */
export const CSV_COLUMNS = [
  'opening_id',
  'segment_id',
  'street',
  'opening_start',
  'opening_end',
  'position',
  'work_id',
  'type',
  'owner',
  'name',
  'start',
  'end',
  'days',
  'shift_days',
  'explanation',
] as const;

/**
 * One row per scheduled work, openings in time order and works in depth order within each, as RFC 4180 text:
 * a header row, CRLF line ends, fields quoted when they hold the delimiter, a quote or a line break.
 * `{ delimiter: ';', bom: true }` gives the flavour Dutch Excel opens directly.
 *
 * @example planToCsv(plan, { language: 'en' }).split('\r\n')[0] // 'opening_id,segment_id,street,opening_start,…'
 * @example planToCsv(plan).split('\r\n')[0] // 'opening,segment,straat,opening_start,…'
 */
export function planToCsv(plan: Plan, { delimiter = ',', bom = false, language = DEFAULT_LANGUAGE }: CsvOptions = {}): string {
  const t = translator(language);
  const rows: (string | number)[][] = [CSV_COLUMNS.map((column) => t(`plan.csv.${column}`))];
  for (const opening of openingsInTimeOrder(plan.openings)) {
    worksInDepthOrder(opening).forEach((work, index) => {
      rows.push([
        opening.id,
        opening.segmentId,
        opening.street,
        opening.start,
        opening.end,
        index + 1,
        work.workId,
        work.type,
        work.owner,
        work.name ?? '',
        work.start,
        work.end,
        spanDays(work.start, work.end),
        work.shift_days,
        shiftText(work, language) ?? '',
      ]);
    });
  }
  // Numbers go out as they are: a negative shift is data, and only text can carry a formula.
  const text = rows.map((row) => row.map((field) => (typeof field === 'number' ? String(field) : csvField(field, delimiter))).join(delimiter)).join('\r\n') + '\r\n';
  return bom ? `\uFEFF${text}` : text;
}

/**
 * A text cell: quoted when RFC 4180 requires it, doubling inner quotes. Text a spreadsheet would run as a formula
 * (starting with `=`, `+`, `-`, `@`, a tab or a carriage return, e.g. an owner named `=HYPERLINK(…)`) gets a leading
 * `'` and quotes, as OWASP advises against CSV injection; Excel shows it as the text it is.
 *
 * @example csvField('=1+1', ',') // `"'=1+1"`
 */
export function csvField(value: string, delimiter: string): string {
  if (FORMULA_START.test(value)) return `"'${value.replaceAll('"', '""')}"`;
  return value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const FORMULA_START = /^[=+\-@\t\r]/;
