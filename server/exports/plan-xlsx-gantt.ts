import type { Worksheet } from 'exceljs';
import type { IsoDate, Opening, WorkType } from '../domain/plan/plan.types.ts';
import type { Language } from '../messages/language.ts';
import { workTypeText } from '../messages/plan-text.ts';
import { translator } from '../messages/render.ts';
import { addDays, utcDate, worksInDepthOrder } from './plan-format.ts';

/** Fill colour per work type (ARGB), roughly the colours the KLIC viewer uses for each utility. */
export const GANTT_COLOURS: Record<WorkType, string> = {
  sewer: 'FF8B5A2B',
  heat: 'FFE4572E',
  water: 'FF2E86DE',
  gas: 'FFF2C12E',
  cables: 'FF6AB04C',
  connections: 'FFF0932B',
  trees: 'FF218C3D',
  paving: 'FF7F8C8D',
};

/** Columns before the timeline: Segment, Opening, Soort, Eigenaar, Start, Einde (or their English names). */
export const GANTT_LEAD_COLUMNS = 6;

/** A street spanning more weeks than this gets month columns instead of week columns. */
const MAX_WEEK_COLUMNS = 53;

export type GanttScale = 'week' | 'month';

/**
 * Fills a sheet with one street's timeline: a row per scheduled work (openings in time order, works in depth order),
 * a column per week (Monday) or per month, and the cells a work is on site filled in its type's colour. Header
 * cells of the timeline hold the period's first day as a real date.
 */
export function fillGanttSheet(sheet: Worksheet, openings: Opening[], language: Language = 'nl'): GanttScale {
  const t = translator(language);
  const start = openings.map((o) => o.start).reduce((a, b) => (a < b ? a : b));
  const end = openings.map((o) => o.end).reduce((a, b) => (a > b ? a : b));
  const weeks = periodStarts(start, end, 'week');
  const scale: GanttScale = weeks.length <= MAX_WEEK_COLUMNS ? 'week' : 'month';
  const periods = scale === 'week' ? weeks : periodStarts(start, end, 'month');

  const lead = (['plan.column.segment', 'plan.column.opening', 'plan.column.type', 'plan.column.owner', 'plan.column.start', 'plan.column.end'] as const).map((key) => t(key));
  const header = sheet.addRow([...lead, ...periods.map(utcDate)]);
  header.font = { bold: true };
  periods.forEach((_, i) => {
    const cell = header.getCell(GANTT_LEAD_COLUMNS + 1 + i);
    cell.numFmt = scale === 'week' ? 'd mmm yy' : 'mmm yyyy';
    cell.alignment = { textRotation: 90 };
  });

  for (const opening of openings) {
    for (const work of worksInDepthOrder(opening)) {
      const row = sheet.addRow([opening.segmentId, opening.id, workTypeText(work.type, language), work.owner, utcDate(work.start), utcDate(work.end)]);
      row.getCell(5).numFmt = 'dd-mm-yyyy';
      row.getCell(6).numFmt = 'dd-mm-yyyy';
      periods.forEach((periodStart, i) => {
        const periodEnd = i + 1 < periods.length ? addDays(periods[i + 1]!, -1) : nextPeriod(periodStart, scale, -1);
        if (work.start <= periodEnd && work.end >= periodStart) {
          row.getCell(GANTT_LEAD_COLUMNS + 1 + i).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: GANTT_COLOURS[work.type] } };
        }
      });
    }
  }

  sheet.columns.forEach((column, i) => {
    column.width = i < 2 ? 22 : i < 4 ? 18 : i < GANTT_LEAD_COLUMNS ? 12 : 3.5;
  });
  sheet.views = [{ state: 'frozen', xSplit: GANTT_LEAD_COLUMNS, ySplit: 1 }];
  return scale;
}

/** First days of the weeks (Mondays) or months that cover [start, end]. */
export function periodStarts(start: IsoDate, end: IsoDate, scale: GanttScale): IsoDate[] {
  const out: IsoDate[] = [];
  let current = scale === 'week' ? addDays(start, -((utcDate(start).getUTCDay() + 6) % 7)) : `${start.slice(0, 7)}-01`;
  while (current <= end) {
    out.push(current);
    current = nextPeriod(current, scale);
  }
  return out;
}

/** The first day of the next period, shifted by `offsetDays` (−1 gives the last day of this one). */
function nextPeriod(periodStart: IsoDate, scale: GanttScale, offsetDays = 0): IsoDate {
  if (scale === 'week') return addDays(periodStart, 7 + offsetDays);
  const d = utcDate(periodStart);
  const next = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
  return addDays(next, offsetDays);
}
