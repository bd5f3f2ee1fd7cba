import { type Message, msg } from '../message.ts';
import { spanOf } from './dates.ts';
import type { Group } from './grouping.ts';
import { type Model, isoOf, label, openingShape, workType } from './model.ts';
import type { Block, Placement } from './placement.ts';
import type { CouplingOpportunity, Infeasibility } from './plan.types.ts';

/** "Hudsonstraat (hudsonstraat-2)": a segment as a planner finds it on the map. */
export function streetOf(model: Model, segment: number): string {
  const s = model.segments[segment]!;
  return s.street && s.street !== s.id ? `${s.street} (${s.id})` : s.id;
}

/**
 * Why one work in a placed opening starts where it does (`plan.shift.*`); undefined when it did not move. The
 * message names the work, its street, how far it moved (`plan.shift.earlier`/`later` with a span) and why: the
 * works it shares the opening with, what blocked the days it wanted, or its window.
 *
 * @example explainShift(model, placements, at, 1, -245)
 * // { code: 'plan.shift.shared', params: { work: <sewer replacement (Gemeente Rotterdam)>, street: 'Hudsonstraat (hudsonstraat-2)',
 * //   moved: { code: 'plan.shift.earlier', params: { span: { code: 'plan.span.months', params: { count: 8 } } } }, others: [<heat network (Eneco)>] } }
 */
export function explainShift(model: Model, placements: readonly Placement[], at: Placement, k: number, shift: number): Message | undefined {
  if (shift === 0) return undefined;
  const piece = model.pieces[at.group.shape.order[k]!]!;
  const base = {
    work: label(piece),
    street: streetOf(model, piece.segment),
    moved: msg(shift < 0 ? 'plan.shift.earlier' : 'plan.shift.later', { span: spanOf(shift) }),
  };
  const others = distinct(at.group.shape.order.filter((_, j) => j !== k).map((i) => label(model.pieces[i]!)));
  const shared = others.length > 0;
  const block = at.late ?? at.moved;
  if (block) {
    const code = `plan.shift.${at.late ? 'late' : 'blocked'}${shared ? '-shared' : ''}`;
    return msg(code, { ...base, ...(shared ? { others } : {}), because: because(model, placements, block) });
  }
  if (shared) return msg('plan.shift.shared', { ...base, others });
  if (piece.earliest > piece.givenEarliest || piece.earliest === model.segments[piece.segment]!.openFrom) {
    return msg('plan.shift.street-closed', { ...base, from: isoOf(piece.earliest) });
  }
  return msg('plan.shift.window', { ...base, from: isoOf(piece.earliest), to: isoOf(piece.latestEnd) });
}

/** The reason a block gives (`plan.because.*`), naming the streets that hold the days. */
export function because(model: Model, placements: readonly Placement[], block: Block): Message {
  const holders = block.by.map((g) => placements[g]).filter((p): p is Placement => p !== undefined);
  const where = [...new Set(holders.map((p) => streetOf(model, p.group.segment)))];
  switch (block.kind) {
    case 'capacity':
      return msg(block.by.length === 1 ? 'plan.because.capacity-one' : 'plan.because.capacity', { count: block.by.length, where });
    case 'neighbour':
      return msg('plan.because.neighbour', { where });
    case 'crew':
      return msg('plan.because.crew', { type: block.type ? workType(block.type) : null, where });
    case 'moratorium':
      return msg('plan.because.moratorium', { where, years: Math.round(model.moratoriumDays / 365.25) });
    case 'segment-busy':
      return msg('plan.because.segment-busy', { where });
    case 'blackout': {
      const b = model.constraints.blackouts[block.blackout!]!;
      const period = { reason: b.reason, from: isoOf(block.period![0]), to: isoOf(block.period![1]) };
      return b.types ? msg('plan.because.blackout-types', { ...period, types: [...b.types].map(workType) }) : msg('plan.because.blackout', period);
    }
    case 'district-capacity':
      return msg(block.by.length === 1 ? 'plan.because.district-capacity-one' : 'plan.because.district-capacity', { count: block.by.length, district: block.district!, where });
    case 'dependency':
      return msg('plan.because.dependency', { before: workLabel(model, block.work!), where, ready: isoOf(block.ready!) });
    case 'diversion':
      return msg('plan.because.diversion', { where });
  }
}

/** A work by id as a resident would name it; the id itself when the model does not hold it. */
function workLabel(model: Model, id: string): Message | string {
  const work = model.works.get(id);
  return work ? label(work) : id;
}

/** An opening that had to go past its window, as an infeasibility naming every work involved. */
export function lateInfeasibility(model: Model, placements: readonly Placement[], at: Placement): Infeasibility {
  const block = at.late!;
  const own = at.group.members.map((i) => model.pieces[i]!.workId);
  // The work waited for, not everything that shares its openings.
  const others = block.kind === 'dependency' ? [block.work!] : block.by.flatMap((g) => placements[g]?.group.members.map((i) => model.pieces[i]!.workId) ?? []);
  const reason: Infeasibility['reason'] = block.kind === 'moratorium' ? 'depth-order'
    : block.kind === 'dependency' ? 'dependency' : block.kind === 'blackout' ? 'blackout' : 'capacity';
  const fix = block.kind === 'moratorium' ? msg('plan.fix.repaving')
    : block.kind === 'crew' ? msg('plan.fix.crew', { type: block.type ? workType(block.type) : null })
    : fixOf(model, block) ?? msg('plan.fix.capacity');
  return {
    workIds: [...new Set([...own, ...others])],
    reason,
    message: msg('plan.infeasible.late', {
      works: distinct(at.group.shape.order.map((i) => label(model.pieces[i]!))),
      street: streetOf(model, at.group.segment),
      latest: isoOf(at.group.shape.latestStart),
      because: because(model, placements, block),
      start: isoOf(at.start),
      fix,
    }),
  };
}

