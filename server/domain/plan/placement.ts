import { blackoutHit, districtLimit } from './constraints.ts';
import type { Group } from './grouping.ts';
import type { Model } from './model.ts';
import type { PlanOptions, WorkType } from './plan.types.ts';

/** Why an opening could not start on a day. */
export interface Block {
  kind: 'segment-busy' | 'moratorium' | 'capacity' | 'neighbour' | 'crew' | 'blackout' | 'district-capacity' | 'dependency' | 'diversion';
  /** Groups (indices into the placement's groups) that hold the day. */
  by: number[];
  type?: WorkType;
  /** For 'blackout': the blackout (index into the model's constraints) and the period it would cross. */
  blackout?: number;
  period?: readonly [number, number];
  /** For 'district-capacity': the district that is full. */
  district?: string;
  /** For 'dependency': the work that must be finished first, and the first day the work waiting for it may start. */
  work?: string;
  ready?: number;
}

export interface Placement {
  group: Group;
  start: number;
  /** What kept it off its ideal start, when it moved for a reason other than its own works. */
  moved?: Block;
  /** Set when no day inside the windows was free: it was placed after its window, blocked by this. */
  late?: Block;
}

interface Interval { start: number; end: number; paving: boolean; group: number }

const LATE_SEARCH_DAYS = 20 * 366;

/**
 * Places openings in time, deadline first (least start freedom first), each on the free day nearest its ideal
 * start: no two openings of a segment at once, none within the moratorium after a repaving opening, at most
 * `maxOpenSegments` open on any day, neighbours apart when `separateNeighbours`, crews per work type; and the
 * constraints of the model: no opening on a blackout day (typed blackouts: no work of the type on site), at most the
 * district's limit open per district, a segment and its diversion route never closed together, and a work that
 * depends on another starting after it ends (so predecessors are placed first). An opening with no free day in its
 * window goes to the first free day after it and says what blocked it.
 *
 * @example placeOpenings(model, groupSegments(model), options).map((p) => p.start)
 */
