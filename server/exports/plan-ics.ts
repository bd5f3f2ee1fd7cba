import ical from 'ical-generator';
import type { Plan } from '../domain/plan/plan.types.ts';
import { workTypeText } from '../messages/plan-text.ts';
import { translator } from '../messages/render.ts';
import { addDays, formatRange, formatWhen, openingsInTimeOrder, ownersOf, shortId, utcDate, worksInDepthOrder, type PlanExportMeta } from './plan-format.ts';

/**
 * The plan as an iCalendar file: one all-day VEVENT per opening, from its first to its last day. The UID is
 * `<openingId>@ondergrond`, so a calendar that subscribes to a recomputed plan updates an opening instead of adding
 * a second one; DTSTAMP is the plan's creation time, so the same plan always gives the same bytes. Texts are Dutch,
 * or English with `meta.language: 'en'`.
 *
 * @example planToIcs(plan, { id, createdAt }) // 'BEGIN:VCALENDAR\r\n…SUMMARY:Straat open: Hudsonstraat\r\n…'
 */
export function planToIcs(plan: Plan, meta: PlanExportMeta): string {
  const language = meta.language ?? 'nl';
  const t = translator(language);
  const calendar = ical({
    name: t('plan.ics.name', { id: shortId(meta.id) }),
    prodId: { company: 'Ondergrond', product: 'plan', language: language.toUpperCase() },
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
      summary: t('plan.ics.summary', { street: opening.street }),
      location: opening.street,
      description: [
        t('plan.ics.open', { street: opening.street, segment: opening.segmentId, when: formatWhen(opening.start, opening.end, language) }),
        t('plan.ics.parties', { owners: ownersOf(works).join(', ') }),
        t('plan.ics.order'),
        ...works.map((w, i) => `${i + 1}. ${workTypeText(w.type, language)}${w.name ? ` (${w.name})` : ''}, ${w.owner}: ${formatRange(w.start, w.end, language)}`),
      ].join('\n'),
      categories: [...new Set(works.map((w) => workTypeText(w.type, language)))].map((name) => ({ name })),
    });
  }
  return calendar.toString();
}
