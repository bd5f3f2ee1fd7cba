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
 * @example const exact = await exactProgramme(works, segments, options, DEFAULT_PLANNING_RULES); exact.openings // 4
 */
export async function exactProgramme(works: readonly Work[], segments: readonly Segment[], options: PlanOptions, rules: PlanningRules, exact: ExactOptions = {}): Promise<ExactResult> {
  if (works.length > (exact.maxWorks ?? 15)) return { status: 'too-large', openings: NaN, disruptionDays: NaN, restricted: false, groups: [], seconds: 0 };
  const model = buildModel(works, segments, assignWorks(works, segments, rules), options, rules);
  return solveExact(model, options, exact);
}

/** The MILP on a built model. */
export async function solveExact(model: Model, options: PlanOptions, { timeLimitSeconds = 30, maxStartsPerGroup = 400 }: ExactOptions = {}): Promise<ExactResult> {
  const started = performance.now();
  const highs = await (solver ??= loadHighs());
  const groups: { segment: number; members: number[]; shape: OpeningShape }[] = [];
  for (const seg of model.segments) {
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
  const row = (terms: string[], rhs: string) => { if (terms.length > 1 || rhs.startsWith('=')) rows.push(`r${rows.length}: ${wrap(terms)} ${rhs}`); };
  const active = (v: { g: number; t: number }, d: number) => d >= v.t && d < v.t + groups[v.g]!.shape.length;

  for (const p of model.pieces) row(vars.filter((v) => groups[v.g]!.members.includes(p.index)).map((v) => v.name), '= 1');
  for (const seg of model.segments) {
    const mine = vars.filter((v) => groups[v.g]!.segment === seg.index);
    for (const d of new Set(mine.map((v) => v.t))) {
      row(mine.filter((v) => active(v, d) || (groups[v.g]!.shape.paving && d >= v.t && d < v.t + groups[v.g]!.shape.length - 1 + M)).map((v) => v.name), '<= 1');
    }
    if (options.separateNeighbours) {
      for (const n of seg.neighbours.filter((n) => n > seg.index)) {
        const both = vars.filter((v) => groups[v.g]!.segment === seg.index || groups[v.g]!.segment === n);
        for (const d of new Set(both.map((v) => v.t))) row(both.filter((v) => active(v, d)).map((v) => v.name), '<= 1');
      }
    }
  }
  if (options.maxOpenSegments !== undefined) {
    for (const d of new Set(vars.map((v) => v.t))) {
      const on = vars.filter((v) => active(v, d));
      if (on.length > options.maxOpenSegments) row(on.map((v) => v.name), `<= ${options.maxOpenSegments}`);
    }
  }
  for (const [type, limit] of Object.entries(options.crews ?? {})) {
    const uses = vars.flatMap((v) => groups[v.g]!.shape.order.flatMap((i, k) => (model.pieces[i]!.type === type ? [{ v, from: v.t + groups[v.g]!.shape.offsets[k]!, days: model.pieces[i]!.days }] : [])));
    for (const d of new Set(uses.map((u) => u.from))) {
      const on = uses.filter((u) => d >= u.from && d < u.from + u.days);
      if (on.length > limit!) row(on.map((u) => u.v.name), `<= ${limit}`);
    }
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

function candidateStarts(model: Model, groups: { shape: OpeningShape }[], options: PlanOptions, cap: number): { starts: number[][]; restricted: boolean } {
  const M = model.moratoriumDays;
  const starts = groups.map((g) => new Set([g.shape.earliestStart]));
  let restricted = false;
  // Left-justified schedules: an opening starts at its earliest day or the day something it waits for frees up.
  for (let round = 0; round < 4; round++) {
    const events = new Set<number>();
    groups.forEach((g, gi) => {
      for (const t of starts[gi]!) {
        events.add(t + g.shape.length);
        if (g.shape.paving) events.add(t + g.shape.length - 1 + M);
        if (options.crews) g.shape.order.forEach((i, k) => events.add(t + g.shape.offsets[k]! + model.pieces[i]!.days));
      }
    });
    let grew = false;
    groups.forEach((g, gi) => {
      const set = starts[gi]!;
      const shifts = options.crews ? [0, ...g.shape.offsets.slice(1)] : [0];
      for (const e of events) for (const s of shifts) {
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

function chunks(terms: string[], size = 8): string[] {
  const out: string[] = [];
  for (let i = 0; i < terms.length; i += size) out.push(' ' + terms.slice(i, i + size).join(' '));
  return out;
}

function wrap(terms: string[]): string {
  return chunks(terms.map((t, i) => (i === 0 ? t : `+ ${t}`))).join('\n').trim();
}
