import type { Position } from 'geojson';
import { type Intersection, type Segment, type Shape, bboxNear, pointSegment, pointShapeDistance, segmentDistance, segmentIntersection } from './planar.ts';

/** A trench centreline with its chainage (distance from the first vertex, m) at every vertex. */
export interface Centreline {
  coords: Position[];
  segments: Segment[];
  /** Chainage at each vertex. */
  at: number[];
  length: number;
}

/** A stretch of the centreline, by chainage, with the smallest distance to the shape along it. */
export interface Stretch {
  from: number;
  to: number;
  min: number;
}

export interface Crossing extends Intersection {
  chainage: number;
  /** Index of the asset segment crossed. */
  assetSegment: number;
}

const STEP_M = 0.5;
const BISECTIONS = 30;

/**
 * Prepares a LineString's coordinates for chainage work.
 *
 * @example centreline([[0, 0], [3, 4], [3, 10]]).length // 11
 */
export function centreline(coords: Position[]): Centreline {
  const segments: Segment[] = [];
  const at = [0];
  for (let i = 0; i + 1 < coords.length; i++) {
    segments.push([coords[i]!, coords[i + 1]!]);
    at.push(at[i]! + Math.hypot(coords[i + 1]![0]! - coords[i]![0]!, coords[i + 1]![1]! - coords[i]![1]!));
  }
  return { coords, segments, at, length: at.at(-1)! };
}

/**
 * The point at a chainage.
 *
 * @example pointAt(centreline([[0, 0], [10, 0]]), 4) // [4, 0]
 */
export function pointAt(line: Centreline, chainage: number): Position {
  const i = segmentAt(line, chainage);
  const [a, b] = line.segments[i]!;
  const len = line.at[i + 1]! - line.at[i]!;
  const t = len === 0 ? 0 : Math.min(1, Math.max(0, (chainage - line.at[i]!) / len));
  return [a[0]! + (b[0]! - a[0]!) * t, a[1]! + (b[1]! - a[1]!) * t];
}

/**
 * The part of the centreline between two chainages (a single point repeated when they are equal).
 *
 * @example subLine(centreline([[0, 0], [10, 0], [10, 10]]), 5, 15) // [[5, 0], [10, 0], [10, 5]]
 */
export function subLine(line: Centreline, from: number, to: number): Position[] {
  const out: Position[] = [pointAt(line, from)];
  for (let i = 1; i < line.coords.length - 1; i++) if (line.at[i]! > from && line.at[i]! < to) out.push(line.coords[i]!);
  out.push(pointAt(line, to));
  return out;
}

/**
 * The stretches of the centreline whose points lie within `threshold` of a shape. Exact up to bisection: every
 * local minimum of the distance (the closest point of each centreline segment to each shape part) is sampled, so no
 * stretch is missed however short; a regular grid of 0.5 m catches gaps between stretches.
 *
 * @example stretchesWithin(centreline([[0, 0], [100, 0]]), shapeOf(point([50, 2])), 3) // [{ from: ≈47.76, to: ≈52.24, min: 2 }]
 */
export function stretchesWithin(line: Centreline, shape: Shape, threshold: number): Stretch[] {
  const f = (s: number) => pointShapeDistance(pointAt(line, s), shape);
  const samples: number[] = [];
  for (const [i, seg] of line.segments.entries()) {
    const range = paramRange(seg, shape.bbox, threshold);
    if (!range) continue;
    const len = line.at[i + 1]! - line.at[i]!;
    const [t0, t1] = range;
    const params = [t0, t1];
    for (let t = t0 + STEP_M / (len || 1); t < t1; t += STEP_M / (len || 1)) params.push(t);
    for (const s2 of shape.segments) params.push(segmentDistance(seg, s2).s);
    for (const q of shape.points) params.push(projectParam(q, seg));
    for (const t of params) samples.push(line.at[i]! + t * len);
  }
  samples.sort((a, b) => a - b);
  const values = samples.map(f);
  const out: Stretch[] = [];
  let open: Stretch | undefined;
  for (let k = 0; k < samples.length; k++) {
    const inside = values[k]! <= threshold;
    if (inside && !open) {
      open = { from: k === 0 ? samples[k]! : boundary(f, samples[k - 1]!, samples[k]!, threshold), to: samples[k]!, min: values[k]! };
    } else if (inside && open) {
      open.to = samples[k]!;
      open.min = Math.min(open.min, values[k]!);
    } else if (!inside && open) {
      open.to = boundary(f, samples[k]!, samples[k - 1]!, threshold);
      out.push(open);
      open = undefined;
    }
  }
  if (open) out.push(open);
  return out;
}

