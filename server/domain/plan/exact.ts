import * as highsModule from 'highs';
import type { Highs } from 'highs';
import { assignWorks } from './assign.ts';
import { dateOf } from './dates.ts';
import { type Group, groupSegments } from './grouping.ts';
import { type Model, type OpeningShape, buildModel, openingShape } from './model.ts';
import { placeOpenings, usesUnmodelledConstraints } from './placement.ts';
import { gapPct } from './plan.ts';
import type { PlanningRules } from './planning-rules.ts';
import type { Plan, PlanOptions, Segment, Work } from './plan.types.ts';

export interface ExactOptions {
  /** The time-indexed MILP over coupled segments is only tried up to this many works (it grows exponentially). */
  maxWorks?: number;
  timeLimitSeconds?: number;
  /** Candidate start days per opening; above it the start grid is thinned and the answer is marked `restricted`. */
  maxStartsPerGroup?: number;
}

export interface ExactResult {
  /**
   * `optimal`: proven fewest openings. `gap`: a plan that keeps every window, `gap_pct` above the proven bound.
   * `time-limit`: no window-keeping plan found in time. `infeasible`: proven that none exists. `too-large`: the
   * time-indexed MILP was asked for more works than it takes.
   */
  status: 'optimal' | 'gap' | 'time-limit' | 'infeasible' | 'too-large';
  /** `segments`: each segment's exact minimum, placed; `milp`: the time-indexed MILP over coupled segments. */
  method: 'segments' | 'milp';
  openings: number;
  /** Proven lower bound on openings (the sum of the segments' minima). */
  lowerBound: number;
  gap_pct: number;
  disruptionDays: number;
  /** True when candidate start days were thinned: the answer is then optimal on a grid, an upper bound. */
  restricted: boolean;
  groups: { segmentId: string; workIds: string[]; start: string }[];
  seconds: number;
}

// highs ships CommonJS-style declarations: under NodeNext its default export types as the module itself.
const loadHighs = (highsModule as unknown as { default: () => Promise<Highs> }).default;
let solver: Promise<Highs> | undefined;

/**
 * HiGHS (WASM), loaded once per thread (~60 ms). Its solves are synchronous: run large ones in a worker.
 *
 * @example const plan = planProgramme(works, segments, options, rules, { solver: await loadSolver() });
 */
export function loadSolver(): Promise<Highs> {
  return (solver ??= loadHighs());
}

/** True when segments share something in time (concurrency, crews, neighbours): they are then not independent. */
export function coupled(options: PlanOptions): boolean {
  return options.maxOpenSegments !== undefined || options.crews !== undefined || options.separateNeighbours;
}

/**
 * The exact method at real sizes. Openings do not depend on when they start, so per segment the fewest openings
 * is exact (a DP over subsets, or a MILP refuting K openings for K = bound, bound + 1, …: `segmentOptimum`) and
 * their sum is a proven lower bound for the programme. Segments that share nothing in time are independent, so
 * placing each segment's optimal openings in their start windows is then optimal. Where a district-wide limit
 * couples segments, a placement that still meets the bound is optimal too; otherwise a time-indexed MILP (HiGHS)
 * over every feasible opening of the coupled segments settles it for small programmes, and larger ones are
 * reported with their gap to the bound.
 *
 * @example const exact = await exactProgramme(works, segments, options, readPlanningRulesFile('data/rules/planning.json'));
 *   exact // { status: 'optimal', method: 'segments', openings: 4, lowerBound: 4, gap_pct: 0, ... }
 */
