import { periodColour } from './styles.ts';
import type { Opening, Plan, ScheduledWork } from './types.ts';

/**
 * A Gantt chart of a plan as plain data: one row per street segment, one bar per opening, and inside it one thin
 * bar per work, laid out in pixels over a day scale. The UI draws it as SVG; tests read the numbers.
 */
export interface TimelineBar {
  openingId: string;
  start: string;
  end: string;
  x: number;
  width: number;
  colour: string;
  works: { workId: string; type: string; start: string; end: string; x: number; width: number }[];
}

export interface TimelineRow {
  segmentId: string;
  street: string;
  y: number;
  bars: TimelineBar[];
}

export interface Timeline {
  from: string;
  to: string;
  width_px: number;
  height_px: number;
  labelWidth_px: number;
  rowHeight_px: number;
  pxPerDay: number;
  rows: TimelineRow[];
  /** One tick per year start inside the range. */
  ticks: { x: number; label: string }[];
}

const DAY = 86_400_000;
const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY);
const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/**
 * @example timeline(plan, { width_px: 600 }).rows[0].bars[0].x
 */
export function timeline(plan: Plan, { width_px = 640, labelWidth_px = 170, rowHeight_px = 26 } = {}): Timeline {
  const openings = plan.openings;
  if (openings.length === 0) {
    return { from: '', to: '', width_px, height_px: rowHeight_px, labelWidth_px, rowHeight_px, pxPerDay: 0, rows: [], ticks: [] };
  }
  const first = Math.min(...openings.map((o) => dayNumber(o.start)));
  const last = Math.max(...openings.map((o) => dayNumber(o.end))) + 1;
  // Whole years, so the ticks land on 1 January.
  const fromYear = new Date(first * DAY).getUTCFullYear();
  const toYear = new Date(last * DAY).getUTCFullYear() + 1;
  const from = dayNumber(`${fromYear}-01-01`);
  const to = dayNumber(`${toYear}-01-01`);
  const pxPerDay = (width_px - labelWidth_px) / (to - from);
  const x = (iso: string) => round(labelWidth_px + (dayNumber(iso) - from) * pxPerDay);
  const span = (start: string, end: string) => round(Math.max(2, (dayNumber(end) - dayNumber(start) + 1) * pxPerDay));

  const bySegment = new Map<string, Opening[]>();
  for (const opening of [...openings].sort((a, b) => a.street.localeCompare(b.street) || a.segmentId.localeCompare(b.segmentId) || a.start.localeCompare(b.start))) {
    bySegment.set(opening.segmentId, [...(bySegment.get(opening.segmentId) ?? []), opening]);
  }
  const rows = [...bySegment.entries()].map(([segmentId, list], index) => ({
    segmentId,
    street: list[0]!.street,
    y: index * rowHeight_px,
    bars: list.map((o) => ({
      openingId: o.id,
      start: o.start,
      end: o.end,
      x: x(o.start),
      width: span(o.start, o.end),
      colour: periodColour(o.start, fromYear),
      works: o.works.map((w) => ({ workId: w.workId, type: w.type, start: w.start, end: w.end, x: x(w.start), width: span(w.start, w.end) })),
    })),
  }));
  const ticks = [];
  for (let year = fromYear; year <= toYear; year++) ticks.push({ x: x(`${year}-01-01`), label: String(year) });
  return { from: isoOf(from), to: isoOf(to - 1), width_px, height_px: rows.length * rowHeight_px + 20, labelWidth_px, rowHeight_px, pxPerDay: round(pxPerDay * 1000) / 1000, rows, ticks };
}

/**
 * Works that moved from their preferred start, largest shift first, with the plan's explanation.
 *
 * @example movedWorks(plan)[0].explanation // 'sewer replacement moved 8 months earlier …'
 */
export function movedWorks(plan: Plan): (ScheduledWork & { street: string; segmentId: string })[] {
  return plan.openings
    .flatMap((o) => o.works.filter((w) => w.shift_days !== 0).map((w) => ({ ...w, street: o.street, segmentId: o.segmentId })))
    .sort((a, b) => Math.abs(b.shift_days) - Math.abs(a.shift_days) || a.workId.localeCompare(b.workId));
}

