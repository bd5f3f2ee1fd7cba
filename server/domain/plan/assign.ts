import Flatbush from 'flatbush';
import type { Geometry, Position } from 'geojson';
import { bboxOf } from '../../geo/bbox.ts';
import { inPolygon } from '../../geo/point-in-polygon.ts';
import { pointSegmentDistance } from '../../geo/point-segment-distance.ts';
import type { StreetSegment } from '../streets/street-segments.ts';
import type { PlanningRules } from './planning-rules.ts';
import type { Work, WorkType } from './plan.types.ts';

/** One work's share of one street segment. */
export interface WorkPiece {
  workId: string;
  segmentId: string;
  type: WorkType;
  /** Metres of the work that lie along this segment. */
  length_m: number;
  /** Fraction of the work's length on this segment (1 for a work on one segment). */
  share: number;
  /** Working days on this segment: the work's own duration times its share, or derived from length. */
  workingDays: number;
}

export interface Assignment {
  pieces: WorkPiece[];
  /** Works that touch no segment. */
  unassigned: string[];
}

export interface AssignOptions {
  /** How far (m) from a street centreline or outside a street polygon a work still belongs to it; a segment's own `width_m / 2` wins. */
  tolerance_m?: number;
  /** Sampling step along a work (m). */
  step_m?: number;
}

// A share this short is where a work merely crosses or grazes another street, not work in it.
const MIN_SHARE_M = 10;
const MIN_SHARE_FRACTION = 0.25;
// Metres of distance a perpendicular street costs in the nearest-segment choice: at a crossing, the street a work runs along wins.
const CROSSING_PENALTY_M = 10;

/** How far around a street segment a work still belongs to it: its centrelines or its polygon parts. */
interface StreetReach {
  lines: Position[][];
  rings: Position[][][];
  /** Bounding box of each polygon in `rings`. */
  boxes: [number, number, number, number][];
  reach: number;
}

/**
 * Assigns works to street segments by geometry (planar RD New metres). A work is sampled every `step_m`; each
 * sample goes to the nearest segment within reach, preferring the street the work runs along. A work along
 * several segments is split per segment with its length share; a work that reaches no segment is unassigned.
 * Durations: the work's `duration_days` times its share, else the rule set's working days per 100 m.
 *
 * @example
 * assignWorks([sewerAlongTwoSegments], [segA, segB], readPlanningRulesFile('data/rules/planning.json'))
 *   // { pieces: [{ workId: 'w1', segmentId: 'A', length_m: 120, share: 0.6, workingDays: 18, ... }, { ... 'B' ... }], unassigned: [] }
 */
export function assignWorks(works: readonly Work[], segments: readonly StreetSegment[], rules: PlanningRules, { tolerance_m = 10, step_m = 2 }: AssignOptions = {}): Assignment {
  const reaches = segments.map((s) => streetReach(s, tolerance_m));
  const index = new Flatbush(Math.max(1, segments.length));
  reaches.forEach((r) => {
    const [minX, minY, maxX, maxY] = bboxOf([...r.lines, ...r.rings.flat()]);
    index.add(minX - r.reach, minY - r.reach, maxX + r.reach, maxY + r.reach);
  });
  if (segments.length === 0) index.add(0, 0, 0, 0);
  index.finish();

  const pieces: WorkPiece[] = [];
  const unassigned: string[] = [];
  for (const work of works) {
    const lengths = new Map<number, number>();
    const samples = sample(work.geometry, step_m);
    for (const { at, length, dir } of samples) {
      let best = -1;
      let bestScore = Infinity;
      for (const i of segments.length ? index.search(at[0]!, at[1]!, at[0]!, at[1]!) : []) {
        const near = nearest(reaches[i]!, at);
        if (near.distance > reaches[i]!.reach) continue;
        const score = near.distance + (dir && near.dir ? CROSSING_PENALTY_M * Math.abs(cross(dir, near.dir)) : 0);
        if (score < bestScore) [best, bestScore] = [i, score];
      }
      if (best >= 0) lengths.set(best, (lengths.get(best) ?? 0) + length);
    }
    const total = samples.reduce((sum, s) => sum + s.length, 0);
    let kept = [...lengths].filter(([, l]) => l >= MIN_SHARE_M || l >= MIN_SHARE_FRACTION * total);
    if (kept.length === 0 && lengths.size > 0) kept = [[...lengths].sort((a, b) => b[1] - a[1])[0]!];
    if (kept.length === 0) {
      unassigned.push(work.id);
      continue;
    }
    const keptTotal = kept.reduce((sum, [, l]) => sum + l, 0);
    for (const [i, l] of kept.sort((a, b) => a[0] - b[0])) {
      const share = keptTotal > 0 ? l / keptTotal : 1 / kept.length;
      const length_m = Math.round(share * total * 10) / 10;
      const own = work.properties.duration_days;
      const workingDays = own !== undefined ? own * share : (rules.workingDaysPer100m[work.properties.type] * length_m) / 100;
      pieces.push({ workId: work.id, segmentId: segments[i]!.id, type: work.properties.type, length_m, share, workingDays: Math.max(1, workingDays) });
    }
  }
  return { pieces, unassigned };
}

