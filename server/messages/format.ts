import type { Language } from './language.ts';

/** Numbers and dates as a Dutch or English reader expects them. */

export const localeOf = (language: Language) => (language === 'nl' ? 'nl-NL' : 'en-GB');

// Intl formatters are costly to build (toLocaleString builds one per call): a check report renders dozens of
// numbers per request, so each kind is built once per language and kept.
const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(language: Language, digits?: number): Intl.NumberFormat {
  const key = `${language}:${digits ?? ''}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(localeOf(language), digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatters.set(key, format);
  }
  return format;
}
const lists = new Map<Language, Intl.ListFormat>();
const dates = new Map<Language, Intl.DateTimeFormat>();

/**
 * Metres with a fixed number of decimals; half a unit of the last decimal rounds up (toFixed alone turns 0.595 into
 * 0.59).
 *
 * @example formatMetres(0.595, 'nl') // '0,60 m'
 */
export function formatMetres(value: number | null | undefined, language: Language, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${formatFixed(value, language, digits)} m`;
}

/**
 * @example formatFixed(14.45, 'nl', 1) // '14,5'
 */
export function formatFixed(value: number, language: Language, digits: number): string {
  const scale = 10 ** digits;
  const rounded = Math.round((value + Math.sign(value) * 1e-9) * scale) / scale;
  return numberFormat(language, digits).format(rounded);
}

/**
 * @example formatNumber(12345, 'nl') // '12.345'
 */
export function formatNumber(value: number, language: Language): string {
  return numberFormat(language).format(value);
}

/**
 * @example formatDate('2027-03-01', 'en') // '1 Mar 2027'
 */
export function formatDate(iso: string, language: Language): string {
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  let format = dates.get(language);
  if (!format) dates.set(language, (format = new Intl.DateTimeFormat(localeOf(language), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })));
  return format.format(date);
}

/**
 * Items joined as a sentence does: "a, b and c" / "a, b en c".
 *
 * @example formatList(['riool', 'warmtenet', 'kabels'], 'nl') // 'riool, warmtenet en kabels'
 */
export function formatList(items: readonly string[], language: Language): string {
  let format = lists.get(language);
  if (!format) lists.set(language, (format = new Intl.ListFormat(localeOf(language), { style: 'long', type: 'conjunction' })));
  return format.format(items);
}

const plurals = new Map<Language, Intl.PluralRules>();

/**
 * Which plural form a count takes in the reader's language: Dutch and English know `one` and `other`.
 *
 * @example pluralOf(1, 'nl') // 'one'; pluralOf(0, 'en') // 'other'
 */
export function pluralOf(count: number, language: Language): Intl.LDMLPluralRule {
  let rules = plurals.get(language);
  if (!rules) plurals.set(language, (rules = new Intl.PluralRules(localeOf(language))));
  return rules.select(count);
}
