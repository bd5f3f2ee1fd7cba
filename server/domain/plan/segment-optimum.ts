import type { Highs } from 'highs';
import { type Model, type OpeningShape, type SegmentModel, byDepth, openingShape } from './model.ts';

/** One opening of a segment's best known partition, with the start window that keeps the later ones feasible. */
export interface SegmentBlock {
  members: number[];
  shape: OpeningShape;
  /** First day it can start after the segment's earlier openings (left-justified). */
  earliest: number;
  /** Last day it can start and still leave room for the segment's later openings. */
  latest: number;
}

export interface SegmentOptimum {
  segment: number;
  /** Proven lower bound on the openings of this segment in any plan that keeps every window. */
  bound: number;
  /** True when `blocks` attain `bound`: the segment's exact minimum, proven. */
  exact: boolean;
  /** How the bound was proven: exhaustive subset DP, a MILP solved to optimality, or a relaxation only. */
  method: 'dp' | 'milp' | 'relaxation';
  /** The best known openings of the segment in time order, when a partition that keeps every window is known. */
  blocks?: SegmentBlock[];
  /** Proven lower bound on the segment's disruption days (open days × weight). */
  disruptionBound: number;
  /** Proven: no partition of the segment's works keeps every window (a moratorium squeezes it). */
  infeasible?: true;
}

export interface SegmentOptimumOptions {
  /** Up to this many works on a segment the minimum is found by an exhaustive DP over subsets (3^n). */
  dpUpTo?: number;
  /** HiGHS, loaded by the caller: larger segments are then solved as a small MILP. */
  solver?: Highs;
  /** Time limit per segment MILP. */
  milpSeconds?: number;
}

export const DP_UP_TO = 12;

/** Branch-and-bound nodes one segment MILP may explore (HiGHS `mip_max_nodes`). */
export const MILP_NODES = 500;

/**
 * The fewest openings one segment needs for its works when every other segment is ignored: every work inside its
 * window, depth order inside an opening, no two openings of the segment at once, none within the moratorium after
 * one that repaved. Segments only interact through district-wide limits (concurrency, neighbours, crews), so the
 * sum over segments is a proven lower bound for the whole programme, and with no such limits it is the optimum.
 *
 * Up to `dpUpTo` works it is exact by a DP over subsets: the state is the set of works already done and the
 * earliest day the segment is free again (less is always at least as good), Pareto-kept per number of openings
 * without a repaving work of their own (they add reinstatement days). Larger segments take a MILP when a solver is
 * given, else the bound of a relaxation: works that pairwise cannot share an opening each need their own.
 *
 * @example segmentOptimum(model, model.segments[0]) // { bound: 2, exact: true, method: 'dp', blocks: [...], disruptionBound: 812.4 }
 */
export function segmentOptimum(model: Model, seg: SegmentModel, options: SegmentOptimumOptions = {}): SegmentOptimum {
  const n = seg.pieces.length;
  if (n === 0) return { segment: seg.index, bound: 0, exact: true, method: 'dp', blocks: [], disruptionBound: 0 };
  const relaxed = relaxationBound(model, seg);
  const found: Found = n <= (options.dpUpTo ?? DP_UP_TO)
    ? subsetDp(model, seg)
    : largeSegment(model, seg, relaxed, options.solver, options.milpSeconds ?? 2);
  const bound = Math.max(relaxed, found.bound);
  const exact = found.blocks !== undefined && found.blocks.length === bound;
  return {
    segment: seg.index,
    bound,
    exact,
    method: found.method,
    ...(found.blocks ? { blocks: found.blocks } : {}),
    disruptionBound: exact && found.method !== 'relaxation' ? disruptionOf(found.blocks!) : disruptionBound(model, seg, bound),
    ...(found.infeasible ? { infeasible: true } : {}),
  };
}

/** What one method proved (`bound`) and the best partition it found. */
interface Found { method: SegmentOptimum['method']; bound: number; blocks?: SegmentBlock[]; infeasible?: true }

/** The segment's disruption with these openings: the DP and MILP minimise reinstatements among fewest openings. */
function disruptionOf(blocks: readonly SegmentBlock[]): number {
  return blocks.reduce((sum, b) => sum + b.shape.disruption, 0);
}

