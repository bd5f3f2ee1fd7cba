import type { Worksheet } from 'exceljs';
import { worksOutsideGivenWindow } from '../domain/plan/flexibility.ts';
import type { Opening, Plan, PlanFlexibility } from '../domain/plan/plan.types.ts';
import type { Language } from '../messages/language.ts';
import { couplingText, infeasibilityText, shiftText, workTypeText } from '../messages/plan-text.ts';
import { type Translate, render, translator } from '../messages/render.ts';
import { openingsInTimeOrder, ownersOf, spanDays, utcDate, worksInDepthOrder, type PlanExportMeta } from './plan-format.ts';
import { fillGanttSheet } from './plan-xlsx-gantt.ts';

const DATE_FORMAT = 'dd-mm-yyyy';
/** Sheets with fixed names (catalogue keys); a street called like one of them gets a suffix. */
export const FIXED_SHEETS = ['plan.sheet.summary', 'plan.sheet.openings', 'plan.sheet.works'] as const;

/**
 * The plan as an Excel workbook: "Samenvatting" (metrics against the lower bound and the uncoordinated baseline,
 * coupling opportunities, infeasibilities), "Openingen" (one row per opening), "Werken" (one row per scheduled
 * work with its shift and why), "Flexibiliteit" when the plan carries the what-if series, and one Gantt-like sheet per street. Dates are real Excel dates, not text. Sheet
 * names, headers and sentences are Dutch, or English with `meta.language: 'en'`.
 *
 * @example const bytes = await planToXlsx(plan, { id, createdAt }); // a Buffer starting with 'PK'
 */
