import type { LineString, Position } from 'geojson';
import { lineLength } from '../../geo/length.ts';
import { pointSegmentDistance } from '../../geo/point-segment-distance.ts';
import type { Asset } from '../assets/layers.ts';
import { type Message, msg } from '../message.ts';
import { assignWorks } from '../plan/assign.ts';
import { addMonths } from '../plan/flexibility.ts';
import type { PlanningRules } from '../plan/planning-rules.ts';
import type { IsoDate, Work } from '../plan/plan.types.ts';
import type { StreetSegment } from '../streets/street-segments.ts';
import { ageYears } from './condition.ts';
import type { SewerRules } from './sewer-rules.ts';

/** A sewer pipe that is due and lies in the heat opening: replace it in the same opening. */
export interface SewerSuggestion {
  sewerId: string;
  street: string;
  /** Pipe length (m), measured on its geometry. */
  length_m: number;
  built_year?: number;
  age_years?: number;
  condition_class?: number;
  condition_observation?: string;
  /** Why it is due: `sewer.due.condition`, `sewer.due.age`, `sewer.due.planned`, each with its numbers. */
  due: Message[];
  /** Street segments both the heat work and the sewer replacement open (empty when the streets layer is empty). */
  segments: string[];
  /** Openings fewer when the replacement shares the heat opening: one per shared segment, else one. */
  openingsSaved: number;
  /** Households × the reinstatement days the second opening would have cost, over the shared segments. */
  householdDaysSaved: number;
  /** Who must agree: the pipe's owner and the heat work's. */
  parties: string[];
  /** The replacement as a work (owner the pipe's, window around the heat work's), ready to add. */
  work: Work;
  /** `sewer.coupling.opportunity`: the suggestion as one sentence. */
  message: Message;
}

export interface SewerCouplingOptions {
  /** Today (ISO date): ages and the planned-within horizon count from it. */
  today: IsoDate;
  /** The heat trench's width (m); the route's `width_m`, else the work's, else 1. */
  width_m?: number;
}

/** The id of the replacement work a suggestion adds, so accepting twice finds the first. */
export const sewerWorkId = (sewerId: string) => `work-${sewerId.replace(/[^A-Za-z0-9_.-]+/g, '-')}`;

/**
 * The sewer pipes to replace together with a heat work: those lying in its opening (at least `minShareOfPipe` of
 * the pipe within half the trench width plus `openingMargin_m` of its centreline) that are due by the rule set —
 * condition class ≥ `minClass`, older than the service life of their material, or a replacement planned within
 * `plannedWithinYears` (`planned_replacement_year`) — and are not yet a work in `works`. Worst class first.
 *
 * @example
 * sewerSuggestions(heatWork(route), sewersNearRoute, segments, works, sewerRules, planningRules, { today: '2026-12-01', width_m: 0.8 })
 *   // [{ sewerId: 'sewer:gemeente-almere:2200231', street: 'Transistorstraat', condition_class: 4, openingsSaved: 1,
 *   //    householdDaysSaved: 210, parties: ['Gemeente Almere', 'Vattenfall'], work: { id: 'work-sewer-gemeente-almere-2200231', ... }, ... }]
 */
export function sewerSuggestions(
  heat: Work,
  sewers: readonly Asset[],
  segments: readonly StreetSegment[],
  works: readonly Work[],
  rules: SewerRules,
  planning: PlanningRules,
  { today, width_m }: SewerCouplingOptions,
): SewerSuggestion[] {
  if (heat.geometry.type !== 'LineString') return [];
  const centreline = heat.geometry.coordinates;
  const c = rules.coupling;
  const reach = (width_m ?? (typeof heat.properties.width_m === 'number' ? heat.properties.width_m : 1)) / 2 + c.openingMargin_m.value;
  const taken = new Set(works.filter((w) => w.properties.type === 'sewer').flatMap((w) => [w.id, String(w.properties.sewer_id ?? '')]));
  const out: SewerSuggestion[] = [];
  for (const sewer of sewers) {
    if (sewer.geometry.type !== 'LineString' || sewer.properties.status === 'abandoned') continue;
    if (taken.has(sewer.id) || taken.has(sewerWorkId(sewer.id))) continue;
    const line = sewer.geometry.coordinates;
    if (shareWithin(line, centreline, reach) < c.minShareOfPipe.value) continue;
    const p = sewer.properties;
    const due = dueReasons(p, rules, today);
    if (due.length === 0) continue;
    const work = replacementWork(sewer, heat, rules);
    const { shared, householdDays } = sharedSegments(heat, work, segments, planning);
    const street = typeof p.street === 'string' && p.street ? p.street : (segments.find((s) => s.id === shared[0])?.street ?? sewer.id);
    const parties = [...new Set([p.owner, heat.properties.owner])];
    const openingsSaved = Math.max(1, shared.length);
    const length_m = Math.round(lineLength(line) * 10) / 10;
    out.push({
      sewerId: sewer.id,
      street,
      length_m,
      ...(typeof p.built_year === 'number' ? { built_year: p.built_year, age_years: ageYears(p.built_year, today) } : {}),
      ...(typeof p.condition_class === 'number' ? { condition_class: p.condition_class } : {}),
      ...(typeof p.condition_observation === 'string' && p.condition_observation ? { condition_observation: p.condition_observation } : {}),
      due,
      segments: shared,
      openingsSaved,
      householdDaysSaved: householdDays,
      parties,
      work,
      message: msg('sewer.coupling.opportunity', { street, why: due, openings: openingsSaved, householdDays, parties }),
    });
  }
  return out.sort((a, b) => (b.condition_class ?? 0) - (a.condition_class ?? 0) || b.householdDaysSaved - a.householdDaysSaved || a.sewerId.localeCompare(b.sewerId));
}

