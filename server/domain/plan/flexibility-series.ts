import { type Message, msg } from '../message.ts';
import { dayOf, spanOf } from './dates.ts';
import { round1 } from './explain.ts';
import { planWithFlexibility } from './flexibility.ts';
import type { GroupingOptions } from './grouping.ts';
import { workType } from './model.ts';
import { planProgramme } from './plan.ts';
import type { PlanningRules } from './planning-rules.ts';
import type { FlexibilityOpportunity, FlexibilityStep, Opening, Plan, PlanFlexibility, PlanOptions, Segment, Work } from './plan.types.ts';

/** The months of flexibility a series tries when the request names none (issue 14). */
export const SERIES_MONTHS: readonly number[] = [0, 3, 6, 12, 24, 60];

const DAYS_PER_MONTH = 30.44;

/**
 * What relaxing windows would save: the programme planned at each step of `months` (0, today's plan, is always
 * among them), with its openings, disruption days, household-days and how far works had to leave their windows,
 * and the couplings that appear from one step to the next, ranked by openings and then household-days saved per
 * month moved, each naming the parties who must agree.
 *
 * @example flexibilitySeries(works, segments, options, rules, { months: [0, 3] })
 *   // { series: [{ months: 0, openings: 2, ... }, { months: 3, openings: 1, worksOutsideWindow: 1, parties: ['Stedin'], ... }],
 *   //   opportunities: [{ months: 3, segmentId: 'teststraat-1', openingsSaved: 1, parties: ['Stedin'], message: { code: 'plan.flexibility.opportunity', ... } }],
 *   //   segmentsWithoutHouseholds: 0 }
 */
export function flexibilitySeries(
  works: readonly Work[],
  segments: readonly Segment[],
  options: PlanOptions,
  rules: PlanningRules,
  { months = SERIES_MONTHS, parties }: { months?: readonly number[]; parties?: readonly string[] } = {},
  grouping?: GroupingOptions,
): PlanFlexibility {
  const steps = [...new Set([0, ...months])].sort((a, b) => a - b);
  const today = planProgramme(works, segments, options, rules, grouping);
  const plans = steps.map((n) => planWithFlexibility(works, segments, options, rules, { months: n, ...(parties ? { parties } : {}) }, today, grouping));
  const households = new Map(segments.map((s) => [s.id, s.households ?? 0]));
  const withWork = new Set(plans[0]!.openings.map((o) => o.segmentId));
  const opportunities = plans.slice(1).flatMap((plan, i) => appeared(plans[i]!, plan, steps[i + 1]!, households));
  opportunities.sort((a, b) => b.openingsSavedPerMonth - a.openingsSavedPerMonth || b.householdDaysSavedPerMonth - a.householdDaysSavedPerMonth
    || a.months - b.months || a.segmentId.localeCompare(b.segmentId));
  return {
    ...(parties ? { parties: [...parties] } : {}),
    series: plans.map((plan, i) => step(steps[i]!, plan)),
    opportunities,
    segmentsWithoutHouseholds: [...withWork].filter((id) => !households.get(id)).length,
  };
}

function step(months: number, plan: Plan): FlexibilityStep {
  const moved = movedOut(plan.openings);
  const farthest = [...moved.values()].map((w) => w.days);
  return {
    months,
    openings: plan.metrics.openings,
    disruptionDays: plan.metrics.disruptionDays,
    householdDays: plan.metrics.householdDays ?? 0,
    worksOutsideWindow: moved.size,
    largestMonthsMoved: round1(Math.max(0, ...farthest) / DAYS_PER_MONTH),
    totalMonthsMoved: round1(farthest.reduce((a, b) => a + b, 0) / DAYS_PER_MONTH),
    parties: ownersOf(moved),
  };
}