export async function planToXlsx(plan: Plan, meta: PlanExportMeta): Promise<Buffer> {
  // Loaded on the first export, not at start: ExcelJS takes 0.3 s to import and most runs of the server never export.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const created = new Date(meta.createdAt);
  workbook.creator = 'Ondergrond';
  if (!Number.isNaN(created.getTime())) workbook.created = workbook.modified = created;
  const openings = openingsInTimeOrder(plan.openings);
  const language = meta.language ?? 'nl';
  const t = translator(language);
  const [summary, openingsName, worksName] = FIXED_SHEETS.map((key) => t(key));

  summarySheet(workbook.addWorksheet(summary), plan, meta, created, language);
  openingsSheet(workbook.addWorksheet(openingsName), openings, language);
  worksSheet(workbook.addWorksheet(worksName), openings, language);
  const flexibilityName = plan.flexibility ? t('plan.sheet.flexibility') : undefined;
  if (plan.flexibility) flexibilitySheet(workbook.addWorksheet(flexibilityName), plan.flexibility, language);

  const names = new Set<string>([summary!, openingsName!, worksName!, ...(flexibilityName ? [flexibilityName] : [])].map((n) => n.toLowerCase()));
  for (const [street, ofStreet] of byStreet(openings)) {
    fillGanttSheet(workbook.addWorksheet(sheetName(street, names, t('plan.sheet.street'))), ofStreet, language);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function summarySheet(sheet: Worksheet, plan: Plan, meta: PlanExportMeta, created: Date, language: Language): void {
  const t = translator(language);
  const m = plan.metrics;
  const percent = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
  sheet.addRow([t('plan.summary.plan'), meta.id]);
  const when = sheet.addRow([t('plan.summary.computed-on'), Number.isNaN(created.getTime()) ? meta.createdAt : created]);
  when.getCell(2).numFmt = 'dd-mm-yyyy hh:mm';
  if (meta.organisation) sheet.addRow([t('plan.summary.computed-by'), meta.organisation]);
  sheet.addRow([]);
  sheet.addRow([t('plan.summary.metric'), t('plan.summary.value')]).font = { bold: true };
  // A plan computed with the proven bound also names the segment count it replaced; an older plan's lowerBound is
  // that count, labelled as such, and it has no gap to show.
  type Row = [Parameters<Translate>[0], number, string?];
  const gap: Row[] = m.gap_pct === undefined ? [] : [['plan.metric.gap', m.gap_pct, '0.0']];
  const bound: Row[] = m.segmentsWithWork === undefined
    ? [['plan.metric.lower-bound', m.lowerBound]]
    : [['plan.metric.proven-lower-bound', m.lowerBound], ...gap, ['plan.metric.segments-with-work', m.segmentsWithWork]];
  // A plan computed with flexibility counts its violations against the widened windows (0), so the works moved out
  // of the window their owner gave are their own row: the number the partners' table must agree to.
  const moved = worksOutsideGivenWindow(plan.openings);
  const outsideGiven: Row[] = moved.size ? [['plan.metric.outside-given-window', moved.size]] : [];
  const households: Row[] = m.householdDays === undefined ? []
    : [['plan.metric.household-days', m.householdDays], ['plan.metric.baseline-household-days', m.baselineHouseholdDays ?? 0]];
  const rows: Row[] = [
    ['plan.metric.openings', m.openings],
    ...bound,
    ['plan.metric.ratio', m.lowerBound > 0 ? m.openings / m.lowerBound : 0, '0.00'],
    ['plan.metric.baseline', m.baselineOpenings],
    ['plan.metric.openings-saved', m.baselineOpenings - m.openings],
    ['plan.metric.disruption', m.disruptionDays],
    ['plan.metric.baseline-disruption', m.baselineDisruptionDays],
    ['plan.metric.disruption-saved', m.disruptionDaysSaved],
    ['plan.metric.disruption-share', percent(m.disruptionDaysSaved, m.baselineDisruptionDays), '0%'],
    ['plan.metric.violations', m.windowViolations],
    ...outsideGiven,
    ['plan.metric.total-shift', m.totalShiftDays],
    ['plan.metric.unassigned', plan.unassigned.length],
    ...households,
  ];
  for (const [key, value, format] of rows) {
    const row = sheet.addRow([t(key), value]);
    if (format) row.getCell(2).numFmt = format;
  }
  if (plan.unassigned.length) sheet.addRow(['', plan.unassigned.join(', ')]);

  if (plan.couplingOpportunities.length) {
    sheet.addRow([]);
    sheet.addRow([t('plan.column.coupling'), t('plan.column.segment'), t('plan.column.works'), t('plan.column.change'), t('plan.metric.openings-saved'), t('plan.metric.disruption-saved')]).font = { bold: true };
    for (const c of plan.couplingOpportunities) sheet.addRow([c.street, c.segmentId, c.workIds.join(', '), couplingText(c, language), c.openingsSaved, c.disruptionDaysSaved]);
  }
  if (plan.infeasible.length) {
    sheet.addRow([]);
    sheet.addRow([t('plan.column.infeasible'), t('plan.column.reason'), t('plan.column.explanation')]).font = { bold: true };
    for (const i of plan.infeasible) sheet.addRow([i.workIds.join(', '), t(`plan.reason.${i.reason}`), infeasibilityText(i, language)]);
  }
  // Wide enough for the longest label (disruption days with what they weigh) without running into the value.
  sheet.getColumn(1).width = 58;
  sheet.getColumn(2).width = 22;
  sheet.getColumn(4).width = 40;
}

function openingsSheet(sheet: Worksheet, openings: Opening[], language: Language): void {
  const t = translator(language);
  sheet.columns = [
    { header: t('plan.column.opening'), key: 'id', width: 22 },
    { header: t('plan.column.street'), key: 'street', width: 24 },
    { header: t('plan.column.segment'), key: 'segment', width: 22 },
    { header: t('plan.column.start'), key: 'start', width: 12, style: { numFmt: DATE_FORMAT } },
    { header: t('plan.column.end'), key: 'end', width: 12, style: { numFmt: DATE_FORMAT } },
    { header: t('plan.column.days'), key: 'days', width: 8 },
    { header: t('plan.column.works-in-order'), key: 'works', width: 60 },
    { header: t('plan.column.parties'), key: 'owners', width: 40 },
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
      works: works.map((w) => t('plan.work', { type: workTypeText(w.type, language), owner: w.owner })).join(' → '),
      owners: ownersOf(works).join(', '),
    });
  }
  tableLook(sheet);
}