/** Openings open on `date` (inclusive), for the time slider on the map. */
export function openAt(plan: Plan, date: string): Opening[] {
  const day = dayNumber(date);
  return plan.openings.filter((o) => dayNumber(o.start) <= day && day <= dayNumber(o.end));
}

/** The first and last day of a plan, for the slider range; null for an empty plan. */
export function planRange(plan: Plan): { from: string; to: string; days: number } | null {
  if (plan.openings.length === 0) return null;
  const first = Math.min(...plan.openings.map((o) => dayNumber(o.start)));
  const last = Math.max(...plan.openings.map((o) => dayNumber(o.end)));
  return { from: isoOf(first), to: isoOf(last), days: last - first };
}

export const addDays = (iso: string, days: number) => isoOf(dayNumber(iso) + days);

/** Characters of a row label before it is cut, so long street names do not run into the bars. */
export const LABEL_CHARACTERS = 40;

/**
 * The label of a row: street and segment, at most LABEL_CHARACTERS code points. A long label loses the end of the
 * street name (marked …), not the segment id, which is what tells a street's rows apart: cut at the end, the demo's
 * three "Grote Visserijstraat (grote-visserijstra" rows read the same. Cut as text, before any escaping, so the cut
 * can never land inside an entity (`&am`) and break the SVG around it.
 *
 * @example rowLabel({ street: 'Hudsonstraat', segmentId: 'hud-1' }) // 'Hudsonstraat (hud-1)'
 * @example rowLabel({ street: 'Grote Visserijstraat', segmentId: 'grote-visserijstraat-1' }) // 'Grote Visserij… (grote-visserijstraat-1)'
 */
export function rowLabel(row: Pick<TimelineRow, 'street' | 'segmentId'>): string {
  const whole = Array.from(`${row.street} (${row.segmentId})`);
  if (whole.length <= LABEL_CHARACTERS) return whole.join('');
  const id = Array.from(` (${row.segmentId})`);
  const street = LABEL_CHARACTERS - 1 - id.length;
  return street > 0
    ? `${Array.from(row.street).slice(0, street).join('')}…${id.join('')}`
    : `${whole.slice(0, LABEL_CHARACTERS - 1).join('')}…`;
}

const escapeXml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * The timeline as an SVG document string, the openings open on the slider's day (`active`) drawn solid. Every text
 * from the plan is escaped after it is cut, so a street named `Straat &&&…` renders like any other.
 *
 * @example timelineSvg(timeline(plan), new Set(['op-1'])).startsWith('<svg') // true
 */
export function timelineSvg(model: Timeline, active: ReadonlySet<string>): string {
  const { width_px: w, height_px: h, rowHeight_px: rh, labelWidth_px: lw } = model;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="Gantt">`,
    ...model.ticks.map((tick) => `<line x1="${tick.x}" x2="${tick.x}" y1="0" y2="${h - 14}" stroke="#bbb"/><text x="${tick.x + 2}" y="${h - 3}" font-size="10" fill="#333">${tick.label}</text>`),
    ...model.rows.map((row) => [
      `<text x="2" y="${row.y + rh / 2 + 4}" font-size="11" fill="#111">${escapeXml(rowLabel(row))}</text>`,
      ...row.bars.map((bar) =>
        `<g class="opening" data-opening="${escapeXml(bar.openingId)}"><rect x="${bar.x}" y="${row.y + 3}" width="${bar.width}" height="${rh - 6}" fill="${bar.colour}" fill-opacity="${active.has(bar.openingId) ? 1 : 0.55}" stroke="${active.has(bar.openingId) ? '#000' : 'none'}"/><title>${escapeXml(`${row.street}: ${bar.start} – ${bar.end}; ${bar.works.map((x) => `${x.type} ${x.start}–${x.end}`).join(', ')}`)}</title></g>`,
      ),
    ].join('')),
    `<line x1="${lw}" x2="${lw}" y1="0" y2="${h - 14}" stroke="#666"/>`,
    '</svg>',
  ].join('');
}

const round = (n: number) => Math.round(n * 100) / 100;
