import { type Message, msg } from '../message.ts';
import { dayOf, spanOf } from './dates.ts';
import { workType } from './model.ts';
import { planProgramme } from './plan.ts';
import type { PlanningRules } from './planning-rules.ts';
import type { IsoDate, Opening, Plan, PlanOptions, ScheduledWork, Segment, Work } from './plan.types.ts';

/** How far windows give: ± `months` on every work, or only on the works of `parties` (owners). */
export interface Flexibility {
  months: number;
  parties?: readonly string[];
}

/**
 * An ISO date moved by whole calendar months; a day past the target month's end lands on its last day.
 *
 * @example addMonths('2027-03-31', -1) // '2027-02-28'
 * @example addMonths('2027-01-15', 3) // '2027-04-15'
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}

/**
 * The works with their windows widened by ± `months`: earliest start earlier, latest end later. A work without a
 * window keeps none, and the start it prefers stays: one that only gave an earliest start keeps that as its
 * preference, so widening alone does not pull a work away from the dates its owner asked for.
 *
 * @example relaxWindows([work({ earliest_start: '2027-05-01', latest_end: '2027-07-01' })], { months: 3 })[0].properties
 *   // { earliest_start: '2027-02-01', latest_end: '2027-10-01', preferred_start: '2027-05-01', ... }
 */
export function relaxWindows(works: readonly Work[], { months, parties }: Flexibility): Work[] {
  if (months === 0) return [...works];
  const relaxes = parties ? new Set(parties) : undefined;
  return works.map((w) => {
    const p = w.properties;
    if ((relaxes && !relaxes.has(p.owner)) || (!p.earliest_start && !p.latest_end)) return w;
    return {
      ...w,
      properties: {
        ...p,
        ...(p.earliest_start ? { earliest_start: addMonths(p.earliest_start, -months), preferred_start: p.preferred_start ?? p.earliest_start } : {}),
        ...(p.latest_end ? { latest_end: addMonths(p.latest_end, months) } : {}),
      },
    };
  });
}

/**
 * Days a scheduled piece lies outside the window its work gave: negative when it starts before the earliest start,
 * positive when it ends after the latest end, 0 inside.
 *
 * @example outsideWindow({ start: '2027-03-01', end: '2027-03-20' }, { earliest_start: '2027-05-01' }) // -61
 */
export function outsideWindow(at: Pick<ScheduledWork, 'start' | 'end'>, given: Pick<Work['properties'], 'earliest_start' | 'latest_end'>): number {
  if (given.earliest_start && at.start < given.earliest_start) return dayOf(at.start) - dayOf(given.earliest_start);
  if (given.latest_end && at.end > given.latest_end) return dayOf(at.end) - dayOf(given.latest_end);
  return 0;
}

/**
 * The programme planned on windows relaxed by ± `months` (for all works, or those of `parties`). Each piece that
 * lies outside the window its work gave carries `outsideWindow_days` and a message naming the owner whose window it
 * leaves and what it gains (`plan.shift.flexibility*`); the plan's own metrics count against the relaxed windows.
 * With 0 months it is today's plan exactly.
 *
 * @example planWithFlexibility(works, segments, options, rules, { months: 3 }).openings[0].works[1]
 *   // { workId: 'b', ..., outsideWindow_days: -61, message: { code: 'plan.shift.flexibility-shared', params: { moved: <2 months earlier>, owner: 'Stedin', ... } } }
 */
export function planWithFlexibility(works: readonly Work[], segments: readonly Segment[], options: PlanOptions, rules: PlanningRules, flexibility: Flexibility): Plan {
  const plan = planProgramme(relaxWindows(works, flexibility), segments, options, rules);
  if (flexibility.months === 0) return plan;
  const given = new Map(works.map((w) => [w.id, w.properties]));
  return { ...plan, openings: plan.openings.map((o) => ({ ...o, works: o.works.map((w) => outside(o, w, given.get(w.workId)!)) })) };
}

function outside(opening: Opening, w: ScheduledWork, given: Work['properties']): ScheduledWork {
  // The relaxed work got a preference it did not give; its shift is counted as the original plan counts it.
  const scheduled = given.preferred_start ? w : withoutShift(w);
  const days = outsideWindow(w, given);
  if (days === 0) return scheduled;
  const others = [...new Map(opening.works.filter((o) => o !== w).map((o) => [`${o.type}|${o.owner}`, workLabel(o)])).values()];
  const base = {
    work: workLabel(w),
    street: opening.street && opening.street !== opening.segmentId ? `${opening.street} (${opening.segmentId})` : opening.segmentId,
    moved: msg(days < 0 ? 'plan.flexibility.earlier' : 'plan.flexibility.later', { span: spanOf(days) }),
    owner: w.owner,
    from: given.earliest_start ?? null,
    to: given.latest_end ?? null,
  };
  const message = others.length ? msg('plan.shift.flexibility-shared', { ...base, others }) : msg('plan.shift.flexibility', base);
  return { ...scheduled, outsideWindow_days: days, message };
}

function withoutShift({ message: _message, explanation: _explanation, ...w }: ScheduledWork): ScheduledWork {
  return { ...w, shift_days: 0 };
}

const workLabel = (w: Pick<ScheduledWork, 'type' | 'owner'>): Message => msg('plan.work', { type: workType(w.type), owner: w.owner });