function streetReach(segment: StreetSegment, tolerance: number): StreetReach {
  const g = segment.geometry;
  const width = segment.width_m;
  if (g.type === 'LineString') return { lines: [g.coordinates], rings: [], boxes: [], reach: typeof width === 'number' ? Math.max(width / 2, 1) : tolerance };
  // A polygon segment holds the whole street: only a metre of slack for digitising differences.
  const rings = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return { lines: [], rings, boxes: rings.map((r) => bboxOf(r)), reach: 1 };
}

interface Sample { at: Position; length: number; dir?: [number, number] }

// Enough samples to split a work by segment to within a few percent, few enough that a long outline stays cheap.
const MAX_SAMPLES = 64;

function sample(geometry: Geometry, step: number): Sample[] {
  const dense = sampleAt(geometry, step);
  if (dense.length <= MAX_SAMPLES) return dense;
  return sampleAt(geometry, (step * dense.length) / MAX_SAMPLES);
}

function sampleAt(geometry: Geometry, step: number): Sample[] {
  switch (geometry.type) {
    case 'Point':
      return [{ at: geometry.coordinates, length: 0 }];
    case 'MultiPoint':
      return geometry.coordinates.map((at) => ({ at, length: 0 }));
    case 'LineString':
      return sampleLine(geometry.coordinates, step, 1);
    case 'MultiLineString':
      return geometry.coordinates.flatMap((l) => sampleLine(l, step, 1));
    // A trench footprint: its outline runs along the street twice, so each side counts for half.
    case 'Polygon':
      return sampleLine(geometry.coordinates[0] ?? [], step, 0.5);
    case 'MultiPolygon':
      return geometry.coordinates.flatMap((p) => sampleLine(p[0] ?? [], step, 0.5));
    case 'GeometryCollection':
      return geometry.geometries.flatMap((g) => sampleAt(g, step));
  }
}

function sampleLine(line: Position[], step: number, weight: number): Sample[] {
  const out: Sample[] = [];
  for (let i = 0; i + 1 < line.length; i++) {
    const [ax, ay] = line[i] as [number, number];
    const [bx, by] = line[i + 1] as [number, number];
    const len = Math.hypot(bx - ax, by - ay);
    if (len === 0) continue;
    const n = Math.max(1, Math.ceil(len / step));
    const dir: [number, number] = [(bx - ax) / len, (by - ay) / len];
    for (let k = 0; k < n; k++) {
      const t = (k + 0.5) / n;
      out.push({ at: [ax + t * (bx - ax), ay + t * (by - ay)], length: (len / n) * weight, dir });
    }
  }
  return out;
}

function nearest(shape: StreetReach, p: Position): { distance: number; dir?: [number, number] } {
  let distance = Infinity;
  let dir: [number, number] | undefined;
  for (const line of shape.lines) {
    for (let i = 0; i + 1 < line.length; i++) {
      const d = pointSegmentDistance(p, line[i]!, line[i + 1]!);
      if (d < distance) {
        distance = d;
        const dx = line[i + 1]![0]! - line[i]![0]!;
        const dy = line[i + 1]![1]! - line[i]![1]!;
        const len = Math.hypot(dx, dy) || 1;
        dir = [dx / len, dy / len];
      }
    }
  }
  for (const [k, rings] of shape.rings.entries()) {
    // Polygon streets only count within `reach` of a part: parts whose box is farther are skipped unmeasured.
    const b = shape.boxes[k]!;
    if (p[0]! < b[0] - shape.reach || p[0]! > b[2] + shape.reach || p[1]! < b[1] - shape.reach || p[1]! > b[3] + shape.reach) continue;
    if (inPolygon(p, rings)) return { distance: 0 };
    for (const ring of rings) for (let i = 0; i + 1 < ring.length; i++) distance = Math.min(distance, pointSegmentDistance(p, ring[i]!, ring[i + 1]!));
  }
  return dir ? { distance, dir } : { distance };
}

const cross = (a: [number, number], b: [number, number]) => a[0] * b[1] - a[1] * b[0];