export async function exactProgramme(works: readonly Work[], segments: readonly Segment[], options: PlanOptions, rules: PlanningRules, exact: ExactOptions = {}): Promise<ExactResult> {
  const started = performance.now();
  const model = buildModel(works, segments, assignWorks(works, segments, rules), options, rules);
  const highs = await loadSolver();
  const limit = exact.timeLimitSeconds ?? 60;
  const { groups, optima } = groupSegments(model, { exhaustiveUpTo: 0, solver: highs, milpSeconds: limit, milpBudgetSeconds: limit });
  const lowerBound = optima.reduce((n, o) => n + o.bound, 0);
  const seconds = () => (performance.now() - started) / 1000;
  if (optima.some((o) => o.infeasible)) return { status: 'infeasible', method: 'segments', openings: NaN, lowerBound, gap_pct: NaN, disruptionDays: NaN, restricted: false, groups: [], seconds: seconds() };
  const placements = placeOpenings(model, groups, options);
  const kept = placements.every((p) => !p.late) && optima.every((o) => o.blocks);
  const decomposed = (status: ExactResult['status']): ExactResult => ({
    status,
    method: 'segments',
    openings: placements.length,
    lowerBound,
    gap_pct: gapPct(placements.length, lowerBound),
    disruptionDays: Math.round(placements.reduce((s, p) => s + p.group.shape.disruption, 0) * 10) / 10,
    restricted: false,
    groups: placements.map((p) => ({ segmentId: model.segments[p.group.segment]!.id, workIds: p.group.members.map((i) => model.pieces[i]!.workId), start: dateOf(p.start) })),
    seconds: seconds(),
  });
  if (kept && placements.length === lowerBound) return decomposed('optimal');
  // Blackouts, district limits, dependencies and diversions are kept by the placement but not modelled by the MILP:
  // beyond a placement that meets the bound nothing more is proven.
  if (usesUnmodelledConstraints(options, model)) return decomposed(kept ? 'gap' : 'time-limit');
  if (!coupled(options)) return decomposed(kept ? 'gap' : 'time-limit');
  // Coupled: can the proven openings be placed under the limits after all? Then the bound is met.
  if (optima.every((o) => o.exact)) {
    const fixed = await placeFixed(model, options, { ...exact, timeLimitSeconds: Math.max(1, limit - seconds()) }, groups);
    // Any placement found keeps every limit and meets the bound, so it is optimal even on a thinned start grid.
    if (Number.isFinite(fixed.openings)) return { ...fixed, status: 'optimal', method: 'milp', lowerBound, gap_pct: 0, seconds: seconds() };
  }
  if (works.length > (exact.maxWorks ?? 30)) return kept ? decomposed('gap') : { ...decomposed('time-limit'), openings: NaN };
  const milp = await solveExact(model, options, { ...exact, timeLimitSeconds: Math.max(1, limit - seconds()) });
  if (milp.status === 'optimal' && !milp.restricted) return { ...milp, lowerBound: Math.max(lowerBound, milp.openings), gap_pct: 0, seconds: seconds() };
  if (milp.status === 'infeasible' && !milp.restricted) return { ...milp, lowerBound, seconds: seconds() };
  if (kept && !(Number.isFinite(milp.openings) && milp.openings < placements.length)) return decomposed('gap');
  return Number.isFinite(milp.openings) ? { ...milp, status: 'gap', lowerBound, gap_pct: gapPct(milp.openings, lowerBound), seconds: seconds() } : decomposed('time-limit');
}

/**
 * The time-indexed MILP on a built model: every feasible opening of every segment at each candidate start day,
 * fewest openings then least disruption, under windows, depth order, moratorium, concurrency, neighbours and crews.
 * Exponential in the works per segment: the reference for small coupled programmes.
 */
export async function solveExact(model: Model, options: PlanOptions, exact: ExactOptions = {}): Promise<ExactResult> {
  const started = performance.now();
  const highs = await loadSolver();
  // Segments that share nothing (no concurrency limit, crews or neighbour rule between them) are independent.
  const shared = options.maxOpenSegments !== undefined || options.crews !== undefined;
  const parts = new Map<number, Set<number>>();
  for (const seg of model.segments) {
    if (seg.pieces.length === 0) continue;
    const key = shared ? 0 : options.separateNeighbours ? componentOf(model, seg.index) : seg.index;
    (parts.get(key) ?? parts.set(key, new Set()).get(key)!).add(seg.index);
  }
  const results = [...parts.values()].map((only) => solvePart(highs, model, options, exact, only));
  const failed = results.find((r) => r.status !== 'optimal' && r.status !== 'time-limit') ?? results.find((r) => !Number.isFinite(r.openings));
  const seconds = (performance.now() - started) / 1000;
  if (failed) return { ...failed, groups: [], seconds };
  return {
    status: results.every((r) => r.status === 'optimal') ? 'optimal' : 'time-limit',
    method: 'milp',
    lowerBound: NaN,
    gap_pct: NaN,
    openings: results.reduce((n, r) => n + r.openings, 0),
    disruptionDays: Math.round(results.reduce((n, r) => n + r.disruptionDays, 0) * 10) / 10,
    restricted: results.some((r) => r.restricted),
    groups: results.flatMap((r) => r.groups),
    seconds,
  };
}

function solvePart(highs: Highs, model: Model, options: PlanOptions, exact: ExactOptions, only: Set<number>): ExactResult {
  const groups: { segment: number; members: number[]; shape: OpeningShape }[] = [];
  for (const seg of model.segments.filter((s) => only.has(s.index))) {
    const n = seg.pieces.length;
    for (let mask = 1; mask < 1 << n; mask++) {
      const members = seg.pieces.filter((_, k) => mask & (1 << k));
      const shape = openingShape(model, members);
      if (shape) groups.push({ segment: seg.index, members, shape });
    }
  }
  return solveGroups(highs, model, options, exact, groups);
}

/**
 * Places a fixed set of openings (each segment's proven minimum) under the district-wide limits: the same
 * time-indexed MILP with one opening per group instead of a choice among all. Feasible means the bound is met.
 */
