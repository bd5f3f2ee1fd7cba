import { type Message, msg } from '../message.ts';
import type { Assignment } from './assign.ts';
import { type Constraints, buildConstraints } from './constraints.ts';
import { dayOf, yearsInDays } from './dates.ts';
import type { PlanningRules } from './planning-rules.ts';
import type { Infeasibility, PlanOptions, Segment, Work, WorkType } from './plan.types.ts';

/** One work on one segment as the planner schedules it, in day numbers. */
export interface Piece {
  index: number;
  workId: string;
  segment: number;
  type: WorkType;
  owner: string;
  name?: string;
  length_m: number;
  /** Calendar days on site. */
  days: number;
  /** The window the planner keeps to: the work's own, moved past a moratorium or stretched to fit its duration. */
  earliest: number;
  latestEnd: number;
  /** The window as the work gave it, to count violations against. */
  givenEarliest: number;
  givenLatestEnd: number;
  preferred: number;
  /** Position in the depth order (0 = deepest type). */
  rank: number;
  depth: number;
}

export interface SegmentModel {
  index: number;
  id: string;
  street: string;
  segment: Segment;
  /** Disruption weight per open day: households when known, else length / 100 m. */
  weight: number;
  /** Calendar days to close and reinstate an opening that has no repaving work of its own. */
  reinstateDays: number;
  /** First day an opening may start after the segment's last repaving (moratorium). */
  openFrom: number;
  neighbours: number[];
  pieces: number[];
}

/** The programme in day numbers: what both the heuristic and the exact method plan. */
export interface Model {
  pieces: Piece[];
  segments: SegmentModel[];
  moratoriumDays: number;
  horizonStart: number;
  /** Works that cannot keep their window whatever the plan does, found before planning. */
  infeasible: Infeasibility[];
  unassigned: string[];
  works: Map<string, Work>;
  /** Blackouts, district limits, diversions and dependencies (constraints.ts). */
  constraints: Constraints;
}

/** An opening's shape before it is placed: its works in depth order, their offsets and its start window. */
export interface OpeningShape {
  order: number[];
  offsets: number[];
  length: number;
  paving: boolean;
  earliestStart: number;
  latestStart: number;
  /** Start that keeps the works nearest their preferred dates, inside the start window. */
  idealStart: number;
  disruption: number;
}

/**
 * Turns works, their segment assignment, options and rules into the day-numbered model the planner works on.
 * Windows that cannot hold their work (too short, in the past, inside a moratorium) are stretched so a plan
 * exists, and each is reported as an infeasibility.
 *
 * @example const model = buildModel(works, segments, assignWorks(works, segments, rules), options, rules);
 */
export function buildModel(works: readonly Work[], segments: readonly Segment[], assignment: Assignment, options: PlanOptions, rules: PlanningRules): Model {
  const horizonStart = dayOf(options.horizonStart);
  const moratoriumDays = yearsInDays(options.moratoriumYears);
  const calendar = (workingDays: number) => Math.max(1, Math.ceil((workingDays * rules.calendarDaysPerWorkingWeek) / 5));
  const byId = new Map(segments.map((s, i) => [s.id, i]));
  const segs: SegmentModel[] = segments.map((segment, index) => ({
    index,
    id: segment.id,
    street: segment.street,
    segment,
    weight: segment.households !== undefined && segment.households > 0 ? segment.households : Math.max(segment.length_m, 1) / 100,
    reinstateDays: calendar((rules.reinstatementDaysPer100m * segment.length_m) / 100),
    openFrom: segment.paved_on ? dayOf(segment.paved_on) + moratoriumDays : -Infinity,
    neighbours: (segment.neighbours ?? []).map((n) => byId.get(n)).filter((n): n is number => n !== undefined && n !== index),
    pieces: [],
  }));
  const workMap = new Map(works.map((w) => [w.id, w]));
  const infeasible: Infeasibility[] = [];
  const reported = new Set<string>();
  const pieces: Piece[] = [];
  const horizonEnd = horizonStart + yearsInDays(rules.horizonYears);
  for (const a of assignment.pieces) {
    const work = workMap.get(a.workId)!;
    const p = work.properties;
    const seg = segs[byId.get(a.segmentId)!]!;
    const days = calendar(a.workingDays);
    const givenEarliest = p.earliest_start ? dayOf(p.earliest_start) : horizonStart;
    const givenLatestEnd = p.latest_end ? dayOf(p.latest_end) : Math.max(horizonEnd, givenEarliest + days - 1);
    let earliest = Math.max(givenEarliest, horizonStart);
    let latestEnd = givenLatestEnd;
    const report = (reason: Infeasibility['reason'], message: Message) => {
      if (reported.has(`${work.id}:${reason}`)) return;
      reported.add(`${work.id}:${reason}`);
      infeasible.push({ workIds: [work.id], reason, message });
    };
    if (earliest < seg.openFrom) {
      earliest = seg.openFrom;
      if (latestEnd - earliest + 1 < days) {
        report('moratorium', msg('plan.infeasible.moratorium', {
          work: label(work), street: seg.street, latestEnd: isoOf(givenLatestEnd), pavedOn: seg.segment.paved_on!, years: options.moratoriumYears, openFrom: isoOf(seg.openFrom),
        }));
      }
    } else if (latestEnd - earliest + 1 < days) {
      report('window-too-short', msg('plan.infeasible.window-too-short', {
        work: label(work), street: seg.street, days, from: isoOf(earliest), to: isoOf(latestEnd), holds: Math.max(0, latestEnd - earliest + 1),
      }));
    }
    latestEnd = Math.max(latestEnd, earliest + days - 1);
    const preferred = Math.min(Math.max(p.preferred_start ? dayOf(p.preferred_start) : earliest, earliest), latestEnd - days + 1);
    const piece: Piece = {
      index: pieces.length, workId: work.id, segment: seg.index, type: p.type, owner: p.owner, length_m: a.length_m, days,
      earliest, latestEnd, givenEarliest, givenLatestEnd, preferred,
      rank: rules.depthOrder.indexOf(p.type), depth: p.depth_m ?? 0,
      ...(p.name ? { name: p.name } : {}),
    };
    pieces.push(piece);
    seg.pieces.push(piece.index);
  }
  for (const id of assignment.unassigned) {
    const work = workMap.get(id);
    infeasible.push({ workIds: [id], reason: 'no-segment', message: msg('plan.infeasible.no-segment', { work: work ? label(work) : id }) });
  }
  // Yearly blackouts are spelled out as far as a late opening may be searched for (placement's 20 years).
  const until = pieces.reduce((max, p) => Math.max(max, p.latestEnd), horizonEnd) + yearsInDays(21);
  const constraints = buildConstraints(segments, options, rules, horizonStart, until);
  return { pieces, segments: segs, moratoriumDays, horizonStart, infeasible, unassigned: assignment.unassigned, works: workMap, constraints };
}

