import type { Highs } from 'highs';
import { type Model, type OpeningShape, openingShape } from './model.ts';
import { type SegmentBlock, type SegmentOptimum, firstFit, freeAfter, members, segmentOptimum } from './segment-optimum.ts';

/** A proposed opening before placement: its member pieces and shape. */
export interface Group {
  segment: number;
  members: number[];
  shape: OpeningShape;
}

export interface GroupingOptions {
  /** Segments with more works than this are grouped greedily instead of searched exhaustively. */
  exhaustiveUpTo?: number;
  /** Partitions evaluated per segment before the search settles for the best so far. */
  maxLeaves?: number;
  /** HiGHS, loaded by the caller: segments too large for the exhaustive search are then solved as a MILP. */
  solver?: Highs;
  /**
   * Clock per segment MILP (default 10 s) and for all of one plan's together (20 s), beyond the node limit that
   * normally ends each first (so a plan does not depend on the machine): segments after it keep the relaxation.
   */
  milpSeconds?: number;
  milpBudgetSeconds?: number;
}

interface Cost { count: number; disruption: number; shift: number }
const better = (a: Cost, b: Cost) => a.count - b.count || a.disruption - b.disruption || a.shift - b.shift;

/**
 * Groups each segment's works into as few openings as their windows allow (then least disruption, then least
 * shift), keeping the openings of one segment schedulable one after another with the moratorium after repaving.
 * Each segment's minimum is proven first (`segmentOptimum`: a DP over subsets, or a MILP for large segments);
 * up to `exhaustiveUpTo` works the partition search then picks, among partitions with that many openings, the one
 * nearest the preferred dates. Where only the proven partition reaches the minimum it is used, its openings given
 * the start windows that keep the segment's later openings feasible.
 *
 * @example const { groups, optima } = groupSegments(model); groups.length // openings before placement
 */
export function groupSegments(model: Model, { exhaustiveUpTo = 12, maxLeaves = 20_000, solver, milpSeconds = 10, milpBudgetSeconds = 20 }: GroupingOptions = {}): { groups: Group[]; optima: SegmentOptimum[] } {
  const groups: Group[] = [];
  const optima: SegmentOptimum[] = [];
  const deadline = performance.now() + milpBudgetSeconds * 1000;
  for (const seg of model.segments) {
    if (seg.pieces.length === 0) continue;
    const left = (deadline - performance.now()) / 1000;
    const optimum = segmentOptimum(model, seg, solver && left > 0.01 ? { solver, milpSeconds: Math.min(milpSeconds, left) } : {});
    optima.push(optimum);
    const searched = seg.pieces.length <= exhaustiveUpTo ? search(model, seg.pieces, maxLeaves, optimum.blocks?.length ?? Infinity) : undefined;
    if (searched && (!optimum.blocks || (searched.sequenceable && searched.blocks.length <= optimum.blocks.length))) {
      for (const members of searched.blocks) groups.push({ segment: seg.index, members, shape: openingShape(model, members)! });
    } else if (optimum.blocks) {
      for (const block of optimum.blocks) groups.push({ segment: seg.index, members: block.members, shape: windowed(block) });
    } else {
      for (const members of firstFit(model, seg.pieces)) groups.push({ segment: seg.index, members, shape: openingShape(model, members)! });
    }
  }
  return { groups, optima };
}

/** A proven partition's opening with the start window that leaves its successors room. */
function windowed({ shape, earliest, latest }: SegmentBlock): OpeningShape {
  return { ...shape, earliestStart: earliest, latestStart: latest, idealStart: Math.min(Math.max(shape.idealStart, earliest), latest) };
}

/** Partitions with at most `target` openings (the proven minimum), least disruption then least shift first. */
function search(model: Model, pieces: readonly number[], maxLeaves: number, target: number): { blocks: number[][]; sequenceable: boolean } | undefined {
  const n = pieces.length;
  const shapes = new Map<number, OpeningShape>();
  // Feasible blocks by their lowest member, so each partition is enumerated once.
  const blocksByLow: number[][] = Array.from({ length: n }, () => []);
  for (let mask = 1; mask < 1 << n; mask++) {
    const shape = openingShape(model, members(mask, pieces));
    if (!shape) continue;
    shapes.set(mask, shape);
    blocksByLow[31 - Math.clz32(mask & -mask)]!.push(mask);
  }
  for (const list of blocksByLow) list.sort((a, b) => popcount(b) - popcount(a));
  let best: { cost: Cost; blocks: number[] } | undefined;
  let fallback: { cost: Cost; blocks: number[] } | undefined;
  let leaves = 0;
  const chosen: number[] = [];
  const visit = (rest: number, cost: Cost) => {
    if (leaves >= maxLeaves) return;
    if (cost.count + (rest ? 1 : 0) > target) return;
    if (best && cost.count + (rest ? 1 : 0) > best.cost.count) return;
    if (rest === 0) {
      leaves++;
      const candidate = { cost: { ...cost }, blocks: [...chosen] };
      if (!fallback || better(candidate.cost, fallback.cost) < 0) fallback = candidate;
      if ((!best || better(candidate.cost, best.cost) < 0) && sequenceable(model, chosen.map((m) => shapes.get(m)!))) best = candidate;
      return;
    }
    const low = 31 - Math.clz32(rest & -rest);
    for (const block of blocksByLow[low]!) {
      if ((block & rest) !== block) continue;
      const shape = shapes.get(block)!;
      chosen.push(block);
      visit(rest & ~block, { count: cost.count + 1, disruption: cost.disruption + shape.disruption, shift: cost.shift + shiftAt(model, shape, shape.idealStart) });
      chosen.pop();
    }
  };
  visit((1 << n) - 1, { count: 0, disruption: 0, shift: 0 });
  // No partition fits one segment's moratorium: keep the fewest openings; placement reports what breaks.
  const chosenPartition = best ?? fallback;
  if (!chosenPartition) return undefined;
  return { blocks: chosenPartition.blocks.map((m) => members(m, pieces)), sequenceable: best !== undefined };
}

/**
 * True when one segment's openings can follow each other inside their windows, none starting within the
 * moratorium after an opening that repaved: exact, by a DP over subsets of openings keeping the earliest day the
 * segment is free again (placing one sooner never hurts the rest).
 */
export function sequenceable(model: Model, shapes: readonly OpeningShape[]): boolean {
  if (shapes.length <= 1) return true;
  if (shapes.length > 16) return false;
  const full = (1 << shapes.length) - 1;
  const free = new Array<number>(full + 1).fill(Infinity);
  free[0] = -Infinity;
  for (let done = 0; done < full; done++) {
    if (free[done] === Infinity) continue;
    shapes.forEach((s, k) => {
      if (done & (1 << k)) return;
      const start = Math.max(s.earliestStart, free[done]!);
      if (start > s.latestStart) return;
      const next = done | (1 << k);
      free[next] = Math.min(free[next]!, freeAfter(model, s, start));
    });
  }
  return free[full]! < Infinity;
}

function shiftAt(model: Model, shape: OpeningShape, start: number): number {
  return shape.order.reduce((sum, i, k) => sum + Math.abs(start + shape.offsets[k]! - model.pieces[i]!.preferred), 0);
}


function popcount(x: number): number {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}