/**
 * Every point where the centreline crosses a line shape, with chainage and crossing angle, in chainage order.
 *
 * @example crossings(centreline([[0, 0], [10, 0]]), shapeOf(lineAcross))[0].chainage // 5
 */
export function crossings(line: Centreline, shape: Shape): Crossing[] {
  const out: Crossing[] = [];
  for (const [i, seg] of line.segments.entries()) {
    const len = line.at[i + 1]! - line.at[i]!;
    for (const [j, s2] of shape.segments.entries()) {
      const hit = segmentIntersection(seg, s2);
      if (!hit) continue;
      const chainage = line.at[i]! + hit.s * len;
      // A crossing through a shared vertex is found on both segments; keep it once.
      if (out.some((c) => Math.abs(c.chainage - chainage) < 1e-3)) continue;
      out.push({ ...hit, chainage, assetSegment: j });
    }
  }
  return out.sort((a, b) => a.chainage - b.chainage);
}

/** Centreline length inside the union of stretches. */
export function unionLength(stretches: readonly Stretch[]): number {
  const sorted = [...stretches].sort((a, b) => a.from - b.from);
  let total = 0;
  let end = -Infinity;
  for (const s of sorted) {
    if (s.to <= end) continue;
    total += s.to - Math.max(s.from, end);
    end = s.to;
  }
  return total;
}

function segmentAt(line: Centreline, chainage: number): number {
  let lo = 0, hi = line.segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (line.at[mid]! <= chainage) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The parameter range of a segment that can lie within `d` of a bbox (from projecting the grown bbox). */
function paramRange(seg: Segment, bbox: Shape['bbox'], d: number): [number, number] | undefined {
  const [a, b] = seg;
  const segBox: Shape['bbox'] = [Math.min(a[0]!, b[0]!), Math.min(a[1]!, b[1]!), Math.max(a[0]!, b[0]!), Math.max(a[1]!, b[1]!)];
  if (!bboxNear(segBox, bbox, d)) return undefined;
  const dx = b[0]! - a[0]!, dy = b[1]! - a[1]!;
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return [0, 0];
  const corners = [[bbox[0] - d, bbox[1] - d], [bbox[2] + d, bbox[1] - d], [bbox[0] - d, bbox[3] + d], [bbox[2] + d, bbox[3] + d]];
  const ts = corners.map(([x, y]) => ((x! - a[0]!) * dx + (y! - a[1]!) * dy) / len2);
  const t0 = Math.max(0, Math.min(...ts));
  const t1 = Math.min(1, Math.max(...ts));
  return t0 <= t1 ? [t0, t1] : undefined;
}

function projectParam(q: Position, seg: Segment): number {
  const c = pointSegment(q, seg);
  const [a, b] = seg;
  const len = Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!);
  return len === 0 ? 0 : Math.hypot(c.b[0]! - a[0]!, c.b[1]! - a[1]!) / len;
}

/** Chainage between `outside` and `inside` where f crosses the threshold. */
function boundary(f: (s: number) => number, outside: number, inside: number, threshold: number): number {
  let out = outside, inn = inside;
  for (let k = 0; k < BISECTIONS && Math.abs(out - inn) > 1e-6; k++) {
    const mid = (out + inn) / 2;
    if (f(mid) <= threshold) inn = mid;
    else out = mid;
  }
  return inn;
}