/** What resolves a block by one of the constraints planners add (blackout, district, dependency, diversion). */
function fixOf(model: Model, block: Block): Message | undefined {
  switch (block.kind) {
    case 'blackout':
      return msg('plan.fix.blackout', { reason: model.constraints.blackouts[block.blackout!]!.reason });
    case 'district-capacity':
      return msg('plan.fix.district-capacity', { district: block.district! });
    case 'dependency':
      return msg('plan.fix.dependency', { before: workLabel(model, block.work!) });
    case 'diversion':
      return msg('plan.fix.diversion');
    default:
      return undefined;
  }
}

/**
 * Dependencies the placed plan breaks: a work that starts before a work it depends on has ended (plus the gap).
 * Placement keeps every dependency it can; this only finds those that openings waiting for each other made it
 * break, so none goes unreported.
 *
 * @example dependencyViolations(model, placements) // [] when every dependency holds
 */
export function dependencyViolations(model: Model, placements: readonly Placement[]): Infeasibility[] {
  if (model.constraints.predecessors.size === 0) return [];
  const span = new Map<string, { start: number; end: number }>();
  for (const at of placements) {
    at.group.shape.order.forEach((i, k) => {
      const p = model.pieces[i]!;
      const start = at.start + at.group.shape.offsets[k]!;
      const was = span.get(p.workId);
      span.set(p.workId, { start: Math.min(was?.start ?? Infinity, start), end: Math.max(was?.end ?? -Infinity, start + p.days - 1) });
    });
  }
  const out: Infeasibility[] = [];
  for (const [after, deps] of model.constraints.predecessors) {
    const a = span.get(after);
    for (const { before, gapDays } of deps) {
      const b = span.get(before);
      if (!a || !b || a.start > b.end + gapDays) continue;
      out.push({
        workIds: [before, after],
        reason: 'dependency',
        message: msg('plan.infeasible.dependency', { after: workLabel(model, after), before: workLabel(model, before), start: isoOf(a.start), end: isoOf(b.end), gap: gapDays }),
      });
    }
  }
  return out;
}

/**
 * Pairs of openings on one segment that only their windows keep apart: what would have to give to merge them,
 * and what merging saves.
 */
export function couplingOpportunities(model: Model, placements: readonly Placement[]): CouplingOpportunity[] {
  const bySegment = new Map<number, Placement[]>();
  for (const p of placements) (bySegment.get(p.group.segment) ?? bySegment.set(p.group.segment, []).get(p.group.segment)!).push(p);
  const out: CouplingOpportunity[] = [];
  for (const [segment, list] of bySegment) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 0; i + 1 < list.length; i++) {
      const together = [...list[i]!.group.members, ...list[i + 1]!.group.members];
      if (openingShape(model, together)) continue;
      const change = neededChange(model, together);
      if (!change) continue;
      const seg = model.segments[segment]!;
      const days = together.reduce((sum, j) => sum + model.pieces[j]!.days, 0);
      const paving = together.some((j) => model.pieces[j]!.type === 'paving');
      const merged = (days + (paving ? 0 : seg.reinstateDays)) * seg.weight;
      out.push({
        segmentId: seg.id,
        street: seg.street,
        workIds: [...new Set(together.map((j) => model.pieces[j]!.workId))],
        message: change,
        openingsSaved: 1,
        disruptionDaysSaved: round1(list[i]!.group.shape.disruption + list[i + 1]!.group.shape.disruption - merged),
      });
    }
  }
  return out;
}

function neededChange(model: Model, members: number[]): Message | undefined {
  const order = [...members].sort((a, b) => model.pieces[a]!.rank - model.pieces[b]!.rank || model.pieces[b]!.depth - model.pieces[a]!.depth);
  let offset = 0;
  let from = { value: -Infinity, piece: -1, offset: 0 };
  let to = { value: Infinity, piece: -1, offset: 0 };
  for (const i of order) {
    const p = model.pieces[i]!;
    if (p.earliest - offset > from.value) from = { value: p.earliest - offset, piece: i, offset };
    if (p.latestEnd - p.days + 1 - offset < to.value) to = { value: p.latestEnd - p.days + 1 - offset, piece: i, offset };
    offset += p.days;
  }
  const gap = from.value - to.value;
  if (gap <= 0 || from.piece === to.piece) return undefined;
  const late = model.pieces[to.piece]!;
  const early = model.pieces[from.piece]!;
  return msg('plan.coupling.change', {
    late: label(late), lateEnd: isoOf(late.latestEnd + gap), early: label(early), earlyStart: isoOf(early.earliest - gap), span: spanOf(gap),
  });
}

/** Messages without repeats (two pieces of one type and owner name the same work), in first-seen order. */
function distinct(messages: readonly Message[]): Message[] {
  const seen = new Map(messages.map((m) => [JSON.stringify(m), m]));
  return [...seen.values()];
}

export const round1 = (x: number) => Math.round(x * 10) / 10;

export type { Group };
