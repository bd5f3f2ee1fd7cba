/** Numbers and dates as a Dutch or English reader expects them: the same functions the server renders with. */
export { formatDate, formatFixed, formatMetres, formatNumber } from '../../server/messages/format.ts';

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
