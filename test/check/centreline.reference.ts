// The check's centreline machinery as it was before issue 12 item 5 (commit 5b25c07), kept only as the reference the
// property test compares the near-linear version against. Not used by the server.
import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import type { Centreline, Crossing, Stretch } from '../../server/domain/check/centreline.ts';
import { pointAt } from '../../server/domain/check/centreline.ts';
import { type Segment, type Shape, bboxNear, boxesMeet, segmentIntersection, segmentParam, xyShapeDistance } from '../../server/geo/planar.ts';

const STEP_M = 0.5;
const BISECTIONS = 30;

/**
 * The part of the centreline between two chainages (a single point repeated when they are equal).
 *
 * @example subLine(centreline([[0, 0], [10, 0], [10, 10]]), 5, 15) // [[5, 0], [10, 0], [10, 5]]
 */
export function subLineReference(line: Centreline, from: number, to: number): Position[] {
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
export function stretchesWithinReference(line: Centreline, shape: Shape, threshold: number): Stretch[] {
  const near = segmentsNear(line, shape.bbox, threshold);
  if (near.length === 0) return [];
  const samples: number[] = [];
  for (const i of near) {
    const seg = line.segments[i]!;
    const range = paramRange(seg, shape.bbox, threshold);
    if (!range) continue;
    const base = line.at[i]!;
    const len = line.at[i + 1]! - base;
    const [t0, t1] = range;
    samples.push(base + t0 * len, base + t1 * len);
    for (let t = t0 + STEP_M / (len || 1); t < t1; t += STEP_M / (len || 1)) samples.push(base + t * len);
    for (const s2 of shape.segments) samples.push(base + segmentParam(seg, s2) * len);
    for (const q of shape.points) samples.push(base + projectParam(q, seg) * len);
  }
  if (samples.length === 0) return [];
  const at = Float64Array.from(samples).sort();
  const out: Stretch[] = [];
  let open: Stretch | undefined;
  let previous = 0;
  for (let k = 0; k < at.length; k++) {
    const value = distanceAt(line, at[k]!, shape);
    const inside = value <= threshold;
    if (inside && !open) {
      open = { from: k === 0 ? at[k]! : boundary(line, shape, at[k - 1]!, at[k]!, threshold), to: at[k]!, min: value };
    } else if (inside && open) {
      open.to = at[k]!;
      if (value < open.min) open.min = value;
    } else if (!inside && open) {
      open.to = boundary(line, shape, at[k]!, previous, threshold);
      out.push(open);
      open = undefined;
    }
    previous = at[k]!;
  }
  if (open) out.push(open);
  return out;
}

/**
 * Every point where the centreline crosses a line shape, with chainage and crossing angle, in chainage order.
 *
 * @example crossings(centreline([[0, 0], [10, 0]]), shapeOf(lineAcross))[0].chainage // 5
 */
export function crossingsReference(line: Centreline, shape: Shape): Crossing[] {
  const out: Crossing[] = [];
  for (const i of segmentsNear(line, shape.bbox, 1e-6)) {
    const seg = line.segments[i]!;
    const len = line.at[i + 1]! - line.at[i]!;
    for (let j = 0; j < shape.segments.length; j++) {
      const s2 = shape.segments[j]!;
      if (!boxesMeet(seg, s2)) continue;
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

/**
 * Indices (ascending) of the centreline segments whose bounding box comes within `d` of `bbox`. Long centrelines
 * get a flatbush index of their segments, built once per centreline.
 *
 * @example segmentsNear(centreline([[0, 0], [10, 0], [10, 10]]), [12, 4, 13, 5], 2.5) // [1]
 */
function segmentsNear(line: Centreline, bbox: Shape['bbox'], d: number): number[] {
  const n = line.segments.length;
  if (n > LINEAR_SCAN_MAX) {
    let index = INDEXES.get(line);
    if (!index) {
      index = new Flatbush(n);
      for (const [a, b] of line.segments) index.add(Math.min(a[0]!, b[0]!), Math.min(a[1]!, b[1]!), Math.max(a[0]!, b[0]!), Math.max(a[1]!, b[1]!));
      index.finish();
      INDEXES.set(line, index);
    }
    const m = d + 1e-6;
    return index.search(bbox[0] - m, bbox[1] - m, bbox[2] + m, bbox[3] + m).sort((a, b) => a - b);
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const [a, b] = line.segments[i]!;
    if (bboxNear([Math.min(a[0]!, b[0]!), Math.min(a[1]!, b[1]!), Math.max(a[0]!, b[0]!), Math.max(a[1]!, b[1]!)], bbox, d + 1e-6)) out.push(i);
  }
  return out;
}

const LINEAR_SCAN_MAX = 16;
const INDEXES = new WeakMap<Centreline, Flatbush>();

/** The distance from the point at a chainage to a shape (pointAt's arithmetic, without allocating). */
function distanceAt(line: Centreline, chainage: number, shape: Shape): number {
  const i = segmentAt(line, chainage);
  const [a, b] = line.segments[i]!;
  const len = line.at[i + 1]! - line.at[i]!;
  const t = len === 0 ? 0 : Math.min(1, Math.max(0, (chainage - line.at[i]!) / len));
  return xyShapeDistance(a[0]! + (b[0]! - a[0]!) * t, a[1]! + (b[1]! - a[1]!) * t, shape);
}

/** The parameter along a segment of the point closest to q (pointSegment's arithmetic, without allocating). */
function projectParam(q: Position, [a, b]: Segment): number {
  const dx = b[0]! - a[0]!, dy = b[1]! - a[1]!;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((q[0]! - a[0]!) * dx + (q[1]! - a[1]!) * dy) / len2));
  const len = Math.hypot(dx, dy);
  return len === 0 ? 0 : Math.hypot(a[0]! + t * dx - a[0]!, a[1]! + t * dy - a[1]!) / len;
}

/** Chainage between `outside` and `inside` where the distance to the shape crosses the threshold. */
function boundary(line: Centreline, shape: Shape, outside: number, inside: number, threshold: number): number {
  let out = outside, inn = inside;
  for (let k = 0; k < BISECTIONS && Math.abs(out - inn) > 1e-6; k++) {
    const mid = (out + inn) / 2;
    if (distanceAt(line, mid, shape) <= threshold) inn = mid;
    else out = mid;
  }
  return inn;
}