/**
 * A greedy partition, proven optimal when it meets the relaxation; else, with a solver, the fewest openings found
 * by refutation: K openings for K = the relaxation's bound, K + 1, … until a MILP finds a partition (the minimum,
 * since every smaller K was proven infeasible) or its time runs out (then the last refuted K + 1 is proven).
 */
function largeSegment(model: Model, seg: SegmentModel, relaxed: number, solver: Highs | undefined, seconds: number): Found {
  const greedy = bestOf(greedyPartition(model, seg.pieces), sweepPartition(model, seg.pieces));
  if ((greedy && greedy.length <= relaxed) || !solver) return { method: 'relaxation', bound: relaxed, ...(greedy ? { blocks: greedy } : {}) };
  const deadline = performance.now() + seconds * 1000;
  const upTo = greedy ? greedy.length - 1 : seg.pieces.length;
  for (let K = Math.max(relaxed, 1); K <= upTo; K++) {
    const left = (deadline - performance.now()) / 1000;
    const tried = left > 0 ? milp(model, seg, solver, left, K) : 'unknown';
    if (tried === 'infeasible') continue;
    // Out of time or nodes at K: every smaller K is refuted, so K is proven; the greedy partition stays the plan.
    if (tried === 'unknown') return { method: K > relaxed ? 'milp' : 'relaxation', bound: K, ...(greedy ? { blocks: greedy } : {}) };
    return { method: 'milp', bound: K, blocks: tried };
  }
  // Every K below the greedy partition's size is refuted: it is the minimum.
  return greedy ? { method: 'milp', bound: greedy.length, blocks: greedy } : { method: 'milp', bound: seg.pieces.length, infeasible: true };
}

/**
 * Any plan opens the segment for every work's days, and at least `openings − paving works` of its openings close
 * without a repaving work of their own, each adding the reinstatement days.
 */
function disruptionBound(model: Model, seg: SegmentModel, openings: number): number {
  let days = 0;
  let paving = 0;
  for (const i of seg.pieces) {
    days += model.pieces[i]!.days;
    if (model.pieces[i]!.type === 'paving') paving++;
  }
  return (days + Math.max(0, openings - paving) * seg.reinstateDays) * seg.weight;
}

/** Days the segment stays unavailable after an opening that starts on `start`: the moratorium follows a repaving. */
export const freeAfter = (model: Model, shape: OpeningShape, start: number) => start + shape.length + (shape.paving ? model.moratoriumDays - 1 : 0);

interface State { q: number; free: number; prev?: State; block: number; start: number }

function subsetDp(model: Model, seg: SegmentModel): Found {
  const pieces = seg.pieces;
  const n = pieces.length;
  const full = (1 << n) - 1;
  const shapes: (OpeningShape | undefined)[] = new Array(full + 1);
  for (let mask = 1; mask <= full; mask++) shapes[mask] = openingShape(model, members(mask, pieces));
  let layer = new Map<number, State[]>([[0, [{ q: 0, free: -Infinity, block: 0, start: 0 }]]]);
  for (let c = 1; c <= n; c++) {
    const next = new Map<number, State[]>();
    for (const [done, states] of layer) {
      const rest = full & ~done;
      for (let sub = rest; sub; sub = (sub - 1) & rest) {
        const shape = shapes[sub];
        if (!shape) continue;
        for (const s of states) {
          const start = Math.max(shape.earliestStart, s.free);
          if (start > shape.latestStart) continue;
          keepPareto(next, done | sub, { q: s.q + (shape.paving ? 0 : 1), free: freeAfter(model, shape, start), prev: s, block: sub, start });
        }
      }
    }
    const complete = next.get(full);
    if (complete) {
      const best = complete.reduce((a, b) => (b.q < a.q || (b.q === a.q && b.free < a.free) ? b : a));
      const chain: State[] = [];
      for (let s: State | undefined = best; s?.prev; s = s.prev) chain.unshift(s);
      return { method: 'dp', bound: c, blocks: withWindows(model, chain.map((s) => ({ members: members(s.block, pieces), shape: shapes[s.block]! }))) };
    }
    if (next.size === 0) break;
    layer = next;
  }
  // No partition keeps every window (a moratorium squeezes the segment): the relaxation is all that is proven.
  return { method: 'dp', bound: 0, infeasible: true };
}