/** The segments that open fewer times at this step than at the one before. */
function appeared(before: Plan, after: Plan, months: number, households: ReadonlyMap<string, number>): FlexibilityOpportunity[] {
  const was = bySegment(before.openings);
  const out: FlexibilityOpportunity[] = [];
  for (const [segmentId, now] of bySegment(after.openings)) {
    const then = was.get(segmentId) ?? [];
    if (now.length >= then.length) continue;
    const moved = movedOut(now);
    const farthest = Math.max(0, ...[...moved.values()].map((w) => w.days));
    const householdDaysSaved = (openDays(then) - openDays(now)) * (households.get(segmentId) ?? 0);
    const owners = ownersOf(moved);
    // Named with its segment: a long street gains on several segments, each its own line.
    const street = now[0]!.street && now[0]!.street !== segmentId ? `${now[0]!.street} (${segmentId})` : segmentId;
    const params = {
      street,
      from: then.length,
      to: now.length,
      months,
      householdDays: householdDaysSaved,
    };
    const message: Message = moved.size
      ? msg('plan.flexibility.opportunity', { ...params, works: [...moved.values()].map((w) => w.label), span: spanOf(farthest), parties: owners })
      : msg('plan.flexibility.opportunity-free', params);
    const monthsMoved = round1([...moved.values()].reduce((sum, w) => sum + w.days, 0) / DAYS_PER_MONTH);
    // A coupling that needs less than a month of moving (or none) counts as a month, so a free one ranks high
    // without dividing by zero.
    const per = Math.max(monthsMoved, 1);
    out.push({
      months,
      segmentId,
      street: now[0]!.street,
      openingsSaved: then.length - now.length,
      householdDaysSaved,
      monthsMoved,
      openingsSavedPerMonth: Math.round(((then.length - now.length) / per) * 100) / 100,
      householdDaysSavedPerMonth: round1(householdDaysSaved / per),
      workIds: [...moved.keys()],
      parties: owners,
      message,
    });
  }
  return out;
}

/** Works outside their given window, each with the farthest its pieces lie outside (days) and its owner. */
function movedOut(openings: readonly Opening[]): Map<string, { days: number; owner: string; label: Message }> {
  const moved = new Map<string, { days: number; owner: string; label: Message }>();
  for (const o of openings) {
    for (const w of o.works) {
      const days = Math.abs(w.outsideWindow_days ?? 0);
      if (days === 0 || (moved.get(w.workId)?.days ?? 0) >= days) continue;
      moved.set(w.workId, { days, owner: w.owner, label: msg('plan.work', { type: workType(w.type), owner: w.owner }) });
    }
  }
  return moved;
}

function bySegment(openings: readonly Opening[]): Map<string, Opening[]> {
  const out = new Map<string, Opening[]>();
  for (const o of openings) out.set(o.segmentId, [...(out.get(o.segmentId) ?? []), o]);
  return out;
}

const openDays = (openings: readonly Opening[]) => openings.reduce((sum, o) => sum + dayOf(o.end) - dayOf(o.start) + 1, 0);
const ownersOf = (moved: ReadonlyMap<string, { owner: string }>) => [...new Set([...moved.values()].map((w) => w.owner))].sort();

/**
 * The plan a request asks for: on windows relaxed by `options.flexibility.months` (for its `parties`) when given,
 * else today's plan.
 *
 * @example planAsRequested(works, segments, { ...options, flexibility: { months: 3 } }, rules).metrics.openings // 2
 */
export function planAsRequested(works: readonly Work[], segments: readonly Segment[], options: PlanOptions, rules: PlanningRules, grouping?: GroupingOptions): Plan {
  const { months, parties } = options.flexibility ?? {};
  return months ? planWithFlexibility(works, segments, options, rules, { months, ...(parties ? { parties } : {}) }, undefined, grouping) : planProgramme(works, segments, options, rules, grouping);
}

/**
 * The what-if series a request asks for (`options.flexibility.series`), undefined when it asks none.
 *
 * @example flexibilityAsRequested(works, segments, { ...options, flexibility: { series: [0, 3] } }, rules)?.series.length // 2
 */
export function flexibilityAsRequested(works: readonly Work[], segments: readonly Segment[], options: PlanOptions, rules: PlanningRules, grouping?: GroupingOptions): PlanFlexibility | undefined {
  const { series, parties } = options.flexibility ?? {};
  return series ? flexibilitySeries(works, segments, options, rules, { months: series, ...(parties ? { parties } : {}) }, grouping) : undefined;
}
