import type { Group } from './grouping.ts';
import type { Model } from './model.ts';
import type { PlanOptions, WorkType } from './plan.types.ts';

/** Why an opening could not start on a day. */
export interface Block {
  kind: 'segment-busy' | 'moratorium' | 'capacity' | 'neighbour' | 'crew';
  /** Groups (indices into the placement's groups) that hold the day. */
  by: number[];
  type?: WorkType;
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
 * `maxOpenSegments` open on any day, neighbours apart when `separateNeighbours`, crews per work type. An opening
 * with no free day in its window goes to the first free day after it and says what blocked it.
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
  const order = groups.map((_, i) => i).sort((a, b) => groups[a]!.shape.latestStart - groups[b]!.shape.latestStart || groups[a]!.shape.earliestStart - groups[b]!.shape.earliestStart || a - b);

  const check = (gi: number, S: number): Block | undefined => {
    const g = groups[gi]!;
    const E = S + g.shape.length - 1;
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
    return undefined;
  };

  const commit = (gi: number, S: number) => {
    const g = groups[gi]!;
    const E = S + g.shape.length - 1;
    const list = bySegment.get(g.segment) ?? [];
    list.push({ start: S, end: E, paving: g.shape.paving, group: gi });
    bySegment.set(g.segment, list);
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
