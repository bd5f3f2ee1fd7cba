import { spanInWords } from './dates.ts';
import type { Group } from './grouping.ts';
import { type Model, isoOf, label, openingShape } from './model.ts';
import type { Block, Placement } from './placement.ts';
import type { CouplingOpportunity, Infeasibility } from './plan.types.ts';

/** "Hudsonstraat (hudsonstraat-2)": a segment as a planner finds it on the map. */
export function streetOf(model: Model, segment: number): string {
  const s = model.segments[segment]!;
  return s.street && s.street !== s.id ? `${s.street} (${s.id})` : s.id;
}

/**
 * Why one work in a placed opening starts where it does, in words; undefined when it did not move.
 *
 * @example "sewer replacement (Gemeente Rotterdam) on Hudsonstraat (hudsonstraat-2) moved 8 months earlier to share the opening with the heat network (Eneco)"
 */
export function explainShift(model: Model, placements: readonly Placement[], at: Placement, k: number, shift: number): string | undefined {
  if (shift === 0) return undefined;
  const piece = model.pieces[at.group.shape.order[k]!]!;
  const moved = `${label(piece)} on ${streetOf(model, piece.segment)} moved ${spanInWords(shift)} ${shift < 0 ? 'earlier' : 'later'}`;
  const others = at.group.shape.order.filter((_, j) => j !== k).map((i) => label(model.pieces[i]!));
  const share = others.length ? ` to share the opening with the ${joinAnd(others)}` : '';
  const block = at.late ?? at.moved;
  if (block) return `${moved}${share}, ${because(model, placements, block)}${at.late ? '; it no longer fits its window' : ''}`;
  if (share) return `${moved}${share}`;
  if (piece.earliest > piece.givenEarliest || piece.earliest === model.segments[piece.segment]!.openFrom) {
    return `${moved}: its street may not be opened before ${isoOf(piece.earliest)}`;
  }
  return `${moved} to stay inside its window ${isoOf(piece.earliest)} – ${isoOf(piece.latestEnd)}`;
}

/** The reason a block gives, naming what holds the days. */
export function because(model: Model, placements: readonly Placement[], block: Block): string {
  const holders = block.by.map((g) => placements[g]).filter((p): p is Placement => p !== undefined);
  const where = [...new Set(holders.map((p) => streetOf(model, p.group.segment)))];
  switch (block.kind) {
    case 'capacity':
      return `because the district may have only ${block.by.length} segment${block.by.length === 1 ? '' : 's'} open at once (${joinAnd(where)} then)`;
    case 'neighbour':
      return `because the neighbouring ${joinAnd(where)} is open then`;
    case 'crew':
      return `because every ${block.type} crew is busy then (${joinAnd(where)})`;
    case 'moratorium':
      return `because ${joinAnd(where)} is repaved then and may not be opened again within ${Math.round(model.moratoriumDays / 365.25)} years`;
    case 'segment-busy':
      return `because ${joinAnd(where)} is already open then for other works`;
  }
}

/** An opening that had to go past its window, as an infeasibility naming every work involved. */
export function lateInfeasibility(model: Model, placements: readonly Placement[], at: Placement): Infeasibility {
  const block = at.late!;
  const own = at.group.members.map((i) => model.pieces[i]!.workId);
  const others = block.by.flatMap((g) => placements[g]?.group.members.map((i) => model.pieces[i]!.workId) ?? []);
  const reason: Infeasibility['reason'] = block.kind === 'moratorium' ? 'depth-order' : 'capacity';
  const what = joinAnd(at.group.shape.order.map((i) => label(model.pieces[i]!)));
  const fix = block.kind === 'moratorium'
    ? 'plan the repaving after these works (widen its window) or couple them into one opening'
    : block.kind === 'crew' ? `add a ${block.type} crew or widen the windows` : 'allow more segments open at once or widen the windows';
  return {
    workIds: [...new Set([...own, ...others])],
    reason,
    explanation: `${what} on ${streetOf(model, at.group.segment)} cannot start by ${isoOf(at.group.shape.latestStart)} ${because(model, placements, block)}; planned from ${isoOf(at.start)} instead. To keep the window, ${fix}`,
  };
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
        change,
        openingsSaved: 1,
        disruptionDaysSaved: round1(list[i]!.group.shape.disruption + list[i + 1]!.group.shape.disruption - merged),
      });
    }
  }
  return out;
}

function neededChange(model: Model, members: number[]): string | undefined {
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
  return `widen the window of the ${label(late)} to end on or after ${isoOf(late.latestEnd + gap)}, or let the ${label(early)} start on or before ${isoOf(early.earliest - gap)} (${spanInWords(gap)})`;
}

export function joinAnd(items: readonly string[]): string {
  const unique = [...new Set(items)];
  return unique.length <= 1 ? (unique[0] ?? '') : `${unique.slice(0, -1).join(', ')} and ${unique.at(-1)}`;
}

export const round1 = (x: number) => Math.round(x * 10) / 10;

export type { Group };