function worksSheet(sheet: Worksheet, openings: Opening[], language: Language): void {
  const t = translator(language);
  sheet.columns = [
    { header: t('plan.column.opening'), key: 'opening', width: 22 },
    { header: t('plan.column.street'), key: 'street', width: 24 },
    { header: t('plan.column.segment'), key: 'segment', width: 22 },
    { header: t('plan.column.position'), key: 'position', width: 9 },
    { header: t('plan.column.work'), key: 'work', width: 12 },
    { header: t('plan.column.type'), key: 'type', width: 18 },
    { header: t('plan.column.owner'), key: 'owner', width: 22 },
    { header: t('plan.column.name'), key: 'name', width: 30 },
    { header: t('plan.column.start'), key: 'start', width: 12, style: { numFmt: DATE_FORMAT } },
    { header: t('plan.column.end'), key: 'end', width: 12, style: { numFmt: DATE_FORMAT } },
    { header: t('plan.column.days'), key: 'days', width: 8 },
    { header: t('plan.column.shift'), key: 'shift', width: 12 },
    { header: t('plan.column.explanation'), key: 'explanation', width: 80 },
  ];
  for (const o of openings) {
    worksInDepthOrder(o).forEach((w, i) => {
      sheet.addRow({
        opening: o.id,
        street: o.street,
        segment: o.segmentId,
        position: i + 1,
        work: w.workId,
        type: workTypeText(w.type, language),
        owner: w.owner,
        name: w.name ?? '',
        start: utcDate(w.start),
        end: utcDate(w.end),
        days: spanDays(w.start, w.end),
        shift: w.shift_days,
        explanation: shiftText(w, language) ?? '',
      });
    });
  }
  tableLook(sheet);
}

/** The what-if series (one row per months of flexibility), then the coupling opportunities it finds, best first. */
function flexibilitySheet(sheet: Worksheet, flexibility: PlanFlexibility, language: Language): void {
  const t = translator(language);
  sheet.columns = [
    { header: t('plan.flexibility.months'), key: 'months', width: 20 },
    { header: t('plan.flexibility.openings'), key: 'openings', width: 16 },
    { header: t('plan.flexibility.disruption'), key: 'disruption', width: 16 },
    { header: t('plan.flexibility.household-days'), key: 'households', width: 18 },
    { header: t('plan.flexibility.works-moved'), key: 'moved', width: 16 },
    { header: t('plan.flexibility.largest'), key: 'largest', width: 16 },
    { header: t('plan.flexibility.total'), key: 'total', width: 16 },
    { header: t('plan.flexibility.parties'), key: 'parties', width: 60 },
  ];
  for (const s of flexibility.series) {
    sheet.addRow({ months: s.months, openings: s.openings, disruption: s.disruptionDays, households: s.householdDays, moved: s.worksOutsideWindow, largest: s.largestMonthsMoved, total: s.totalMonthsMoved, parties: s.parties.join(', ') });
  }
  // Not tableLook: rows below the series would fall inside its filter.
  sheet.getRow(1).font = { bold: true };
  // The headers are sentences ("Partijen die moeten instemmen") over narrow number columns: wrap, do not cut.
  sheet.getRow(1).alignment = { wrapText: true, vertical: 'top' };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.addRow([]);
  sheet.addRow([t('plan.flexibility.relaxed'), flexibility.parties?.join(', ') ?? t('plan.flexibility.everyone')]);
  sheet.addRow([t('plan.flexibility.without-households'), flexibility.segmentsWithoutHouseholds]);
  if (!flexibility.opportunities.length) return;
  sheet.addRow([]);
  sheet.addRow([t('plan.flexibility.opportunities')]).font = { bold: true };
  sheet.addRow([t('plan.flexibility.rank'), t('plan.flexibility.months'), t('plan.column.street'), t('plan.column.segment'), t('plan.flexibility.openings-saved'),
    t('plan.flexibility.household-days-saved'), t('plan.flexibility.months-moved'), t('plan.flexibility.parties'), t('plan.column.explanation')]).font = { bold: true };
  flexibility.opportunities.forEach((o, i) => {
    sheet.addRow([i + 1, o.months, o.street, o.segmentId, o.openingsSaved, o.householdDaysSaved, o.monthsMoved, o.parties.join(', '), render(o.message, language)]);
  });
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
export function sheetName(street: string, taken: Set<string>, blank = 'Straat'): string {
  const base = street.replace(/[[\]:*?/\\]/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31) || blank;
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - ` (${n})`.length)} (${n})`;
  taken.add(name.toLowerCase());
  return name;
}