function dueReasons(p: Asset['properties'], rules: SewerRules, today: IsoDate): Message[] {
  const c = rules.coupling;
  const due: Message[] = [];
  if (typeof p.condition_class === 'number' && p.condition_class >= c.minClass.value) {
    due.push(msg('sewer.due.condition', { class: p.condition_class, min: c.minClass.value, observation: String(p.condition_observation ?? '') }));
  }
  if (typeof p.built_year === 'number') {
    const life = c.serviceLifeYears.value[String(p.material ?? '')] ?? c.serviceLifeYears.value.default!;
    const age = ageYears(p.built_year, today);
    if (age >= life) due.push(msg('sewer.due.age', { age, life }));
  }
  if (typeof p.planned_replacement_year === 'number') {
    const within = p.planned_replacement_year - Number(today.slice(0, 4));
    if (within >= 0 && within <= c.plannedWithinYears.value) due.push(msg('sewer.due.planned', { year: p.planned_replacement_year, years: c.plannedWithinYears.value }));
  }
  return due;
}

/** The replacement as the municipality's work: the pipe's line, its invert as depth, a window around the heat work's. */
function replacementWork(sewer: Asset, heat: Work, rules: SewerRules): Work {
  const p = sewer.properties;
  const h = heat.properties;
  const { monthsBeforeHeat, monthsAfterHeat } = rules.coupling.window.value;
  const from = h.earliest_start ?? h.preferred_start;
  const to = h.latest_end ?? h.preferred_start;
  const inverts = [p.invert_start_m, p.invert_end_m].filter((v): v is number => typeof v === 'number');
  const depth = inverts.length ? Math.max(...inverts) : typeof p.depth_m === 'number' ? p.depth_m : undefined;
  return {
    type: 'Feature',
    id: sewerWorkId(sewer.id),
    geometry: sewer.geometry as LineString,
    properties: {
      type: 'sewer',
      owner: p.owner,
      ...(from ? { earliest_start: addMonths(from, -monthsBeforeHeat) } : {}),
      ...(to ? { latest_end: addMonths(to, monthsAfterHeat) } : {}),
      ...(h.preferred_start ? { preferred_start: h.preferred_start } : {}),
      ...(depth !== undefined ? { depth_m: depth } : {}),
      sewer_id: sewer.id,
      source: `sewer-coupling:${heat.id}`,
    },
  };
}

/** Segments both works open, and the household-days the replacement's own opening would have cost beyond its work. */
function sharedSegments(heat: Work, work: Work, segments: readonly StreetSegment[], planning: PlanningRules): { shared: string[]; householdDays: number } {
  if (segments.length === 0) return { shared: [], householdDays: 0 };
  const { pieces } = assignWorks([heat, work], segments, planning);
  const heatSegments = new Set(pieces.filter((p) => p.workId === heat.id).map((p) => p.segmentId));
  const shared = [...new Set(pieces.filter((p) => p.workId === work.id && heatSegments.has(p.segmentId)).map((p) => p.segmentId))];
  let householdDays = 0;
  for (const id of shared) {
    const s = segments.find((seg) => seg.id === id)!;
    // Coupled, the replacement runs inside the heat opening; alone, it also needs its own closing and reinstatement.
    const reinstate = Math.max(1, Math.ceil(((planning.reinstatementDaysPer100m * s.length_m) / 100) * planning.calendarDaysPerWorkingWeek / 5));
    householdDays += reinstate * (s.households ?? 0);
  }
  return { shared, householdDays };
}

/** Fraction of a line's length within `reach` of a centreline, sampled every metre. */
function shareWithin(line: readonly Position[], centreline: readonly Position[], reach: number): number {
  let inside = 0;
  let total = 0;
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i]!;
    const b = line[i + 1]!;
    const steps = Math.max(1, Math.ceil(Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!)));
    for (let k = 0; k <= steps; k++) {
      const t = k / steps;
      const point: Position = [a[0]! + (b[0]! - a[0]!) * t, a[1]! + (b[1]! - a[1]!) * t];
      total++;
      let near = Infinity;
      for (let j = 0; j + 1 < centreline.length && near > reach; j++) near = Math.min(near, pointSegmentDistance(point, centreline[j]!, centreline[j + 1]!));
      if (near <= reach) inside++;
    }
  }
  return total ? inside / total : 0;
}
