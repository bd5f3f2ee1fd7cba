import type { Language } from './i18n.ts';

/** Numbers and dates as a Dutch or English reader expects them. */

const locale = (language: Language) => (language === 'nl' ? 'nl-NL' : 'en-GB');

/**
 * @example formatMetres(0.595, 'nl') // '0,60 m'
 */
export function formatMetres(value: number | null | undefined, language: Language, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value.toLocaleString(locale(language), { minimumFractionDigits: digits, maximumFractionDigits: digits })} m`;
}

/**
 * @example formatNumber(12345, 'nl') // '12.345'
 */
export function formatNumber(value: number, language: Language): string {
  return value.toLocaleString(locale(language));
}

/**
 * @example formatDate('2027-03-01', 'en') // '1 Mar 2027'
 */
export function formatDate(iso: string, language: Language): string {
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(locale(language), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/**
 * @example percent(50, 200) // 25
 */
export function percent(loaded: number, total: number): number {
  return total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0;
}

/** A property value for the info panel: numbers as they are, objects as compact JSON. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
