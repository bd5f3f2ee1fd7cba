import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import { type Intersection, type Segment, type Shape, bboxNear, boxesMeet, inPolygon, pointSegmentParam, segmentIntersection, segmentParam, xyShapeDistance } from '../../geo/planar.ts';

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
  // Chainage never decreases along the line, so the inner vertices are one run starting after `from`: a zig-zag
  // near an asset has thousands of stretches, and a scan of every vertex per stretch was quadratic.
  for (let i = Math.max(1, firstAfter(line.at, from)); i < line.coords.length - 1 && line.at[i]! < to; i++) out.push(line.coords[i]!);
  out.push(pointAt(line, to));
  return out;
}

/**
 * The first stretch that holds a chainage (a micrometre to spare), or undefined. `stretches` in chainage order and
 * apart, as stretchesWithin gives them; a binary search, so a rule can ask it for every crossing.
 *
 * @example stretchAt([{ from: 0, to: 2, min: 1 }, { from: 5, to: 9, min: 0.4 }], 6) // { from: 5, to: 9, min: 0.4 }
 */
export function stretchAt<S extends { from: number | null; to: number | null }>(stretches: readonly S[], chainage: number): S | undefined {
  let lo = 0, hi = stretches.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (stretches[mid]!.to! + 1e-6 >= chainage) hi = mid;
    else lo = mid + 1;
  }
  const s = stretches[lo];
  return s && chainage >= s.from! - 1e-6 ? s : undefined;
}

/**
 * Whether a crossing lies between two chainages (a micrometre to spare either side). `found` in chainage order, as
 * crossings gives them; a binary search, so a rule can ask it for every stretch.
 *
 * @example crossingWithin(crossings(line, shape), 10, 20) // true when the line crosses the shape at chainage 15
 */
export function crossingWithin(found: readonly Pick<Crossing, 'chainage'>[], from: number, to: number): boolean {
  let lo = 0, hi = found.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (found[mid]!.chainage >= from - 1e-6) hi = mid;
    else lo = mid + 1;
  }
  return lo < found.length && found[lo]!.chainage <= to + 1e-6;
}

/**
 * The stretches of the centreline whose points lie within `threshold` of a shape. Exact up to bisection: every
 * local minimum of the distance (the closest point of each centreline segment to each shape part) is sampled, so no
 * stretch is missed however short; a regular grid of 0.5 m catches gaps between stretches.
 *
 * @example stretchesWithin(centreline([[0, 0], [100, 0]]), shapeOf(point([50, 2])), 3) // [{ from: ≈47.76, to: ≈52.24, min: 2 }]
 */
export function stretchesWithin(line: Centreline, shape: Shape, threshold: number): Stretch[] {
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
    for (const q of shape.points) samples.push(base + pointSegmentParam(q, seg) * len);
  }
  if (samples.length === 0) return [];
  const at = sortSamples(samples);
  const out: Stretch[] = [];
  let open: Stretch | undefined;
  let previous = 0;
  for (let k = 0; k < at.length; k++) {
    const value = distanceAt(line, at[k]!, shape, threshold);
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
 * Sorts the samples in place, ascending. A stretch search holds a handful of samples (median 7 at a city street, a
 * few hundred at most) in ascending runs, where an insertion sort is several times faster than copying them into a
 * Float64Array and sorting that; past INSERTION_MAX the built-in sort takes over. Samples are never NaN or -0, so
 * the order is the typed array's.
 */
function sortSamples(at: number[]): number[] {
  if (at.length > INSERTION_MAX) return at.sort((a, b) => a - b);
  for (let i = 1; i < at.length; i++) {
    const v = at[i]!;
    let j = i - 1;
    while (j >= 0 && at[j]! > v) {
      at[j + 1] = at[j]!;
      j--;
    }
    at[j + 1] = v;
  }
  return at;
}

const INSERTION_MAX = 64;

/**
 * Every point where the centreline crosses a line shape, with chainage and crossing angle, in chainage order.
 *
 * @example crossings(centreline([[0, 0], [10, 0]]), shapeOf(lineAcross))[0].chainage // 5
 */
export function crossings(line: Centreline, shape: Shape): Crossing[] {
  const out: Crossing[] = [];
  // The centreline segment of each crossing kept, to stop the duplicate search early (below).
  const onSegment: number[] = [];
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
      if (keptNear(out, onSegment, line.at, chainage)) continue;
      // Named fields rather than a spread of `hit`: the spread was the slowest line of a check.
      out.push({ point: hit.point, s: hit.s, t: hit.t, angle_deg: hit.angle_deg, chainage, assetSegment: j });
      onSegment.push(i);
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

/**
 * Whether a kept crossing lies within a millimetre of `chainage`. Segments are visited in ascending order and a
 * crossing on segment k lies at or before chainage at[k + 1], so the search walks back from the newest and stops at
 * the first crossing of a segment that ends a millimetre or more before: none before it can be nearer. Comparing
 * with every kept crossing made a zig-zag over a long asset quadratic.
 */
function keptNear(kept: readonly Crossing[], onSegment: readonly number[], at: readonly number[], chainage: number): boolean {
  for (let k = kept.length - 1; k >= 0; k--) {
    if (Math.abs(kept[k]!.chainage - chainage) < 1e-3) return true;
    if (at[onSegment[k]! + 1]! <= chainage - 1e-3) return false;
  }
  return false;
}

/** Index of the first chainage greater than `chainage` (at.length when none is). */
function firstAfter(at: readonly number[], chainage: number): number {
  let lo = 0, hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at[mid]! > chainage) hi = mid;
    else lo = mid + 1;
  }
  return lo;
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
  // The grown box's corners projected on the segment, without arrays: this runs per trench segment per candidate.
  const x0 = (bbox[0] - d - a[0]!) * dx, x1 = (bbox[2] + d - a[0]!) * dx;
  const y0 = (bbox[1] - d - a[1]!) * dy, y1 = (bbox[3] + d - a[1]!) * dy;
  const c0 = (x0 + y0) / len2, c1 = (x1 + y0) / len2, c2 = (x0 + y1) / len2, c3 = (x1 + y1) / len2;
  const t0 = Math.max(0, Math.min(c0, c1, c2, c3));
  const t1 = Math.min(1, Math.max(c0, c1, c2, c3));
  return t0 <= t1 ? [t0, t1] : undefined;
}