export function placeOpenings(model: Model, groups: readonly Group[], options: PlanOptions): Placement[] {
  const bySegment = new Map<number, Interval[]>();
  const open = new Map<number, number[]>();
  const crews = new Map<string, Map<number, number[]>>();
  const maxOpen = options.maxOpenSegments ?? Infinity;
  const M = model.moratoriumDays;
  const placements: Placement[] = new Array(groups.length);
  const byDeadline = groups.map((_, i) => i).sort((a, b) => groups[a]!.shape.latestStart - groups[b]!.shape.latestStart || groups[a]!.shape.earliestStart - groups[b]!.shape.earliestStart || a - b);
  const c = model.constraints;
  const { order, waitsFor } = predecessorsFirst(model, groups, byDeadline);
  const districtOpen = new Map<string, Map<number, number[]>>();

  const check = (gi: number, S: number): Block | undefined => {
    const g = groups[gi]!;
    const E = S + g.shape.length - 1;
    for (const { k, before, gapDays } of waitsFor[gi] ?? []) {
      const ready = finished(before) + gapDays + 1;
      if (S + g.shape.offsets[k]! < ready) return { kind: 'dependency', by: [...groupsOf(before)], work: before, ready };
    }
    for (let bi = 0; bi < c.blackouts.length; bi++) {
      const b = c.blackouts[bi]!;
      if (b.districts && !b.districts.has(c.districts[g.segment]!)) continue;
      if (!b.types) {
        const period = blackoutHit(b, S, E);
        if (period) return { kind: 'blackout', by: [], blackout: bi, period };
        continue;
      }
      for (let k = 0; k < g.shape.order.length; k++) {
        const p = model.pieces[g.shape.order[k]!]!;
        if (!b.types.has(p.type)) continue;
        const period = blackoutHit(b, S + g.shape.offsets[k]!, S + g.shape.offsets[k]! + p.days - 1);
        if (period) return { kind: 'blackout', by: [], blackout: bi, period, type: p.type };
      }
    }
    for (const I of bySegment.get(g.segment) ?? []) {
      if (E >= I.start && S <= I.end) return { kind: 'segment-busy', by: [I.group] };
      if (I.paving && E >= I.start && S < I.end + M) return { kind: 'moratorium', by: [I.group] };
      if (g.shape.paving && I.end >= S && I.start < E + M) return { kind: 'moratorium', by: [I.group] };
    }
    if (options.separateNeighbours) {
      for (const n of model.segments[g.segment]!.neighbours) {
        for (const I of bySegment.get(n) ?? []) if (E >= I.start && S <= I.end) return { kind: 'neighbour', by: [I.group] };
      }
    }
    if (maxOpen < Infinity) {
      for (let d = S; d <= E; d++) {
        const here = open.get(d);
        if (here && here.length >= maxOpen) return { kind: 'capacity', by: [...here] };
      }
    }
    if (options.crews) {
      for (let k = 0; k < g.shape.order.length; k++) {
        const p = model.pieces[g.shape.order[k]!]!;
        const limit = options.crews[p.type];
        if (limit === undefined) continue;
        const days = crews.get(p.type);
        const from = S + g.shape.offsets[k]!;
        for (let d = from; d < from + p.days; d++) {
          const here = days?.get(d);
          if (here && here.length >= limit) return { kind: 'crew', by: [...here], type: p.type };
        }
      }
    }
    const district = c.districts[g.segment];
    const limit = districtLimit(c, district);
    if (limit !== undefined) {
      const days = districtOpen.get(district!);
      for (let d = S; d <= E; d++) {
        const here = days?.get(d);
        if (here && here.length >= limit) return { kind: 'district-capacity', by: [...here], district: district! };
      }
    }
    for (const n of c.diversions[g.segment]!) {
      for (const I of bySegment.get(n) ?? []) if (E >= I.start && S <= I.end) return { kind: 'diversion', by: [I.group] };
    }
    return undefined;
  };

  // Where each work's pieces went, so a work that depends on it knows when it ends.
  const placedPieces = new Map<string, { group: number; end: number }[]>();
  const groupsOf = (work: string) => new Set((placedPieces.get(work) ?? []).map((p) => p.group));
  const finished = (work: string) => Math.max(-Infinity, ...(placedPieces.get(work) ?? []).map((p) => p.end));

  const commit = (gi: number, S: number) => {
    const g = groups[gi]!;
    const E = S + g.shape.length - 1;
    const list = bySegment.get(g.segment) ?? [];
    list.push({ start: S, end: E, paving: g.shape.paving, group: gi });
    bySegment.set(g.segment, list);
    if (c.predecessors.size > 0) g.shape.order.forEach((i, k) => {
      const p = model.pieces[i]!;
      (placedPieces.get(p.workId) ?? placedPieces.set(p.workId, []).get(p.workId)!).push({ group: gi, end: S + g.shape.offsets[k]! + p.days - 1 });
    });
    const district = c.districts[g.segment];
    if (districtLimit(c, district) !== undefined) {
      const days = districtOpen.get(district!) ?? districtOpen.set(district!, new Map()).get(district!)!;
      for (let d = S; d <= E; d++) (days.get(d) ?? days.set(d, []).get(d)!).push(gi);
    }
    if (maxOpen < Infinity) for (let d = S; d <= E; d++) (open.get(d) ?? open.set(d, []).get(d)!).push(gi);
    if (options.crews) {
      g.shape.order.forEach((i, k) => {
        const p = model.pieces[i]!;
        if (options.crews![p.type] === undefined) return;
        const days = crews.get(p.type) ?? crews.set(p.type, new Map()).get(p.type)!;
        const from = S + g.shape.offsets[k]!;
        for (let d = from; d < from + p.days; d++) (days.get(d) ?? days.set(d, []).get(d)!).push(gi);
      });
    }
  };

  for (const gi of order) {
    const { earliestStart: a, latestStart: b, idealStart: ideal } = groups[gi]!.shape;
    const atIdeal = check(gi, ideal);
    let start: number | undefined = atIdeal ? undefined : ideal;
    for (let step = 1; start === undefined && (ideal - step >= a || ideal + step <= b); step++) {
      if (ideal + step <= b && !check(gi, ideal + step)) start = ideal + step;
      else if (ideal - step >= a && !check(gi, ideal - step)) start = ideal - step;
    }
    if (start !== undefined) {
      placements[gi] = { group: groups[gi]!, start, ...(atIdeal ? { moved: atIdeal } : {}) };
    } else {
      const blocked = check(gi, b) ?? atIdeal!;
      let late = b + 1;
      while (check(gi, late) && late < b + LATE_SEARCH_DAYS) late++;
      start = late;
      placements[gi] = { group: groups[gi]!, start, late: blocked };
    }
    commit(gi, start);
  }
  return placements;
}

