import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { scanSpace } from '../../server/app/scan-space.ts';
import { readConfig } from '../../server/config.ts';
import type { SegmentScan } from '../../server/domain/space/scan.ts';
import { spaceToCsv } from '../../server/exports/space-csv.ts';
import { spaceCollection } from '../../server/exports/space-geojson.ts';
import { type BBox, type Crs, KNOWN_CRS_NAMES, RD_NEW, bboxToRd, parseCrs } from '../../server/geo/crs.ts';
import { formatFixed } from '../../server/messages/format.ts';
import { type Language, LANGUAGES, isLanguage } from '../../server/messages/language.ts';
import { render, translator } from '../../server/messages/render.ts';
import { readRuleSetFile } from '../../server/rules-file.ts';
import { type CliProgram, type Fail, failer, orFail } from './program.ts';

const usage = 'usage: npm run space -- --kind heat --width 0.9 --bbox minx,miny,maxx,maxy [--segments a,b] [--csv out.csv] [--geojson out.geojson] [--crs EPSG:28992] [--lang nl|en] [--rules file.json]';

/**
 * Scans the streets of an area for a trench of a kind and width: per segment whether it fits, the narrowest free
 * width and what takes the space there, as a table; optionally the CSV and GeoJSON of the API's exports. 0 when it
 * ran, 2 when the input cannot be used.
 *
 * @example await space(['--kind', 'heat', '--width', '0.9', '--bbox', '89240,435730,89810,436190'], io) // 0
 */
export const space: CliProgram = async (argv, io) => {
  const fail: Fail = failer('space', io);
  const { values } = orFail(() => parseArgs({
    args: argv,
    options: {
      kind: { type: 'string' }, width: { type: 'string' }, bbox: { type: 'string' }, segments: { type: 'string' },
      csv: { type: 'string' }, geojson: { type: 'string' }, crs: { type: 'string', default: RD_NEW }, lang: { type: 'string', default: 'nl' }, rules: { type: 'string' },
    },
  }), fail, usage);
  if (!isLanguage(values.lang)) fail(`--lang ${values.lang} is not known; use ${LANGUAGES.join(' or ')}`);
  const language: Language = values.lang;
  const crs: Crs | undefined = parseCrs(values.crs);
  if (!crs) fail(`--crs ${values.crs} is not supported; use one of ${KNOWN_CRS_NAMES.join(', ')}`);
  if (values.kind === undefined) fail(`--kind is required (heat, water, gas, cables or sewer)\n${usage}`);
  if (values.width === undefined) fail(`--width is required: the trench width in metres, e.g. --width 0.9 for a twin heat pipe\n${usage}`);
  let bbox: BBox | undefined;
  if (values.bbox !== undefined) {
    const parts = values.bbox.split(',').map((v) => (v.trim() === '' ? NaN : Number(v)));
    if (parts.length !== 4 || !parts.every(Number.isFinite)) fail(`--bbox ${values.bbox} is not four numbers minx,miny,maxx,maxy; e.g. --bbox 89240,435730,89810,436190 (RD New)`);
    bbox = bboxToRd(parts as BBox, crs);
  }

  const config = readConfig(io.env);
  const rules = orFail(() => readRuleSetFile(values.rules ?? config.rulesFile), fail);

  const kind = values.kind;
  const width_m = values.width;
  const result = await io.withStore((store) => scanSpace(store, rules, {
    kind,
    width_m,
    ...(bbox ? { bbox } : {}),
    ...(values.segments ? { segments: values.segments.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
    on: new Date().toISOString().slice(0, 10),
  }));
  if (!result.ok) {
    const flag = (field: string) => ({ width_m: '--width', kind: '--kind', bbox: '--bbox', segments: '--segments' })[field] ?? field;
    fail(`the scan cannot run:\n${result.errors.map((e) => `  ${flag(e.field)}: ${render(e, language)}`).join('\n')}`);
  }

  const { scans, segments, request } = result;
  io.out(table(scans, language));
  if (values.csv) writeFileSync(values.csv, spaceToCsv(scans, language));
  if (values.geojson) writeFileSync(values.geojson, JSON.stringify(spaceCollection(segments, scans, { kind: request.kind, width_m: request.width_m, crs, language })));
  return 0;
};

/** One line per segment in aligned columns (headers from the catalogue, numbers in the locale), then its explanation. */
function table(list: readonly SegmentScan[], lang: Language): string {
  const t = translator(lang);
  const header = [t('space.column.segment'), t('space.column.verdict'), t('space.column.narrowest'), t('space.column.chainage'), t('space.column.crossings'), t('space.column.taken-by')];
  const rows = list.map((s) => [s.segment_id, t(`space.verdict.${s.verdict}`), formatFixed(s.narrowest_m, lang, 2), formatFixed(s.at_chainage_m, lang, 1), String(s.crossings), s.taken_by.map((b) => b.asset_id).join(', ')]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const lineOf = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [lineOf(header), ...list.flatMap((s, i) => [lineOf(rows[i]!), `    ${render(s.explanation, lang)}`])].join('\n');
}