async function placeFixed(model: Model, options: PlanOptions, exact: ExactOptions, groups: readonly Group[]): Promise<ExactResult> {
  return solveGroups(await loadSolver(), model, options, exact, groups, true);
}

function solveGroups(highs: Highs, model: Model, options: PlanOptions, { timeLimitSeconds = 30, maxStartsPerGroup = 400 }: ExactOptions, groups: readonly { segment: number; members: number[]; shape: OpeningShape }[], fixed = false): ExactResult {
  const started = performance.now();
  const { starts, restricted } = candidateStarts(model, groups, options, maxStartsPerGroup);
  const vars: { g: number; t: number; name: string }[] = [];
  groups.forEach((_, g) => starts[g]!.forEach((t) => vars.push({ g, t, name: `x${vars.length}` })));
  const M = model.moratoriumDays;
  const totalDisruption = groups.reduce((s, g) => s + g.shape.disruption, 0);
  const W = Math.ceil(totalDisruption + 1);
  const rows: string[] = [];
  const row = (terms: string[], rhs: string) => rows.push(`r${rows.length}: ${wrap(terms)} ${rhs}`);
  let aux = 0;
  // At most `cap` of these intervals [from, to) hold any of `days`. Written with running counts (started by day k
  // minus ended by day k), which is the same constraint as summing the intervals per day but linear in size.
  const limitOverlap = (intervals: { name: string; from: number; to: number }[], days: Iterable<number>, cap: number) => {
    const D = [...new Set(days)].sort((a, b) => a - b);
    if (D.length === 0 || intervals.length <= cap) return;
    const started: string[][] = D.map(() => []);
    const ended: string[][] = D.map(() => []);
    for (const i of intervals) {
      const a = lowerBound(D, i.from);
      const b = lowerBound(D, i.to);
      if (a < D.length) started[a]!.push(i.name);
      if (b < D.length) ended[b]!.push(i.name);
    }
    const chain = (terms: string[][]) => terms.map((add, k) => {
      const name = `a${aux++}`;
      row([name, ...(k > 0 ? [`- a${aux - 2}`] : []), ...add.map((x) => `- ${x}`)], '= 0');
      return name;
    });
    const S = chain(started);
    const E = chain(ended);
    D.forEach((_, k) => row([S[k]!, `- ${E[k]!}`], `<= ${cap}`));
  };
  const activeOf = (v: { g: number; t: number; name: string }) => ({ name: v.name, from: v.t, to: v.t + groups[v.g]!.shape.length });

  const only = new Set(groups.map((g) => g.segment));
  if (fixed) groups.forEach((_, g) => row(vars.filter((v) => v.g === g).map((v) => v.name), '= 1'));
  else for (const p of model.pieces.filter((p) => only.has(p.segment))) row(vars.filter((v) => groups[v.g]!.members.includes(p.index)).map((v) => v.name), '= 1');
  for (const seg of model.segments) {
    const mine = vars.filter((v) => groups[v.g]!.segment === seg.index);
    // One opening at a time per segment; a repaving opening also holds its segment through the moratorium.
    limitOverlap(mine.map((v) => ({ ...activeOf(v), ...(groups[v.g]!.shape.paving ? { to: v.t + groups[v.g]!.shape.length - 1 + M } : {}) })), mine.map((v) => v.t), 1);
    if (options.separateNeighbours) {
      for (const n of seg.neighbours.filter((n) => n > seg.index)) {
        const both = vars.filter((v) => groups[v.g]!.segment === seg.index || groups[v.g]!.segment === n);
        limitOverlap(both.map(activeOf), both.map((v) => v.t), 1);
      }
    }
  }
  if (options.maxOpenSegments !== undefined) limitOverlap(vars.map(activeOf), vars.map((v) => v.t), options.maxOpenSegments);
  for (const [type, limit] of Object.entries(options.crews ?? {})) {
    const uses = vars.flatMap((v) => groups[v.g]!.shape.order.flatMap((i, k) => (model.pieces[i]!.type === type ? [{ name: v.name, from: v.t + groups[v.g]!.shape.offsets[k]!, to: v.t + groups[v.g]!.shape.offsets[k]! + model.pieces[i]!.days }] : [])));
    limitOverlap(uses, uses.map((u) => u.from), limit!);
  }
  const objective = vars.map((v) => `${+(W + groups[v.g]!.shape.disruption).toFixed(3)} ${v.name}`);
  const lp = `Minimize\n obj: ${wrap(objective)}\nSubject To\n${rows.map((r) => ' ' + r).join('\n')}\nBinaries\n${chunks(vars.map((v) => v.name)).join('\n')}\nEnd\n`;
  const result = highs.solve(lp, { output_flag: false, time_limit: timeLimitSeconds, mip_rel_gap: 1e-7 });
  const seconds = (performance.now() - started) / 1000;
  if (result.Status !== 'Optimal' && !(result.Status === 'Time limit reached' && Number.isFinite(result.ObjectiveValue))) {
    return { status: result.Status === 'Time limit reached' ? 'time-limit' : 'infeasible', method: 'milp', lowerBound: NaN, gap_pct: NaN, openings: NaN, disruptionDays: NaN, restricted, groups: [], seconds };
  }
  const chosen = vars.filter((v) => (result.Columns[v.name]?.Primal ?? 0) > 0.5);
  return {
    status: result.Status === 'Optimal' ? 'optimal' : 'time-limit',
    method: 'milp',
    lowerBound: NaN,
    gap_pct: NaN,
    openings: chosen.length,
    disruptionDays: Math.round(chosen.reduce((s, v) => s + groups[v.g]!.shape.disruption, 0) * 10) / 10,
    restricted,
    groups: chosen.map((v) => ({ segmentId: model.segments[groups[v.g]!.segment]!.id, workIds: groups[v.g]!.members.map((i) => model.pieces[i]!.workId), start: dateOf(v.t) })),
    seconds,
  };
}