/** Adds a state unless one with no more openings-to-reinstate frees the segment no later; drops those it beats. */
function keepPareto(map: Map<number, State[]>, key: number, state: State): void {
  const list = map.get(key);
  if (!list) return void map.set(key, [state]);
  for (const s of list) if (s.q <= state.q && s.free <= state.free) return;
  const kept = list.filter((s) => !(state.q <= s.q && state.free <= s.free));
  kept.push(state);
  map.set(key, kept);
}

/**
 * Start windows for a segment's openings in time order: left-justified earliest starts, and the latest start of
 * each that still leaves its successors room. Undefined when the order does not fit.
 */
export function withWindows(model: Model, blocks: readonly { members: number[]; shape: OpeningShape }[]): SegmentBlock[] | undefined {
  const earliest: number[] = [];
  let free = -Infinity;
  for (const b of blocks) {
    const start = Math.max(b.shape.earliestStart, free);
    if (start > b.shape.latestStart) return undefined;
    earliest.push(start);
    free = freeAfter(model, b.shape, start);
  }
  const latest: number[] = new Array(blocks.length);
  for (let k = blocks.length - 1; k >= 0; k--) {
    const b = blocks[k]!;
    // Starting on day s it frees the segment on freeAfter(s); the next one must still start by its own latest.
    latest[k] = k === blocks.length - 1 ? b.shape.latestStart : Math.min(b.shape.latestStart, latest[k + 1]! - freeAfter(model, b.shape, 0));
  }
  return blocks.map((b, k) => ({ ...b, earliest: earliest[k]!, latest: latest[k]! }));
}

/**
 * Works that can never share an opening each need their own: a clique in the incompatibility graph, grown greedily
 * from every work (any clique is a valid bound). Two works alone may not fit one opening and still fit it with a
 * third between them (an opening has no idle days), so "never" allows every gap the segment's other works could
 * fill. And when not all works fit one opening, at least two.
 */
function relaxationBound(model: Model, seg: SegmentModel): number {
  const n = seg.pieces.length;
  if (n <= 1) return n;
  let bound = openingShape(model, seg.pieces) ? 1 : 2;
  if (n > 400) return bound;
  const order = [...seg.pieces].sort((a, b) => byDepth(model.pieces[a]!, model.pieces[b]!));
  const P = order.map((i) => model.pieces[i]!);
  // Days of the works between positions a and b in depth order: prefix sums.
  const before = [0];
  for (const p of P) before.push(before.at(-1)! + p.days);
  const apart: boolean[][] = P.map(() => new Array<boolean>(n).fill(false));
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const [pa, pb] = [P[a]!, P[b]!];
      // b starts g days after a, with g between a's own days and a's days plus everything that can come between.
      const low = Math.max(pa.days, pb.earliest - (pa.latestEnd - pa.days + 1));
      const high = Math.min(pa.days + before[b]! - before[a + 1]!, pb.latestEnd - pb.days + 1 - pa.earliest);
      apart[a]![b] = apart[b]![a] = low > high;
    }
  }
  const degree = apart.map((row) => row.filter(Boolean).length);
  const byDegree = P.map((_, k) => k).sort((a, b) => degree[b]! - degree[a]!);
  for (const seed of byDegree) {
    if (degree[seed]! + 1 <= bound) break;
    const clique = [seed];
    for (const k of byDegree) if (k !== seed && clique.every((c) => apart[c]![k])) clique.push(k);
    bound = Math.max(bound, clique.length);
  }
  return bound;
}

/**
 * Can the segment's works go in exactly K openings? A small MILP: works assigned to K openings in time order, each
 * opening's works one after another in depth order from its start, the next opening after this one's end (and its
 * moratorium when it repaved); among the answers, fewest openings that close without repaving. 'infeasible' is a
 * proof; 'unknown' means the time ran out first.
 */
