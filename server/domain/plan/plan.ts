import { assignWorks } from './assign.ts';
import { dateOf, dayOf } from './dates.ts';
import { couplingOpportunities, dependencyViolations, explainShift, lateInfeasibility, round1 } from './explain.ts';
import { type GroupingOptions, groupSegments } from './grouping.ts';
import { type Model, buildModel, soloDays, soloDisruption } from './model.ts';
import { type Placement, placeOpenings } from './placement.ts';
import type { PlanningRules } from './planning-rules.ts';
import type { Opening, Plan, PlanOptions, ScheduledWork, Segment, StreetPart, Work } from './plan.types.ts';
import { streetParts } from './street-parts.ts';

/**
 * Plans a programme of works: one proposed street-opening sequence. Works are assigned to segments, each
 * segment's works are grouped into as few openings as their windows allow (deepest first inside each), and the
 * openings are placed in time against the moratorium, concurrency, neighbour and crew limits, nearest their
 * preferred dates. Every shift is explained; what cannot be satisfied is reported, never dropped.
 *
 * @example
 * const plan = planProgramme(works, segments, { horizonStart: '2026-06-01', moratoriumYears: 3, separateNeighbours: false }, readPlanningRulesFile('data/rules/planning.json'));
 * plan.metrics // { openings: 9, lowerBound: 9, baselineOpenings: 30, disruptionDaysSaved: 1234.5, ... }
 */
export function planProgramme(works: readonly Work[], segments: readonly Segment[], options: PlanOptions, rules: PlanningRules, grouping?: GroupingOptions): Plan {
  const model = buildModel(works, segments, assignWorks(works, segments, rules), options, rules);
  return planModel(model, options, grouping);
}

/** The heuristic on a built model (shared with the exact method, so both see the same programme). */
export function planModel(model: Model, options: PlanOptions, grouping?: GroupingOptions): Plan {
  const { groups, optima } = groupSegments(model, grouping);
  const placements = placeOpenings(model, groups, options);
  const ordered = [...placements].sort((a, b) => a.start - b.start || model.segments[a.group.segment]!.id.localeCompare(model.segments[b.group.segment]!.id));
  const parts = streetParts(model.segments.map((s) => s.segment));
  const openings = ordered.map((p) => opening(model, placements, p, parts));
  const infeasible = [...model.infeasible, ...placements.filter((p) => p.late).map((p) => lateInfeasibility(model, placements, p)), ...dependencyViolations(model, placements)];
  const violated = new Set<string>();
  let shift = 0;
  for (const o of openings) for (const w of o.works) shift += Math.abs(w.shift_days);
  for (const p of placements) {
    p.group.shape.order.forEach((i, k) => {
      const piece = model.pieces[i]!;
      const start = p.start + p.group.shape.offsets[k]!;
      if (start < piece.givenEarliest || start + piece.days - 1 > piece.givenLatestEnd) violated.add(piece.workId);
    });
  }
  const disruption = placements.reduce((sum, p) => sum + p.group.shape.disruption, 0);
  const baseline = model.pieces.reduce((sum, p) => sum + soloDisruption(model, p), 0);
  const lowerBound = optima.reduce((n, o) => n + o.bound, 0);
  const disruptionLowerBound = optima.reduce((n, o) => n + o.disruptionBound, 0);
  // Households, not the disruption weight: a segment without a count adds nothing rather than its length.
  const households = (segment: number) => model.segments[segment]!.segment.households ?? 0;
  const householdDays = placements.reduce((sum, p) => sum + p.group.shape.length * households(p.group.segment), 0);
  const baselineHouseholdDays = model.pieces.reduce((sum, p) => sum + soloDays(model, p) * households(p.segment), 0);
  return {
    openings,
    metrics: {
      openings: openings.length,
      lowerBound,
      segmentsWithWork: optima.length,
      gap_pct: gapPct(openings.length, lowerBound),
      disruptionLowerBound: round1(disruptionLowerBound),
      disruptionGap_pct: gapPct(disruption, disruptionLowerBound),
      baselineOpenings: model.pieces.length,
      disruptionDays: round1(disruption),
      baselineDisruptionDays: round1(baseline),
      disruptionDaysSaved: round1(baseline - disruption),
      windowViolations: violated.size,
      totalShiftDays: shift,
      householdDays,
      baselineHouseholdDays,
    },
    couplingOpportunities: couplingOpportunities(model, placements),
    infeasible,
    unassigned: [...model.unassigned],
  };
}

/** How far above its proven lower bound a plan is, in per cent with one decimal: 0 when it meets it. */
export function gapPct(value: number, bound: number): number {
  return bound > 0 ? Math.round((1000 * (value - bound)) / bound) / 10 : 0;
}

function opening(model: Model, placements: readonly Placement[], at: Placement, parts: ReadonlyMap<string, StreetPart>): Opening {
  const seg = model.segments[at.group.segment]!;
  const works: ScheduledWork[] = at.group.shape.order.map((i, k) => {
    const piece = model.pieces[i]!;
    const work = model.works.get(piece.workId)!;
    const start = at.start + at.group.shape.offsets[k]!;
    const preferred = work.properties.preferred_start;
    const shift = preferred ? start - dayOf(preferred) : 0;
    const message = explainShift(model, placements, at, k, shift);
    const { earliest_start: from, latest_end: to } = work.properties;
    return {
      workId: piece.workId,
      type: piece.type,
      owner: piece.owner,
      ...(piece.name ? { name: piece.name } : {}),
      start: dateOf(start),
      end: dateOf(start + piece.days - 1),
      shift_days: shift,
      ...(message ? { message } : {}),
      ...(from || to ? { window: { ...(from ? { from } : {}), ...(to ? { to } : {}) } } : {}),
    };
  });
  const part = parts.get(seg.id);
  return {
    id: `${seg.id}@${dateOf(at.start)}`,
    segmentId: seg.id,
    street: seg.street,
    start: dateOf(at.start),
    end: dateOf(at.start + at.group.shape.length - 1),
    works,
    geometry: seg.segment.geometry,
    ...(part ? { part } : {}),
  };
}
