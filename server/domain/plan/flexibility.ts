import { type Message, msg } from '../message.ts';
import { dayOf, spanOf } from './dates.ts';
import type { GroupingOptions } from './grouping.ts';
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
 * A work only leaves its window where that couples something: one that left it on a segment opening no fewer times
 * than today keeps its own window, and the programme is planned again (kept unless it opens more often). With 0
 * months it is today's plan exactly. `today` is that plan when the caller has it already (the series does).
 *
 * @example planWithFlexibility(works, segments, options, rules, { months: 3 }).openings[0].works[1]
 *   // { workId: 'b', ..., outsideWindow_days: -61, message: { code: 'plan.shift.flexibility-shared', params: { moved: <2 months earlier>, owner: 'Stedin', ... } } }
 */
export function planWithFlexibility(works: readonly Work[], segments: readonly Segment[], options: PlanOptions, rules: PlanningRules, flexibility: Flexibility, today?: Plan, grouping?: GroupingOptions): Plan {
  if (flexibility.months === 0) return today ?? planProgramme(works, segments, options, rules, grouping);
  const relaxed = relaxWindows(works, flexibility);
  const given = new Map(works.map((w) => [w.id, w.properties]));
  // Only a relaxed work is marked: one outside its window without flexibility (a moratorium forced it) is an
  // infeasibility of today's plan, not a move a party is asked to agree to.
  const planOn = (list: readonly Work[]) => marked(planProgramme(list, segments, options, rules, grouping), given, new Set(list.filter((w, i) => w !== works[i]).map((w) => w.id)));
  const before = openingsPerSegment(today ?? planProgramme(works, segments, options, rules, grouping));
  let windows = relaxed;
  let plan = planOn(windows);
  // A few rounds: a work given back its window can free or take days another work needed, so the next plan may
  // show a needless move of its own. Each round is the same planner, so the bound is a few plans per step.
  for (let round = 0; round < 3; round++) {
    const after = openingsPerSegment(plan);
    const needless = worksOutsideGivenWindow(plan.openings.filter((o) => after.get(o.segmentId)! >= (before.get(o.segmentId) ?? 0)));
    if (needless.size === 0) break;
    const next = windows.map((w, i) => (needless.has(w.id) ? works[i]! : w));
    const again = planOn(next);
    if (again.metrics.openings > plan.metrics.openings) break;
    windows = next;
    plan = again;
  }
  return plan;
}

function marked(plan: Plan, given: ReadonlyMap<string, Work['properties']>, relaxed: ReadonlySet<string>): Plan {
  const openings = plan.openings.map((o) => ({ ...o, works: o.works.map((w) => (relaxed.has(w.workId) ? outside(o, w, given.get(w.workId)!) : w)) }));
  // windowViolations counts against the widened windows the planner kept; this counts the moves parties must agree to.
  return { ...plan, openings, metrics: { ...plan.metrics, worksOutsideGivenWindow: worksOutsideGivenWindow(openings).size } };
}

/**
 * The works (by id) placed outside the window their owner gave: the moves a flexibility plan asks parties to agree to.
 *
 * @example worksOutsideGivenWindow(planWithFlexibility(works, segments, options, rules, { months: 3 }).openings) // Set { 'kpn-cables' }
 */
export function worksOutsideGivenWindow(openings: readonly Opening[]): Set<string> {
  return new Set(openings.flatMap((o) => o.works.filter((w) => w.outsideWindow_days).map((w) => w.workId)));
}

/**
 * The planner saw the widened window; the work's `window` is the one its owner gave, which the XLSX, the letters and
 * `outsideWindow_days` measure against (a work 6 months early must not show a window that starts on its first day).
 */
function withGivenWindow({ window: _relaxed, ...w }: ScheduledWork, { earliest_start: from, latest_end: to }: Work['properties']): ScheduledWork {
  return { ...w, ...(from || to ? { window: { ...(from ? { from } : {}), ...(to ? { to } : {}) } } : {}) };
}

function openingsPerSegment(plan: Plan): Map<string, number> {
  const count = new Map<string, number>();
  for (const o of plan.openings) count.set(o.segmentId, (count.get(o.segmentId) ?? 0) + 1);
  return count;
}

function outside(opening: Opening, w: ScheduledWork, given: Work['properties']): ScheduledWork {
  // The relaxed work got a preference it did not give; its shift is counted as the original plan counts it.
  const scheduled = withGivenWindow(given.preferred_start ? w : withoutShift(w), given);
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