/**
 * The shape of one opening holding `members` on one segment: works in depth order (deepest type first, then
 * deepest `depth_m`), one after another, then reinstatement unless a repaving work closes it. Undefined when no
 * start day keeps every work inside its window.
 */
export function openingShape(model: Model, members: readonly number[]): OpeningShape | undefined {
  const order = [...members].sort((a, b) => byDepth(model.pieces[a]!, model.pieces[b]!));
  const seg = model.segments[model.pieces[order[0]!]!.segment]!;
  let offset = 0;
  let earliestStart = -Infinity;
  let latestStart = Infinity;
  const offsets: number[] = [];
  const wishes: number[] = [];
  let paving = false;
  for (const i of order) {
    const p = model.pieces[i]!;
    offsets.push(offset);
    earliestStart = Math.max(earliestStart, p.earliest - offset);
    latestStart = Math.min(latestStart, p.latestEnd - p.days + 1 - offset);
    wishes.push(p.preferred - offset);
    offset += p.days;
    paving ||= p.type === 'paving';
  }
  if (earliestStart > latestStart) return undefined;
  if (!keepsDependencies(model, order, offsets)) return undefined;
  const length = offset + (paving ? 0 : seg.reinstateDays);
  wishes.sort((a, b) => a - b);
  const median = wishes[(wishes.length - 1) >> 1]!;
  return { order, offsets, length, paving, earliestStart, latestStart, idealStart: Math.min(Math.max(median, earliestStart), latestStart), disruption: length * seg.weight };
}

/**
 * False when a work in the opening would start before a work it depends on (in the same opening) has ended, plus
 * the gap: the depth order fixes the order inside an opening, so such works go to separate openings.
 */
function keepsDependencies(model: Model, order: readonly number[], offsets: readonly number[]): boolean {
  const predecessors = model.constraints.predecessors;
  if (predecessors.size === 0 || order.length < 2) return true;
  for (let k = 0; k < order.length; k++) {
    const deps = predecessors.get(model.pieces[order[k]!]!.workId);
    if (!deps) continue;
    for (const { before, gapDays } of deps) {
      for (let j = 0; j < order.length; j++) {
        const p = model.pieces[order[j]!]!;
        if (p.workId === before && offsets[k]! < offsets[j]! + p.days + gapDays) return false;
      }
    }
  }
  return true;
}

/** Days a work keeps its segment open in an opening of its own: its days, then reinstatement unless it repaves. */
export function soloDays(model: Model, piece: Piece): number {
  return piece.days + (piece.type === 'paving' ? 0 : model.segments[piece.segment]!.reinstateDays);
}

/** Disruption of a work in an opening of its own: the uncoordinated baseline. */
export function soloDisruption(model: Model, piece: Piece): number {
  return soloDays(model, piece) * model.segments[piece.segment]!.weight;
}

export const byDepth = (a: Piece, b: Piece) => a.rank - b.rank || b.depth - a.depth || (a.workId < b.workId ? -1 : a.workId > b.workId ? 1 : 0);

/**
 * A work as a resident would name it, "sewer replacement (Gemeente Rotterdam)": its type's catalogue label
 * (`plan.work-type.<type>`, the one the exports and letters use too) and its owner.
 *
 * @example label(piece) // { code: 'plan.work', params: { type: { code: 'plan.work-type.sewer' }, owner: 'Gemeente Rotterdam' } }
 */
export function label(work: Work | Piece): Message {
  const type = 'properties' in work ? work.properties.type : work.type;
  const owner = 'properties' in work ? work.properties.owner : work.owner;
  return msg('plan.work', { type: workType(type), owner });
}

/** @example workType('heat') // { code: 'plan.work-type.heat' } */
export const workType = (type: WorkType): Message => msg(`plan.work-type.${type}`);

export const isoOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
