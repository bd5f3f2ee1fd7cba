import { type Model, type OpeningShape, openingShape } from './model.ts';

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
}

interface Cost { count: number; disruption: number; shift: number }
const better = (a: Cost, b: Cost) => a.count - b.count || a.disruption - b.disruption || a.shift - b.shift;

/**
 * Groups each segment's works into as few openings as their windows allow (then least disruption, then least
 * shift), keeping the openings of one segment schedulable one after another with the moratorium after repaving.
 * Up to `exhaustiveUpTo` works per segment the partition is searched exhaustively (branch and bound over the
 * feasible subsets); above it, works sorted by latest start go first-fit into the opening they can share.
 *
 * @example groupSegments(model).length // openings before placement
 */
export function groupSegments(model: Model, { exhaustiveUpTo = 12, maxLeaves = 20_000 }: GroupingOptions = {}): Group[] {
  const groups: Group[] = [];
  for (const seg of model.segments) {
    if (seg.pieces.length === 0) continue;
    const partition = seg.pieces.length <= exhaustiveUpTo ? search(model, seg.pieces, maxLeaves) : greedy(model, seg.pieces);
    for (const members of partition) groups.push({ segment: seg.index, members, shape: openingShape(model, members)! });
  }
  return groups;
}

function search(model: Model, pieces: readonly number[], maxLeaves: number): number[][] {
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
  return (best ?? fallback)!.blocks.map((m) => members(m, pieces));
}

function greedy(model: Model, pieces: readonly number[]): number[][] {
  const latestStart = (i: number) => model.pieces[i]!.latestEnd - model.pieces[i]!.days;
  const sorted = [...pieces].sort((a, b) => latestStart(a) - latestStart(b));
  const open: number[][] = [];
  for (const i of sorted) {
    let placed = false;
    for (const g of open) {
      if (openingShape(model, [...g, i])) {
        g.push(i);
        placed = true;
        break;
      }
    }
    if (!placed) open.push([i]);
  }
  // Merge what first-fit left apart.
  for (let a = 0; a < open.length; a++) {
    for (let b = open.length - 1; b > a; b--) {
      if (openingShape(model, [...open[a]!, ...open[b]!])) {
        open[a] = [...open[a]!, ...open[b]!];
        open.splice(b, 1);
      }
    }
  }
  return open;
}

/**
 * True when one segment's openings can follow each other inside their windows, none starting within the
 * moratorium after an opening that repaved. Left-justified placement per order; every order up to 6 openings.
 */
export function sequenceable(model: Model, shapes: readonly OpeningShape[]): boolean {
  if (shapes.length <= 1) return true;
  const tryOrder = (order: readonly OpeningShape[]) => {
    let free = -Infinity;
    for (const s of order) {
      const start = Math.max(s.earliestStart, free);
      if (start > s.latestStart) return false;
      free = start + s.length + (s.paving ? model.moratoriumDays : 0);
    }
    return true;
  };
  const byDeadline = [...shapes].sort((a, b) => a.latestStart - b.latestStart);
  if (tryOrder(byDeadline)) return true;
  if (shapes.length > 6) return false;
  return permutations(shapes).some(tryOrder);
}

function shiftAt(model: Model, shape: OpeningShape, start: number): number {
  return shape.order.reduce((sum, i, k) => sum + Math.abs(start + shape.offsets[k]! - model.pieces[i]!.preferred), 0);
}

function members(mask: number, pieces: readonly number[]): number[] {
  const out: number[] = [];
  for (let k = 0; k < pieces.length; k++) if (mask & (1 << k)) out.push(pieces[k]!);
  return out;
}

function popcount(x: number): number {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}