/**
 * The order to place openings in: deadline first, except that an opening holding a work another depends on goes
 * before the opening of that work. Without dependencies it is the deadline order unchanged. Openings that wait for
 * each other (two works each ahead of the other's opening) are taken in deadline order; what that breaks is reported
 * after placement (dependencyViolations).
 */
function predecessorsFirst(model: Model, groups: readonly Group[], byDeadline: readonly number[]): { order: number[]; waitsFor: { k: number; before: string; gapDays: number }[][] } {
  const predecessors = model.constraints.predecessors;
  const waitsFor: { k: number; before: string; gapDays: number }[][] = groups.map(() => []);
  if (predecessors.size === 0) return { order: [...byDeadline], waitsFor };
  const groupsOfWork = new Map<string, Set<number>>();
  groups.forEach((g, gi) => g.members.forEach((i) => {
    const id = model.pieces[i]!.workId;
    (groupsOfWork.get(id) ?? groupsOfWork.set(id, new Set()).get(id)!).add(gi);
  }));
  const after = groups.map(() => new Set<number>());
  const pending = groups.map(() => 0);
  groups.forEach((g, gi) => g.shape.order.forEach((i, k) => {
    for (const { before, gapDays } of predecessors.get(model.pieces[i]!.workId) ?? []) {
      const holders = groupsOfWork.get(before);
      if (!holders) continue;
      waitsFor[gi]!.push({ k, before, gapDays });
      for (const h of holders) if (h !== gi && !after[h]!.has(gi)) (after[h]!.add(gi), pending[gi]!++);
    }
  }));
  const rank = new Array<number>(groups.length);
  byDeadline.forEach((gi, r) => (rank[gi] = r));
  const ready = new MinHeap();
  for (const gi of byDeadline) if (pending[gi] === 0) ready.push(rank[gi]!);
  const order: number[] = [];
  const taken = new Set<number>();
  while (order.length < groups.length) {
    let r = ready.pop();
    // A cycle between openings: take the most urgent one still waiting.
    if (r === undefined) r = rank[byDeadline.find((gi) => !taken.has(gi))!]!;
    const gi = byDeadline[r]!;
    if (taken.has(gi)) continue;
    taken.add(gi);
    order.push(gi);
    for (const n of after[gi]!) if (--pending[n]! === 0 && !taken.has(n)) ready.push(rank[n]!);
  }
  return { order, waitsFor };
}

/** A binary heap of numbers, smallest first. */
class MinHeap {
  private items: number[] = [];
  push(x: number): void {
    const a = this.items;
    a.push(x);
    for (let i = a.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (a[parent]! <= a[i]!) break;
      [a[parent], a[i]] = [a[i]!, a[parent]!];
      i = parent;
    }
  }
  pop(): number | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]! < a[m]!) m = l;
        if (r < a.length && a[r]! < a[m]!) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

/**
 * True when a plan with these options uses constraints the exact MILP (exact.ts) does not model: blackouts, district
 * limits, dependencies or diversions, from the options or, given the model, from the rule file and the streets layer.
 * Its optimum is then no bound for the heuristic's plan.
 *
 * @example usesUnmodelledConstraints({ horizonStart: '2026-06-01', moratoriumYears: 3, separateNeighbours: false }) // false
 * @example usesUnmodelledConstraints({ ...options, dependencies: [{ before: 'main', after: 'branch' }] }) // true
 */
export function usesUnmodelledConstraints(options: PlanOptions, model?: Pick<Model, 'constraints'>): boolean {
  const inOptions = !!(options.blackouts?.length || Object.keys(options.maxOpenPerDistrict ?? {}).length || options.dependencies?.length || options.diversions?.length);
  if (inOptions || !model) return inOptions;
  const c = model.constraints;
  return c.blackouts.length > 0 || c.districtLimits.size > 0 || c.predecessors.size > 0 || c.diversions.some((d) => d.length > 0);
}
