import { basename } from 'node:path';
import { render } from '../../messages/render.ts';
import { createCollector } from '../collect.ts';
import { limitExceeded } from '../limits.ts';
import { addSewerPipe } from '../sewer-pipes.ts';
import { IMPORT_FAILURES, type ImportResult, importFailure } from '../types.ts';
import { type SewerImportOptions, sewerSource } from '../sewer-source.ts';
import { zipEntries } from '../zip-entries.ts';
import { hydxNumber, parseHydxCsv } from './hydx-csv.ts';

export type HydxImportOptions = SewerImportOptions;

const TABLE = (name: string) => new RegExp(`(^|/)${name}\\.csv$`, 'i');

/**
 * True when a zip's entries are a HydX set: at least Knooppunt.csv and Verbinding.csv.
 *
 * @example isHydxZip(['set/Knooppunt.csv', 'set/Verbinding.csv', 'set/Profiel.csv']) // true
 */
export function isHydxZip(names: readonly string[]): boolean {
  return names.some((n) => TABLE('Knooppunt').test(n)) && names.some((n) => TABLE('Verbinding').test(n));
}

/** Connection types that are pipes: a closed pipe (GSL) and an infiltration sewer (ITR). Pumps, weirs, orifices are not. */
const PIPE_TYPES = new Set(['GSL', 'ITR']);

/**
 * Imports a GWSW-HydX set (a zip with Knooppunt.csv, Verbinding.csv and Profiel.csv): every connection of a pipe
 * type becomes a `sewers` feature between its two nodes, with the nodes' ground level (MVD_NIV) giving the depth
 * below the surface, BOB_KN1/BOB_KN2 its NAP inverts, and the profile its diameter, height, shape and material.
 * Ids are the owner plus LEI_IDE (else UNI_IDE), so a newer set updates the same pipes.
 *
 * @example
 * const result = await importHydx('almere-hydx.zip', { owner: 'Gemeente Almere' });
 * if (result.ok) result.assets[0].asset.properties // { depth_m: 1.6, depth_source: 'measured', invert_start_nap_m: -2.4, ... }
 */
