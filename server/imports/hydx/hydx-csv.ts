/**
 * GWSW-HydX tables (Stichting RIONED: Knooppunt.csv, Verbinding.csv, Profiel.csv): `;`-separated, a header row of
 * column codes, decimal point. Pure: text in, rows keyed by column code out.
 */

/**
 * Rows of one HydX table, keyed by the header's column codes; values trimmed, quotes removed.
 *
 * @example parseHydxCsv('UNI_IDE;MVD_NIV\nK1;-0.35\n') // { columns: ['UNI_IDE', 'MVD_NIV'], rows: [{ UNI_IDE: 'K1', MVD_NIV: '-0.35' }] }
 */
export function parseHydxCsv(text: string): { columns: string[]; rows: Record<string, string>[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const split = (line: string) => line.split(';').map((v) => v.trim().replace(/^"(.*)"$/, '$1').trim());
  const columns = lines.length ? split(lines[0]!).map((c) => c.toUpperCase()) : [];
  const rows = lines.slice(1).map((line) => {
    const values = split(line);
    return Object.fromEntries(columns.map((c, i) => [c, values[i] ?? '']));
  });
  return { columns, rows };
}

/** A HydX number (decimal point; a comma is accepted too), or undefined when empty or not a number. */
export function hydxNumber(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value.replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}