function milp(model: Model, seg: SegmentModel, highs: Highs, seconds: number, K: number): SegmentBlock[] | 'infeasible' | 'unknown' {
  const order = [...seg.pieces].sort((a, b) => byDepth(model.pieces[a]!, model.pieces[b]!));
  const n = order.length;
  const P = order.map((i) => model.pieces[i]!);
  const origin = Math.min(...P.map((p) => p.earliest));
  const M = model.moratoriumDays;
  const R = seg.reinstateDays;
  const totalDays = P.reduce((s, p) => s + p.days, 0);
  const paving = P.map((p) => p.type === 'paving');
  const anyPaving = paving.some(Boolean);
  const tLow = P.map((p) => p.earliest - origin);
  const tHigh = P.map((p) => p.latestEnd - p.days + 1 - origin);
  const deeper = [0];
  for (const p of P) deeper.push(deeper.at(-1)! + p.days);
  // An opening starts no earlier than its first work could and no later than its last work could.
  const sMin = Math.min(...tLow) - totalDays;
  const sMax = Math.max(...tHigh);
  const rows: string[] = [];
  const row = (terms: string, rhs: string) => rows.push(`r${rows.length}: ${terms} ${rhs}`);
  for (let j = 0; j < n; j++) row(range(K).map((k) => `z${j}_${k}`).join(' + '), '= 1');
  for (let k = 0; k < K; k++) {
    // Every one of the K openings holds a work (fewer would be a smaller K, already refuted).
    row(range(n).map((j) => `z${j}_${k}`).join(' + '), '>= 1');
    if (anyPaving) {
      // p: the opening repaves (no reinstatement, moratorium after); only when it holds a paving work.
      row([`p${k}`, ...range(n).filter((j) => paving[j]).map((j) => `- z${j}_${k}`)].join(' '), '<= 0');
      for (let j = 0; j < n; j++) if (paving[j]) row(`z${j}_${k} - p${k}`, '<= 0');
    }
    for (let j = 0; j < n; j++) {
      // Work j, when in opening k, starts right after the deeper works of k; relaxed otherwise by the least
      // constant that frees it (tight constants keep the LP relaxation strong).
      const before = range(j).map((i) => ` - ${P[i]!.days} z${i}_${k}`).join('');
      const low = sMax + deeper[j]! - tLow[j]!;
      const high = tHigh[j]! - sMin;
      row(`t${j} - s${k}${before} - ${low} z${j}_${k}`, `>= -${low}`);
      row(`t${j} - s${k}${before} + ${high} z${j}_${k}`, `<= ${high}`);
    }
    if (k + 1 < K) {
      const length = range(n).map((j) => ` - ${P[j]!.days} z${j}_${k}`).join('');
      const repaved = anyPaving ? ` + ${R} p${k} - ${M - 1} p${k}` : '';
      row(`s${k + 1} - s${k}${length}${repaved}`, `>= ${R}`);
    }
  }
  const objective = anyPaving ? range(K).map((k) => `- p${k}`).join(' ') : '0 s0';
  const bounds = [
    ...P.map((p, j) => ` ${p.earliest - origin} <= t${j} <= ${p.latestEnd - p.days + 1 - origin}`),
    ...range(K).map((k) => ` ${sMin} <= s${k} <= ${sMax}`),
  ];
  const binaries = range(K).flatMap((k) => [...(anyPaving ? [`p${k}`] : []), ...range(n).map((j) => `z${j}_${k}`)]);
  const lp = `Minimize\n obj: ${objective}\nSubject To\n${rows.map((r) => ' ' + r).join('\n')}\nBounds\n${bounds.join('\n')}\nBinaries\n${chunk(binaries)}\nEnd\n`;
  let result: ReturnType<Highs['solve']>;
  try {
    // A node limit rather than only a clock: the same programme gets the same plan on any machine; the clock is a
    // safety net for a slow one.
    result = highs.solve(lp, { output_flag: false, time_limit: seconds, mip_rel_gap: 0, mip_max_nodes: MILP_NODES });
  } catch {
    return 'unknown';
  }
  if (result.Status === 'Infeasible') return 'infeasible';
  // Stopped by the node limit or the clock without a solution: nothing is proven about K.
  // Any solution found is a partition into exactly K openings, and every smaller K was refuted: it is optimal.
  if (result.Status !== 'Optimal' && !Number.isFinite(result.ObjectiveValue)) return 'unknown';
  const value = (name: string) => (result.Columns[name] as { Primal?: number } | undefined)?.Primal ?? 0;
  const found: { members: number[]; start: number }[] = [];
  for (let k = 0; k < K; k++) {
    const ms = range(n).filter((j) => value(`z${j}_${k}`) > 0.5).map((j) => order[j]!);
    if (ms.length) found.push({ members: ms, start: value(`s${k}`) });
  }
  found.sort((a, b) => a.start - b.start);
  const shaped = found.map((f) => ({ members: f.members, shape: openingShape(model, f.members) }));
  const blocks = shaped.every((s) => s.shape) ? withWindows(model, shaped as { members: number[]; shape: OpeningShape }[]) : undefined;
  return blocks ?? 'unknown';
}

