import * as highsModule from 'highs';
import type { Highs } from 'highs';
import { assignWorks } from './assign.ts';
import { dateOf } from './dates.ts';
import { type Model, type OpeningShape, buildModel, openingShape } from './model.ts';
import type { PlanningRules } from './planning-rules.ts';
import type { Plan, PlanOptions, Segment, Work } from './plan.types.ts';

export interface ExactOptions {
  /** Refuse programmes with more works than this (the model grows exponentially per segment). */
  maxWorks?: number;
  timeLimitSeconds?: number;
  /** Candidate start days per opening; above it the start grid is thinned and the answer is marked `restricted`. */
  maxStartsPerGroup?: number;
}

export interface ExactResult {
  status: 'optimal' | 'time-limit' | 'infeasible' | 'too-large';
  openings: number;
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
 * The exact method for small programmes: a time-indexed MILP (HiGHS) over every feasible opening of every
 * segment and its candidate start days, minimising openings, then disruption, under the same constraints as the
 * heuristic — windows, depth order, moratorium after repaving, concurrency, neighbours, crews. Candidate starts
 * are the left-justified ones (an opening's earliest start, or the day another opening, work or moratorium
 * frees what it needs), which keeps optimality for these objectives, since they do not depend on start dates.
 *
 * @example const exact = await exactProgramme(works, segments, options, readPlanningRulesFile('data/rules/planning.json')); exact.openings // 4
 */
export async function exactProgramme(works: readonly Work[], segments: readonly Segment[], options: PlanOptions, rules: PlanningRules, exact: ExactOptions = {}): Promise<ExactResult> {
  if (works.length > (exact.maxWorks ?? 15)) return { status: 'too-large', openings: NaN, disruptionDays: NaN, restricted: false, groups: [], seconds: 0 };
  const model = buildModel(works, segments, assignWorks(works, segments, rules), options, rules);
  return solveExact(model, options, exact);
}

/** The MILP on a built model. */
export async function solveExact(model: Model, options: PlanOptions, exact: ExactOptions = {}): Promise<ExactResult> {
  const started = performance.now();
  const highs = await (solver ??= loadHighs());
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
    openings: results.reduce((n, r) => n + r.openings, 0),
    disruptionDays: Math.round(results.reduce((n, r) => n + r.disruptionDays, 0) * 10) / 10,
    restricted: results.some((r) => r.restricted),
    groups: results.flatMap((r) => r.groups),
    seconds,
  };
}

function solvePart(highs: Highs, model: Model, options: PlanOptions, { timeLimitSeconds = 30, maxStartsPerGroup = 400 }: ExactOptions, only: Set<number>): ExactResult {
  const started = performance.now();
  const groups: { segment: number; members: number[]; shape: OpeningShape }[] = [];
  for (const seg of model.segments.filter((s) => only.has(s.index))) {
    const n = seg.pieces.length;
    for (let mask = 1; mask < 1 << n; mask++) {
      const members = seg.pieces.filter((_, k) => mask & (1 << k));
      const shape = openingShape(model, members);
      if (shape) groups.push({ segment: seg.index, members, shape });
    }
  }
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

  for (const p of model.pieces.filter((p) => only.has(p.segment))) row(vars.filter((v) => groups[v.g]!.members.includes(p.index)).map((v) => v.name), '= 1');
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
    return { status: result.Status === 'Time limit reached' ? 'time-limit' : 'infeasible', openings: NaN, disruptionDays: NaN, restricted, groups: [], seconds };
  }
  const chosen = vars.filter((v) => (result.Columns[v.name]?.Primal ?? 0) > 0.5);
  return {
    status: result.Status === 'Optimal' ? 'optimal' : 'time-limit',
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

function candidateStarts(model: Model, groups: { segment: number; shape: OpeningShape }[], options: PlanOptions, cap: number): { starts: number[][]; restricted: boolean } {
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