export async function importHydx(path: string, options: HydxImportOptions = {}): Promise<ImportResult> {
  const opened = await sewerSource(path, options);
  if (!opened.ok) return opened;
  const { startedAt, name, size, limits, rules } = opened;
  const read = await zipEntries(path, /(^|\/)(Knooppunt|Verbinding|Profiel)\.csv$/i, { name, limits, zipBytes: size });
  if (!read.ok) return read;
  const table = (t: string) => read.entries.find((e) => TABLE(t).test(e.name));
  for (const t of ['Knooppunt', 'Verbinding']) {
    if (!table(t)) return importFailure(IMPORT_FAILURES.unknownFormat, `${name}: ${render({ code: 'sewer.hydx.missing-file', params: { file: `${t}.csv` } }, 'en')}`);
  }
  const bytes = read.entries.reduce((n, e) => n + e.bytes.length, 0);
  options.onProgress?.(bytes, bytes);
  const nodes = parseHydxCsv(table('Knooppunt')!.bytes.toString('utf8'));
  const links = parseHydxCsv(table('Verbinding')!.bytes.toString('utf8'));
  const profiles = table('Profiel') ? parseHydxCsv(table('Profiel')!.bytes.toString('utf8')) : { columns: [], rows: [] };
  const required: [string, { columns: string[] }, string[]][] = [
    ['Knooppunt.csv', nodes, ['KNP_XCO', 'KNP_YCO']],
    ['Verbinding.csv', links, ['UNI_IDE', 'KN1_IDE', 'KN2_IDE', 'VRB_TYP']],
  ];
  for (const [file, t, columns] of required) {
    const missing = columns.find((c) => !t.columns.includes(c));
    if (missing) return importFailure(IMPORT_FAILURES.unknownFormat, `${name}: ${render({ code: 'sewer.hydx.missing-column', params: { column: missing, file } }, 'en')}`);
  }
  const objects = nodes.rows.length + links.rows.length + profiles.rows.length;
  if (objects > limits.maxObjects) return limitExceeded(name, 'maxObjects', objects, limits);

  const owner = options.owner ?? 'unknown';
  const source = `hydx:${basename(name).replace(/\.zip$/i, '')}`;
  const out = createCollector();
  const skip = (id: string, kind: string, code: string, params: Record<string, string | number>) => out.skip(id, kind, render({ code, params }, 'en'), { code, params });
  // A connection names its nodes by PUT_IDE in the published examples, by UNI_IDE in some exports: both are accepted.
  const nodeById = new Map<string, { x: number; y: number; ground?: number }>();
  for (const row of nodes.rows) {
    const x = hydxNumber(row.KNP_XCO);
    const y = hydxNumber(row.KNP_YCO);
    const id = row.PUT_IDE || row.UNI_IDE || '';
    if (x === undefined || y === undefined) {
      skip(id, 'Knooppunt', 'sewer.rib.bad-coordinates', { value: `${row.KNP_XCO}/${row.KNP_YCO}` });
      continue;
    }
    const ground = hydxNumber(row.MVD_NIV);
    const node = { x, y, ...(ground !== undefined ? { ground } : {}) };
    if (row.PUT_IDE) nodeById.set(row.PUT_IDE, node);
    if (row.UNI_IDE) nodeById.set(row.UNI_IDE, node);
  }
  const profileById = new Map(profiles.rows.map((r) => [r.PRO_IDE ?? '', r]));
  let pipes = 0;
  for (const row of links.rows) {
    const id = row.LEI_IDE || row.UNI_IDE || '';
    const type = (row.VRB_TYP ?? '').toUpperCase();
    if (!PIPE_TYPES.has(type)) {
      skip(id, 'Verbinding', 'sewer.hydx.not-a-pipe', { id, type: type || '—' });
      continue;
    }
    pipes++;
    const a = nodeById.get(row.KN1_IDE ?? '');
    const b = nodeById.get(row.KN2_IDE ?? '');
    if (!a || !b) {
      skip(id, 'Verbinding', 'sewer.hydx.unknown-node', { id, node: (!a ? row.KN1_IDE : row.KN2_IDE) || '—' });
      continue;
    }
    const profile = row.PRO_IDE ? profileById.get(row.PRO_IDE) : undefined;
    if (row.PRO_IDE && !profile) out.warn(id, render({ code: 'sewer.hydx.unknown-profile', params: { id, profile: row.PRO_IDE } }, 'en'));
    const width = hydxNumber(profile?.PRO_BRE);
    const height = hydxNumber(profile?.PRO_HGT);
    const defined = <T extends Record<string, unknown>>(v: T) => Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')) as Partial<T>;
    addSewerPipe(out, {
      id, from: row.KN1_IDE!, to: row.KN2_IDE!, start: [a.x, a.y], end: [b.x, b.y],
      // A pipe behind a pump is a pressure main in HydX only by what it connects to; the set marks none here.
      system: 'gravity',
      ...defined({
        bob_start_m: hydxNumber(row.BOB_KN1), bob_end_m: hydxNumber(row.BOB_KN2), ground_start_m: a.ground, ground_end_m: b.ground,
        diameter_mm: width, height_mm: height ?? width, shape: profile?.PRO_VRM, material: profile?.PRO_MAT, length_m: hydxNumber(row.VRB_LEN),
        sewer_type: row.INZ_TYP,
      }),
    }, { owner, source, format: 'gwsw-hydx', rules });
  }
  out.coverFeatures('sewers', owner);
  const result = out.finish({ format: 'gwsw-hydx', source, bytes, startedAt });
  if (result.ok) result.report.files = [{ name, manholes: nodes.rows.length, pipes, observations: 0, skipped: result.report.skipped.length }];
  return result;
}