/**
 * Indices (ascending) of the centreline segments whose bounding box comes within `d` of `bbox`. Long centrelines
 * get a flatbush index of their segments, built once per centreline.
 *
 * @example segmentsNear(centreline([[0, 0], [10, 0], [10, 10]]), [12, 4, 13, 5], 2.5) // [1]
 */
export function segmentsNear(line: Centreline, bbox: Shape['bbox'], d: number): number[] {
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

/**
 * The distance from the point at a chainage to a shape (pointAt's arithmetic, without allocating), exact when it
 * is at most `threshold`; above it, some distance above it. Every trench segment near an asset samples once per
 * asset segment, so measuring each sample against every asset segment made a check grow with the square of the
 * asset's vertices; a long asset gets an index of its segments and a sample meets only those within `threshold`.
 */
function distanceAt(line: Centreline, chainage: number, shape: Shape, threshold: number): number {
  const i = segmentAt(line, chainage);
  const [a, b] = line.segments[i]!;
  const len = line.at[i + 1]! - line.at[i]!;
  const t = len === 0 ? 0 : Math.min(1, Math.max(0, (chainage - line.at[i]!) / len));
  const x = a[0]! + (b[0]! - a[0]!) * t, y = a[1]! + (b[1]! - a[1]!) * t;
  if (shape.segments.length <= LINEAR_SCAN_MAX) return xyShapeDistance(x, y, shape);
  for (const rings of shape.polygons) if (inPolygon([x, y], rings)) return 0;
  // The nearest segment within the threshold has its box within it too: the same minimum as over all segments.
  let best = Infinity;
  const m = threshold + 1e-6;
  for (const j of shapeIndex(shape).search(x - m, y - m, x + m, y + m)) {
    const [p, q] = shape.segments[j]!;
    const px = p[0]!, py = p[1]!, dx = q[0]! - px, dy = q[1]! - py;
    const len2 = dx * dx + dy * dy;
    let u = len2 === 0 ? 0 : ((x - px) * dx + (y - py) * dy) / len2;
    u = u < 0 ? 0 : u > 1 ? 1 : u;
    const ex = px + u * dx - x, ey = py + u * dy - y;
    const d2 = ex * ex + ey * ey;
    if (d2 < best) best = d2;
  }
  for (const p of shape.points) {
    const ex = p[0]! - x, ey = p[1]! - y;
    const d2 = ex * ex + ey * ey;
    if (d2 < best) best = d2;
  }
  return Math.sqrt(best);
}

const SHAPE_INDEXES = new WeakMap<Shape, Flatbush>();

function shapeIndex(shape: Shape): Flatbush {
  let index = SHAPE_INDEXES.get(shape);
  if (!index) {
    index = new Flatbush(shape.segments.length);
    for (const [a, b] of shape.segments) index.add(Math.min(a[0]!, b[0]!), Math.min(a[1]!, b[1]!), Math.max(a[0]!, b[0]!), Math.max(a[1]!, b[1]!));
    index.finish();
    SHAPE_INDEXES.set(shape, index);
  }
  return index;
}

/** Chainage between `outside` and `inside` where the distance to the shape crosses the threshold. */
function boundary(line: Centreline, shape: Shape, outside: number, inside: number, threshold: number): number {
  let out = outside, inn = inside;
  for (let k = 0; k < BISECTIONS && Math.abs(out - inn) > 1e-6; k++) {
    const mid = (out + inn) / 2;
    if (distanceAt(line, mid, shape, threshold) <= threshold) inn = mid;
    else out = mid;
  }
  return inn;
}
