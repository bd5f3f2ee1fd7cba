import ExcelJS from 'exceljs';
import type { Worksheet } from 'exceljs';
import type { Opening, Plan } from '../domain/plan/plan.types.ts';
import { WORK_LABELS_NL, openingsInTimeOrder, ownersOf, spanDays, utcDate, worksInDepthOrder, type PlanExportMeta } from './plan-format.ts';
import { fillGanttSheet } from './plan-xlsx-gantt.ts';

const DATE_FORMAT = 'dd-mm-yyyy';
/** Sheets with fixed names; a street called like one of them gets a suffix. */
export const FIXED_SHEETS = ['Samenvatting', 'Openingen', 'Werken'] as const;

/**
 * The plan as an Excel workbook: "Samenvatting" (metrics against the lower bound and the uncoordinated baseline,
 * coupling opportunities, infeasibilities), "Openingen" (one row per opening), "Werken" (one row per scheduled
 * work with its shift and why), and one Gantt-like sheet per street. Dates are real Excel dates, not text.
 *
 * @example const bytes = await planToXlsx(plan, { id, createdAt }); // a Buffer starting with 'PK'
 */
export async function planToXlsx(plan: Plan, meta: PlanExportMeta): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const created = new Date(meta.createdAt);
  workbook.creator = 'Ondergrond';
  if (!Number.isNaN(created.getTime())) workbook.created = workbook.modified = created;
  const openings = openingsInTimeOrder(plan.openings);

  summarySheet(workbook.addWorksheet('Samenvatting'), plan, meta, created);
  openingsSheet(workbook.addWorksheet('Openingen'), openings);
  worksSheet(workbook.addWorksheet('Werken'), openings);

  const names = new Set<string>(FIXED_SHEETS.map((n) => n.toLowerCase()));
  for (const [street, ofStreet] of byStreet(openings)) {
    fillGanttSheet(workbook.addWorksheet(sheetName(street, names)), ofStreet);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function summarySheet(sheet: Worksheet, plan: Plan, meta: PlanExportMeta, created: Date): void {
  const m = plan.metrics;
  const percent = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
  sheet.addRow(['Plan', meta.id]);
  const when = sheet.addRow(['Berekend op', Number.isNaN(created.getTime()) ? meta.createdAt : created]);
  when.getCell(2).numFmt = 'dd-mm-yyyy hh:mm';
  if (meta.organisation) sheet.addRow(['Berekend door', meta.organisation]);
  sheet.addRow([]);
  sheet.addRow(['Kengetal', 'Waarde']).font = { bold: true };
  const rows: [string, number, string?][] = [
    ['Openingen', m.openings],
    ['Ondergrens (segmenten met werk)', m.lowerBound],
    ['Openingen / ondergrens', m.lowerBound > 0 ? m.openings / m.lowerBound : 0, '0.00'],
    ['Zonder afstemming (elk werk een eigen opening)', m.baselineOpenings],
    ['Openingen bespaard', m.baselineOpenings - m.openings],
    ['Hinderdagen', m.disruptionDays],
    ['Hinderdagen zonder afstemming', m.baselineDisruptionDays],
    ['Hinderdagen bespaard', m.disruptionDaysSaved],
    ['Hinderdagen bespaard (aandeel)', percent(m.disruptionDaysSaved, m.baselineDisruptionDays), '0%'],
    ['Werken buiten hun venster', m.windowViolations],
    ['Totale verschuiving (dagen)', m.totalShiftDays],
    ['Werken zonder straatsegment', plan.unassigned.length],
  ];
  for (const [label, value, format] of rows) {
    const row = sheet.addRow([label, value]);
    if (format) row.getCell(2).numFmt = format;
  }
  if (plan.unassigned.length) sheet.addRow(['', plan.unassigned.join(', ')]);

  if (plan.couplingOpportunities.length) {
    sheet.addRow([]);
    sheet.addRow(['Koppelkansen', 'Segment', 'Werken', 'Wat moet wijken', 'Openingen bespaard', 'Hinderdagen bespaard']).font = { bold: true };
    for (const c of plan.couplingOpportunities) sheet.addRow([c.street, c.segmentId, c.workIds.join(', '), c.change, c.openingsSaved, c.disruptionDaysSaved]);
  }
  if (plan.infeasible.length) {
    sheet.addRow([]);
    sheet.addRow(['Knelpunten', 'Reden', 'Toelichting']).font = { bold: true };
    for (const i of plan.infeasible) sheet.addRow([i.workIds.join(', '), i.reason, i.explanation]);
  }
  sheet.getColumn(1).width = 46;
  sheet.getColumn(2).width = 22;
  sheet.getColumn(4).width = 40;
}

function openingsSheet(sheet: Worksheet, openings: Opening[]): void {
  sheet.columns = [
    { header: 'Opening', key: 'id', width: 22 },
    { header: 'Straat', key: 'street', width: 24 },
    { header: 'Segment', key: 'segment', width: 22 },
    { header: 'Start', key: 'start', width: 12, style: { numFmt: DATE_FORMAT } },
    { header: 'Einde', key: 'end', width: 12, style: { numFmt: DATE_FORMAT } },
    { header: 'Dagen', key: 'days', width: 8 },
    { header: 'Werken (in volgorde)', key: 'works', width: 60 },
    { header: 'Partijen', key: 'owners', width: 40 },
  ];
  for (const o of openings) {
    const works = worksInDepthOrder(o);
    sheet.addRow({
      id: o.id,
      street: o.street,
      segment: o.segmentId,
      start: utcDate(o.start),
      end: utcDate(o.end),
      days: spanDays(o.start, o.end),
      works: works.map((w) => `${WORK_LABELS_NL[w.type]} (${w.owner})`).join(' → '),
      owners: ownersOf(works).join(', '),
    });
  }
  tableLook(sheet);
}

function worksSheet(sheet: Worksheet, openings: Opening[]): void {
  sheet.columns = [
    { header: 'Opening', key: 'opening', width: 22 },
    { header: 'Straat', key: 'street', width: 24 },
    { header: 'Segment', key: 'segment', width: 22 },
    { header: 'Volgorde', key: 'position', width: 9 },
    { header: 'Werk', key: 'work', width: 12 },
    { header: 'Soort', key: 'type', width: 18 },
    { header: 'Eigenaar', key: 'owner', width: 22 },
    { header: 'Naam', key: 'name', width: 30 },
    { header: 'Start', key: 'start', width: 12, style: { numFmt: DATE_FORMAT } },
    { header: 'Einde', key: 'end', width: 12, style: { numFmt: DATE_FORMAT } },
    { header: 'Dagen', key: 'days', width: 8 },
    { header: 'Verschuiving (dagen)', key: 'shift', width: 12 },
    { header: 'Toelichting', key: 'explanation', width: 80 },
  ];
  for (const o of openings) {
    worksInDepthOrder(o).forEach((w, i) => {
      sheet.addRow({
        opening: o.id,
        street: o.street,
        segment: o.segmentId,
        position: i + 1,
        work: w.workId,
        type: WORK_LABELS_NL[w.type],
        owner: w.owner,
        name: w.name ?? '',
        start: utcDate(w.start),
        end: utcDate(w.end),
        days: spanDays(w.start, w.end),
        shift: w.shift_days,
        explanation: w.explanation ?? '',
      });
    });
  }
  tableLook(sheet);
}

/** Bold frozen header with a filter, so the sheet sorts and filters like a table. */
function tableLook(sheet: Worksheet): void {
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columnCount } };
}

function byStreet(openings: Opening[]): [string, Opening[]][] {
  const groups = new Map<string, Opening[]>();
  for (const o of openings) groups.set(o.street, [...(groups.get(o.street) ?? []), o]);
  return [...groups].sort(([a], [b]) => a.localeCompare(b, 'nl'));
}

/**
 * A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, not blank, and unique ignoring case
 * (a suffix " (2)" is added when a name is taken). Registers the name in `taken`.
 */
export function sheetName(street: string, taken: Set<string>): string {
  const base = street.replace(/[[\]:*?/\\]/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31) || 'Straat';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - ` (${n})`.length)} (${n})`;
  taken.add(name.toLowerCase());
  return name;
}
