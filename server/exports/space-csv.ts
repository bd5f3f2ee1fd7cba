import type { SegmentScan } from '../domain/space/scan.ts';
import { formatFixed } from '../messages/format.ts';
import { DEFAULT_LANGUAGE, type Language } from '../messages/language.ts';
import { render, translator } from '../messages/render.ts';
import { csvField } from './plan-csv.ts';

const COLUMNS = ['segment', 'street', 'verdict', 'narrowest', 'chainage', 'x', 'y', 'taken-by', 'crossings', 'explanation'] as const;

/**
 * A space scan as a table for a council report: one row per segment, headers and texts in `language` and numbers
 * in its locale. A Dutch number has a decimal comma, so a Dutch file separates fields with `;` (what Excel under a
 * Dutch locale expects) and an English one with `,`. Starts with a byte order mark so Excel reads the UTF-8.
 *
 * @example spaceToCsv(scans, 'nl').split('\r\n')[0] // '\uFEFFstraatvak;straat;oordeel;smalste vrije breedte (m);…'
 */
export function spaceToCsv(scans: readonly SegmentScan[], language: Language = DEFAULT_LANGUAGE): string {
  const t = translator(language);
  const delimiter = language === 'nl' ? ';' : ',';
  const metres = (v: number, digits: number) => formatFixed(v, language, digits).replaceAll(/[\s\u00a0\u202f]/g, '');
  // A coordinate is read, not summed: the locale's decimal mark but no thousands grouping ("89300,00", not "89.300,00").
  const coordinate = (v: number) => (language === 'nl' ? v.toFixed(2).replace('.', ',') : v.toFixed(2));
  const rows: string[][] = [COLUMNS.map((c) => t(`space.column.${c}`))];
  for (const s of scans) {
    rows.push([
      s.segment_id,
      s.street,
      t(`space.verdict.${s.verdict}`),
      metres(s.narrowest_m, 2),
      metres(s.at_chainage_m, 1),
      coordinate(s.at[0]!),
      coordinate(s.at[1]!),
      s.taken_by.map((b) => `${b.asset_id} (${b.owner})`).join(' | '),
      String(s.crossings),
      render(s.explanation, language),
    ]);
  }
  return `\uFEFF${rows.map((row) => row.map((field) => csvField(field, delimiter)).join(delimiter)).join('\r\n')}\r\n`;
}
