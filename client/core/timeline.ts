import { formatDate } from './format.ts';
import { isTextKey, render, type Language } from './i18n.ts';
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
  /** The row's label (street and segment) wrapped to the label column: never cut, never under the bars. */
  lines: string[];
  height: number;
  bars: TimelineBar[];
}

/** What the ticks mark: months for a plan of a year or less, quarters up to three years, years beyond. */
export type TickScale = 'month' | 'quarter' | 'year';

export interface Timeline {
  from: string;
  to: string;
  width_px: number;
  height_px: number;
  labelWidth_px: number;
  rowHeight_px: number;
  pxPerDay: number;
  rows: TimelineRow[];
  /** One tick per year start inside the range, or per month start for a plan of a year or less. */
  ticks: { x: number; label: string }[];
  /** Quarter starts between the year ticks of a plan of up to three years; none otherwise. */
  minorTicks: { x: number; label: string }[];
  scale: TickScale;
  language: Language;
}

const DAY = 86_400_000;
const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY);
const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const monthStart = (year: number, month: number) => dayNumber(new Date(Date.UTC(year, month, 1)).toISOString());
/** Average width of a character of the 11 px label font, to wrap without measuring text. */
const LABEL_CHAR_PX = 6.2;
/** The same for the 9 px text inside a bar. */
const BAR_CHAR_PX = 5.2;
const LINE_PX = 13;
const AXIS_PX = 20;

/**
 * @example timeline(plan, { width_px: 600 }).rows[0].bars[0].x
 */
export function timeline(plan: Plan, { width_px = 640, labelWidth_px = 170, rowHeight_px = 26, language = 'nl' as Language } = {}): Timeline {
  const openings = plan.openings;
  if (openings.length === 0) {
    return { from: '', to: '', width_px, height_px: rowHeight_px, labelWidth_px, rowHeight_px, pxPerDay: 0, rows: [], ticks: [], minorTicks: [], scale: 'year', language };
  }
  const first = Math.min(...openings.map((o) => dayNumber(o.start)));
  const last = Math.max(...openings.map((o) => dayNumber(o.end))) + 1;
  const firstDate = new Date(first * DAY);
  const lastDate = new Date((last - 1) * DAY);
  const fromYear = firstDate.getUTCFullYear();
  const months = (lastDate.getUTCFullYear() - fromYear) * 12 + lastDate.getUTCMonth() - firstDate.getUTCMonth() + 1;
  const scale: TickScale = months <= 12 ? 'month' : months <= 36 ? 'quarter' : 'year';
  // Whole years, so the ticks land on 1 January; a short plan in whole months, or its bars would be slivers.
  const from = scale === 'month' ? monthStart(fromYear, firstDate.getUTCMonth()) : dayNumber(`${fromYear}-01-01`);
  const to = scale === 'month' ? monthStart(lastDate.getUTCFullYear(), lastDate.getUTCMonth() + 1) : dayNumber(`${lastDate.getUTCFullYear() + 1}-01-01`);
  const pxPerDay = (width_px - labelWidth_px) / (to - from);
  const xOfDay = (day: number) => round(labelWidth_px + (day - from) * pxPerDay);
  const x = (iso: string) => xOfDay(dayNumber(iso));
  const span = (start: string, end: string) => round(Math.max(2, (dayNumber(end) - dayNumber(start) + 1) * pxPerDay));

  const bySegment = new Map<string, Opening[]>();
  for (const opening of [...openings].sort((a, b) => a.street.localeCompare(b.street) || a.segmentId.localeCompare(b.segmentId) || a.start.localeCompare(b.start))) {
    bySegment.set(opening.segmentId, [...(bySegment.get(opening.segmentId) ?? []), opening]);
  }
  const perLine = Math.max(4, Math.floor((labelWidth_px - 6) / LABEL_CHAR_PX));
  let y = 0;
  const rows = [...bySegment.entries()].map(([segmentId, list]) => {
    const street = list[0]!.street;
    const lines = wrapLabel(rowLabel({ street, segmentId }), perLine);
    const height = Math.max(rowHeight_px, lines.length * LINE_PX + 8);
    const row = {
      segmentId,
      street,
      y,
      lines,
      height,
      bars: list.map((o) => ({
        openingId: o.id,
        start: o.start,
        end: o.end,
        x: x(o.start),
        width: span(o.start, o.end),
        colour: periodColour(o.start, fromYear),
        works: o.works.map((w) => ({ workId: w.workId, type: w.type, start: w.start, end: w.end, x: x(w.start), width: span(w.start, w.end) })),
      })),
    };
    y += height;
    return row;
  });
  const ticks: Timeline['ticks'] = [];
  const minorTicks: Timeline['minorTicks'] = [];
  if (scale === 'month') {
    const monthName = new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { month: 'short', timeZone: 'UTC' });
    for (let day = from; day <= to; ) {
      const date = new Date(day * DAY);
      // The year beside January and the first month, so a reader never has to guess it.
      const label = date.getUTCMonth() === 0 || day === from ? `${monthName.format(date)} ${date.getUTCFullYear()}` : monthName.format(date);
      ticks.push({ x: xOfDay(day), label });
      day = monthStart(date.getUTCFullYear(), date.getUTCMonth() + 1);
    }
  } else {
    const toYear = new Date(to * DAY).getUTCFullYear();
    for (let year = fromYear; year <= toYear; year++) {
      ticks.push({ x: x(`${year}-01-01`), label: String(year) });
      if (scale === 'quarter' && year < toYear) for (const q of [2, 3, 4]) minorTicks.push({ x: xOfDay(monthStart(year, (q - 1) * 3)), label: `${language === 'nl' ? 'K' : 'Q'}${q}` });
    }
  }
  return { from: isoOf(from), to: isoOf(to - 1), width_px, height_px: y + AXIS_PX, labelWidth_px, rowHeight_px, pxPerDay: round(pxPerDay * 1000) / 1000, rows, ticks, minorTicks, scale, language };
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

