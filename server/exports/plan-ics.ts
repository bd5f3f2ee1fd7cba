import ical from 'ical-generator';
import type { Plan } from '../domain/plan/plan.types.ts';
import { WORK_LABELS_NL, addDays, formatRangeNl, openingsInTimeOrder, ownersOf, shortId, utcDate, worksInDepthOrder, type PlanExportMeta } from './plan-format.ts';

/**
 * The plan as an iCalendar file: one all-day VEVENT per opening, from its first to its last day. The UID is
 * `<openingId>@ondergrond`, so a calendar that subscribes to a recomputed plan updates an opening instead of adding
 * a second one; DTSTAMP is the plan's creation time, so the same plan always gives the same bytes.
 *
 * @example planToIcs(plan, { id, createdAt }) // 'BEGIN:VCALENDAR\r\n…SUMMARY:Straat open: Hudsonstraat\r\n…'
 */
export function planToIcs(plan: Plan, meta: PlanExportMeta): string {
  const calendar = ical({
    name: `Ondergrond plan ${shortId(meta.id)}`,
    prodId: { company: 'Ondergrond', product: 'plan', language: 'NL' },
  });
  const stamp = new Date(meta.createdAt);
  for (const opening of openingsInTimeOrder(plan.openings)) {
    const works = worksInDepthOrder(opening);
    calendar.createEvent({
      id: `${opening.id}@ondergrond`,
      allDay: true,
      start: utcDate(opening.start),
      // DTEND of an all-day event is the first day after it (RFC 5545 3.6.1); plan ends are inclusive.
      end: utcDate(addDays(opening.end, 1)),
      stamp: Number.isNaN(stamp.getTime()) ? utcDate(opening.start) : stamp,
      summary: `Straat open: ${opening.street}`,
      location: opening.street,
      description: [
        `${opening.street} (segment ${opening.segmentId}) is open van ${formatRangeNl(opening.start, opening.end)}.`,
        `Partijen: ${ownersOf(works).join(', ')}.`,
        'Werken in volgorde:',
        ...works.map((w, i) => `${i + 1}. ${WORK_LABELS_NL[w.type]}${w.name ? ` (${w.name})` : ''}, ${w.owner}: ${formatRangeNl(w.start, w.end)}`),
      ].join('\n'),
      categories: [...new Set(works.map((w) => WORK_LABELS_NL[w.type]))].map((name) => ({ name })),
    });
  }
  return calendar.toString();
}