/**
 * Relative gap of the heuristic to the exact optimum, per objective: 0 when equal, 0.02 when the heuristic needs
 * 2 % more openings (or disruption). NaN when the exact method gave no answer.
 *
 * @example optimalityGap(plan, exact) // { openings: 0, disruption: 0 }
 */
export function optimalityGap(heuristic: Plan, exact: ExactResult): { openings: number; disruption: number } {
  const rel = (h: number, e: number) => (e === 0 ? (h === 0 ? 0 : Infinity) : (h - e) / e);
  return { openings: rel(heuristic.metrics.openings, exact.openings), disruption: rel(heuristic.metrics.disruptionDays, exact.disruptionDays) };
}

function candidateStarts(model: Model, groups: readonly { segment: number; shape: OpeningShape }[], options: PlanOptions, cap: number): { starts: number[][]; restricted: boolean } {
  const M = model.moratoriumDays;
  const starts = groups.map((g) => new Set([g.shape.earliestStart]));
  let restricted = false;
  // Only openings that share something can make each other wait: the segment, a neighbour, the district's
  // concurrency limit, a crew.
  const shared = options.maxOpenSegments !== undefined || options.crews !== undefined;
  const key = (segment: number) => {
    if (shared) return 0;
    if (!options.separateNeighbours) return segment;
    return componentOf(model, segment);
  };
  // Left-justified schedules: an opening starts at its earliest day or the day something it waits for frees up.
  for (let round = 0; round < 4; round++) {
    const events = new Map<number, Set<number>>();
    groups.forEach((g, gi) => {
      const mine = events.get(key(g.segment)) ?? events.set(key(g.segment), new Set()).get(key(g.segment))!;
      for (const t of starts[gi]!) {
        mine.add(t + g.shape.length);
        if (g.shape.paving) mine.add(t + g.shape.length - 1 + M);
        if (options.crews) g.shape.order.forEach((i, k) => mine.add(t + g.shape.offsets[k]! + model.pieces[i]!.days));
      }
    });
    let grew = false;
    groups.forEach((g, gi) => {
      const set = starts[gi]!;
      const shifts = options.crews ? [0, ...g.shape.offsets.slice(1)] : [0];
      for (const e of events.get(key(g.segment)) ?? []) for (const s of shifts) {
        const t = e - s;
        if (t >= g.shape.earliestStart && t <= g.shape.latestStart && !set.has(t)) {
          set.add(t);
          grew = true;
        }
      }
    });
    if (!grew) break;
  }
  const out = starts.map((set) => {
    const sorted = [...set].sort((a, b) => a - b);
    if (sorted.length <= cap) return sorted;
    restricted = true;
    const step = sorted.length / cap;
    return Array.from({ length: cap }, (_, k) => sorted[Math.floor(k * step)]!);
  });
  return { starts: out, restricted };
}

/** The lowest segment index connected to `segment` through neighbour links. */
function componentOf(model: Model, segment: number): number {
  const seen = new Set([segment]);
  const queue = [segment];
  while (queue.length) for (const n of model.segments[queue.pop()!]!.neighbours) if (!seen.has(n)) (seen.add(n), queue.push(n));
  return Math.min(...seen);
}

/** First index of `sorted` holding a value ≥ `x` (sorted.length when none). */
function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function chunks(terms: string[], size = 8): string[] {
  const out: string[] = [];
  for (let i = 0; i < terms.length; i += size) out.push(' ' + terms.slice(i, i + size).join(' '));
  return out;
}

function wrap(terms: string[]): string {
  return chunks(terms.map((t, i) => (i === 0 || t.startsWith('- ') ? t : `+ ${t}`))).join('\n').trim();
}