/**
 * The label of a row: street and segment, whole. A long label is wrapped in the label column (see wrapLabel), not
 * cut: cut at 40 characters, the demo's three "Grote Visserijstraat (grote-visserijstra" rows read the same.
 *
 * @example rowLabel({ street: 'Hudsonstraat', segmentId: 'hud-1' }) // 'Hudsonstraat (hud-1)'
 */
export function rowLabel(row: Pick<TimelineRow, 'street' | 'segmentId'>): string {
  return `${row.street} (${row.segmentId})`;
}

/**
 * A label over lines of at most `perLine` characters, broken at spaces and, for a word longer than a line, inside it
 * at whole characters (never inside a surrogate pair). Nothing is dropped.
 *
 * @example wrapLabel('Grote Visserijstraat (grote-visserijstraat-1)', 24) // ['Grote Visserijstraat', '(grote-visserijstraat-1)']
 */
export function wrapLabel(text: string, perLine: number): string[] {
  const lines: string[] = [];
  let line: string[] = [];
  for (const word of text.split(' ')) {
    let chars = Array.from(word);
    if (line.length && line.length + 1 + chars.length <= perLine) {
      line.push(' ', ...chars);
      continue;
    }
    if (line.length) lines.push(line.join(''));
    while (chars.length > perLine) {
      lines.push(chars.slice(0, perLine).join(''));
      chars = chars.slice(perLine);
    }
    line = chars;
  }
  if (line.length || lines.length === 0) lines.push(line.join(''));
  return lines;
}

const escapeXml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** One colour per work type for the strips inside a bar, in depth order (deepest first, as an opening runs). */
export const WORK_TYPE_COLOURS: Readonly<Record<string, string>> = {
  sewer: '#6d3b0f', heat: '#d7191c', water: '#1558c0', gas: '#b08800', cables: '#1a7f4b', connections: '#7b3fb5', trees: '#2e7d32', paving: '#546e7a',
};

/**
 * The colour of each start year in a plan, for the legend: the same as the bars and the map's openings.
 *
 * @example periodLegend(plan) // [{ year: 2027, colour: '#08519c' }, { year: 2028, colour: '#3182bd' }]
 */
export function periodLegend(plan: Pick<Plan, 'openings'>): { year: number; colour: string }[] {
  const years = [...new Set(plan.openings.map((o) => Number(o.start.slice(0, 4))))].sort((a, b) => a - b);
  return years.map((year) => ({ year, colour: periodColour(`${year}-01-01`, years[0]!) }));
}

/**
 * A work type as the reader says it ("riolering"); a type the catalogue does not know stays as stored.
 *
 * @example workTypeName('sewer', 'en') // 'sewer replacement'
 */
export function workTypeName(type: string, language: Language): string {
  const key = `plan.work-type.${type}`;
  return isTextKey(key) ? render({ code: key }, language) : type;
}