const bestOf = (a: SegmentBlock[] | undefined, b: SegmentBlock[] | undefined) => (!a ? b : !b ? a : b.length < a.length ? b : a);

/**
 * The fewest openings when each takes a run of consecutive works in some time order (by latest start, by earliest
 * start, by the middle of the window): a DP over prefixes, O(n²) opening shapes per order, that keeps the openings
 * in sequence with left-justified starts. Fast and often optimal where windows overlap widely.
 */
export function sweepPartition(model: Model, pieces: readonly number[]): SegmentBlock[] | undefined {
  const keys: ((i: number) => number)[] = [
    (i) => model.pieces[i]!.latestEnd - model.pieces[i]!.days,
    (i) => model.pieces[i]!.earliest,
    (i) => model.pieces[i]!.earliest + model.pieces[i]!.latestEnd,
  ];
  let best: SegmentBlock[] | undefined;
  for (const key of keys) {
    const sorted = [...pieces].sort((a, b) => key(a) - key(b));
    const n = sorted.length;
    // reach[i]: fewest openings for the first i works and the earliest day the segment is then free.
    const reach: ({ count: number; free: number; from: number; shape?: OpeningShape } | undefined)[] = new Array(n + 1);
    reach[0] = { count: 0, free: -Infinity, from: -1 };
    for (let i = 0; i < n; i++) {
      const at = reach[i];
      if (!at) continue;
      for (let j = i + 1; j <= n; j++) {
        const shape = openingShape(model, sorted.slice(i, j));
        if (!shape) continue;
        const start = Math.max(shape.earliestStart, at.free);
        if (start > shape.latestStart) continue;
        const next = { count: at.count + 1, free: freeAfter(model, shape, start), from: i, shape };
        const old = reach[j];
        if (!old || next.count < old.count || (next.count === old.count && next.free < old.free)) reach[j] = next;
      }
    }
    if (!reach[n]) continue;
    const blocks: { members: number[]; shape: OpeningShape }[] = [];
    for (let j = n; j > 0; j = reach[j]!.from) blocks.unshift({ members: sorted.slice(reach[j]!.from, j), shape: reach[j]!.shape! });
    best = bestOf(best, withWindows(model, blocks));
  }
  return best;
}

/**
 * Works by latest start, first-fit into an opening they can share, then openings merged where they can: a fast
 * partition of any size, whose openings may or may not follow each other inside their windows.
 */
export function firstFit(model: Model, pieces: readonly number[]): number[][] {
  const latestStart = (i: number) => model.pieces[i]!.latestEnd - model.pieces[i]!.days;
  const sorted = [...pieces].sort((a, b) => latestStart(a) - latestStart(b));
  const open: number[][] = [];
  for (const i of sorted) {
    const g = open.find((members) => openingShape(model, [...members, i]));
    if (g) g.push(i);
    else open.push([i]);
  }
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

/** The first-fit partition, kept only when its openings follow each other inside their windows. */
export function greedyPartition(model: Model, pieces: readonly number[]): SegmentBlock[] | undefined {
  const shaped = firstFit(model, pieces).map((members) => ({ members, shape: openingShape(model, members)! })).sort((a, b) => a.shape.latestStart - b.shape.latestStart);
  return withWindows(model, shaped);
}

/** The pieces whose bits are set in `mask` (bit k: `pieces[k]`). */
export function members(mask: number, pieces: readonly number[]): number[] {
  const out: number[] = [];
  for (let k = 0; k < pieces.length; k++) if (mask & (1 << k)) out.push(pieces[k]!);
  return out;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function chunk(names: string[], size = 10): string {
  const out: string[] = [];
  for (let i = 0; i < names.length; i += size) out.push(' ' + names.slice(i, i + size).join(' '));
  return out.join('\n');
}