/**
 * What a bar says inside it, the longest text that fits its width: every work type, else the first and "+n", else
 * nothing (the tooltip still says all).
 *
 * @example barText(['sewer', 'heat'], 200, 'nl') // 'riolering + warmtenet'
 */
export function barText(types: readonly string[], width_px: number, language: Language): string {
  const names = [...new Set(types)].map((t) => workTypeName(t, language));
  const fits = (text: string) => Array.from(text).length * BAR_CHAR_PX + 6 <= width_px;
  const whole = names.join(' + ');
  if (fits(whole)) return whole;
  const short = names.length > 1 ? `${names[0]} +${names.length - 1}` : names[0] ?? '';
  return fits(short) ? short : '';
}

/**
 * The timeline as an SVG document string, the openings open on the slider's day (`active`) drawn solid; segments
 * with a coupling opportunity (`coupling`, segment id → what would have to give) carry a diamond. Every text from
 * the plan is escaped, so a street named `Straat &&&…` renders like any other.
 *
 * @example timelineSvg(timeline(plan), new Set(['op-1'])).startsWith('<svg') // true
 */
export function timelineSvg(model: Timeline, active: ReadonlySet<string>, coupling: ReadonlyMap<string, string> = new Map()): string {
  const { width_px: w, height_px: h, labelWidth_px: lw, language } = model;
  const axis = h - AXIS_PX;
  const date = (iso: string) => formatDate(iso, language);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="Gantt">`,
    ...model.minorTicks.map((tick) => `<line x1="${tick.x}" x2="${tick.x}" y1="0" y2="${axis + 4}" stroke="#e4e4e4"/><text x="${tick.x + 2}" y="${h - 3}" font-size="9" fill="#555">${tick.label}</text>`),
    ...model.ticks.map((tick) => `<line x1="${tick.x}" x2="${tick.x}" y1="0" y2="${axis + 6}" stroke="#bbb"/><text x="${tick.x + 2}" y="${h - 3}" font-size="10" fill="#333">${escapeXml(tick.label)}</text>`),
    ...model.rows.map((row) => [
      `<g class="row" data-segment="${escapeXml(row.segmentId)}"><title>${escapeXml(rowLabel(row))}</title>`,
      `<text x="2" y="${row.y + (row.height - row.lines.length * LINE_PX) / 2 + 10}" font-size="11" fill="#111">${row.lines.map((line, i) => `<tspan x="2"${i ? ` dy="${LINE_PX}"` : ''}>${escapeXml(line)}</tspan>`).join('')}</text>`,
      coupling.has(row.segmentId)
        ? `<path class="coupling" d="M${lw - 9} ${row.y + row.height / 2 - 5}l5 5l-5 5l-5 -5z" fill="#c2185b"><title>${escapeXml(coupling.get(row.segmentId)!)}</title></path>`
        : '',
      '</g>',
      ...row.bars.map((bar) => {
        const top = row.y + 3;
        const height = row.height - 6;
        const on = active.has(bar.openingId);
        const label = barText(bar.works.map((x) => x.type), bar.width, language);
        const strip = Math.min(4, height / Math.max(1, bar.works.length));
        return `<g class="opening" data-opening="${escapeXml(bar.openingId)}"><rect x="${bar.x}" y="${top}" width="${bar.width}" height="${height}" fill="${bar.colour}" fill-opacity="${on ? 1 : 0.55}" stroke="${on ? '#000' : 'none'}"/>`
          + bar.works.map((x, i) => `<rect class="work" data-type="${escapeXml(x.type)}" x="${x.x}" y="${round(top + height - strip * (i + 1))}" width="${x.width}" height="${round(strip)}" fill="${WORK_TYPE_COLOURS[x.type] ?? '#333'}"/>`).join('')
          + (label ? `<text class="bar-label" x="${bar.x + 3}" y="${top + height / 2 + 2}" font-size="9" fill="#111" stroke="#fff" stroke-width="2.5" paint-order="stroke">${escapeXml(label)}</text>` : '')
          + `<title>${escapeXml(`${row.street}: ${date(bar.start)} – ${date(bar.end)}; ${bar.works.map((x) => `${workTypeName(x.type, language)} ${date(x.start)} – ${date(x.end)}`).join(', ')}`)}</title></g>`;
      }),
    ].join('')),
    `<line x1="${lw}" x2="${lw}" y1="0" y2="${axis}" stroke="#666"/>`,
    '</svg>',
  ].join('');
}

const round = (n: number) => Math.round(n * 100) / 100;
