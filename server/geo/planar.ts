import type { Geometry, Position } from 'geojson';

// Planar geometry in RD New metres. Turf's measurement functions work on a sphere in degrees, so the check, the
// planner and the importers measure here; the results agree with PostGIS ST_Distance on EPSG:28992
// (test/check/postgis-agreement.test.ts).

export type Segment = readonly [Position, Position];

/** A geometry taken apart for distance work: its segments, its loose points and its polygons (rings). */
export interface Shape {
  segments: Segment[];
  points: Position[];
  polygons: Position[][][];
  bbox: [number, number, number, number];
}

export interface Closest {
  distance: number;
  /** Nearest point on the first argument and on the second. */
  a: Position;
  b: Position;
  /** Parameter 0–1 of `a` along the first segment (when the first argument is a segment). */
  s: number;
}

/**
 * Breaks a geometry into segments, points and polygons.
 *
 * @example shapeOf({ type: 'LineString', coordinates: [[0, 0], [10, 0]] }).segments.length // 1
 */
export function shapeOf(geometry: Geometry): Shape {
  const shape: Shape = { segments: [], points: [], polygons: [], bbox: [Infinity, Infinity, -Infinity, -Infinity] };
  addGeometry(shape, geometry);
  // Module-level helpers and one bbox array: this runs for every candidate of every check.
  const box = shape.bbox;
  for (const [a, b] of shape.segments) (growBox(box, a), growBox(box, b));
  for (const p of shape.points) growBox(box, p);
  return shape;
}

function addGeometry(shape: Shape, g: Geometry): void {
  switch (g.type) {
    case 'Point': shape.points.push(g.coordinates); return;
    case 'MultiPoint': shape.points.push(...g.coordinates); return;
    case 'LineString': addLine(shape, g.coordinates); return;
    case 'MultiLineString': for (const l of g.coordinates) addLine(shape, l); return;
    case 'Polygon': shape.polygons.push(g.coordinates); for (const l of g.coordinates) addLine(shape, l); return;
    case 'MultiPolygon': for (const p of g.coordinates) { shape.polygons.push(p); for (const l of p) addLine(shape, l); } return;
    case 'GeometryCollection': for (const c of g.geometries) addGeometry(shape, c); return;
  }
}

function addLine(shape: Shape, coords: Position[]): void {
  for (let i = 0; i + 1 < coords.length; i++) shape.segments.push([coords[i]!, coords[i + 1]!]);
  if (coords.length === 1) shape.points.push(coords[0]!);
}

function growBox(box: Shape['bbox'], p: Position): void {
  const x = p[0]!, y = p[1]!;
  if (x < box[0]) box[0] = x;
  if (y < box[1]) box[1] = y;
  if (x > box[2]) box[2] = x;
  if (y > box[3]) box[3] = y;
}

/**
 * Closest points of two segments (Ericson, Real-Time Collision Detection 5.1.9).
 *
 * @example segmentDistance([[0, 0], [10, 0]], [[5, 2], [5, 8]]).distance // 2
 */
export function segmentDistance([p1, q1]: Segment, [p2, q2]: Segment): Closest {
  const d1x = q1[0]! - p1[0]!, d1y = q1[1]! - p1[1]!;
  const d2x = q2[0]! - p2[0]!, d2y = q2[1]! - p2[1]!;
  const rx = p1[0]! - p2[0]!, ry = p1[1]! - p2[1]!;
  const a = d1x * d1x + d1y * d1y, e = d2x * d2x + d2y * d2y, f = d2x * rx + d2y * ry;
  let s = 0, t = 0;
  if (a === 0 && e === 0) {
    s = t = 0;
  } else if (a === 0) {
    t = clamp(f / e);
  } else {
    const c = d1x * rx + d1y * ry;
    if (e === 0) {
      s = clamp(-c / a);
    } else {
      const b = d1x * d2x + d1y * d2y;
      const denom = a * e - b * b;
      s = denom > 1e-12 * a * e ? clamp((b * f - c * e) / denom) : 0;
      t = (b * s + f) / e;
      if (t < 0) { t = 0; s = clamp(-c / a); }
      else if (t > 1) { t = 1; s = clamp((b - c) / a); }
    }
  }
  const pa: Position = [p1[0]! + d1x * s, p1[1]! + d1y * s];
  const pb: Position = [p2[0]! + d2x * t, p2[1]! + d2y * t];
  // A proper crossing: report it exactly rather than through the clamped closest points.
  const hit = segmentIntersection([p1, q1], [p2, q2]);
  if (hit) return { distance: 0, a: hit.point, b: hit.point, s: hit.s };
  return { distance: Math.hypot(pa[0]! - pb[0]!, pa[1]! - pb[1]!), a: pa, b: pb, s };
}

/** Where two segments cross: the point, the parameters along each, and the angle between them (0–90°). */
export interface Intersection {
  point: Position;
  s: number;
  t: number;
  angle_deg: number;
}

/**
 * The crossing point of two segments, or undefined when they do not meet or overlap collinearly.
 *
 * @example segmentIntersection([[0, 0], [10, 0]], [[5, -5], [5, 5]]) // { point: [5, 0], s: 0.5, t: 0.5, angle_deg: 90 }
 */
export function segmentIntersection([p1, q1]: Segment, [p2, q2]: Segment): Intersection | undefined {
  const d1x = q1[0]! - p1[0]!, d1y = q1[1]! - p1[1]!;
  const d2x = q2[0]! - p2[0]!, d2y = q2[1]! - p2[1]!;
  const denom = d1x * d2y - d1y * d2x;
  const len = Math.hypot(d1x, d1y) * Math.hypot(d2x, d2y);
  if (len === 0 || Math.abs(denom) <= 1e-12 * len) return undefined;
  const rx = p2[0]! - p1[0]!, ry = p2[1]! - p1[1]!;
  const s = (rx * d2y - ry * d2x) / denom;
  const t = (rx * d1y - ry * d1x) / denom;
  const eps = 1e-12;
  if (s < -eps || s > 1 + eps || t < -eps || t > 1 + eps) return undefined;
  const cos = Math.abs(d1x * d2x + d1y * d2y) / len;
  return { point: [p1[0]! + d1x * s, p1[1]! + d1y * s], s: clamp(s), t: clamp(t), angle_deg: (Math.acos(Math.min(1, cos)) * 180) / Math.PI };
}

/**
 * Closest points of a point and a segment.
 *
 * @example pointSegment([5, 3], [[0, 0], [10, 0]]).distance // 3
 */
export function pointSegment(p: Position, [a, b]: Segment): Closest {
  const dx = b[0]! - a[0]!, dy = b[1]! - a[1]!;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : clamp(((p[0]! - a[0]!) * dx + (p[1]! - a[1]!) * dy) / len2);
  const q: Position = [a[0]! + t * dx, a[1]! + t * dy];
  return { distance: Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!), a: p, b: q, s: 0 };
}

/**
 * Distance from a point to a segment, without allocating: for hot loops that need the number only.
 *
 * @example pointSegmentDistance([5, 3], [0, 0], [10, 0]) // 3
 */
export function pointSegmentDistance(p: Position, a: Position, b: Position): number {
  const px = p[0]!, py = p[1]!, ax = a[0]!, ay = a[1]!;
  const dx = b[0]! - ax, dy = b[1]! - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : clamp(((px - ax) * dx + (py - ay) * dy) / len2);
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/**
 * Even–odd point-in-polygon test over all rings (holes excluded).
 *
 * @example inPolygon([1, 1], [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]]) // true
 */
export function inPolygon(p: Position, rings: Position[][]): boolean {
  return xyInPolygon(p[0]!, p[1]!, rings);
}

function xyInPolygon(x: number, y: number, rings: Position[][]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const xi = ring[i]![0]!, yi = ring[i]![1]!;
      const xj = ring[j]![0]!, yj = ring[j]![1]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/**
 * Distance from a point to a shape: 0 inside one of its polygons.
 *
 * @example pointShapeDistance([0, 5], shapeOf({ type: 'Point', coordinates: [0, 0] })) // 5
 */
export function pointShapeDistance(p: Position, shape: Shape): number {
  return xyShapeDistance(p[0]!, p[1]!, shape);
}

/**
 * pointShapeDistance for a point given as x and y, without allocating: it runs for every sample along every trench.
 *
 * @example xyShapeDistance(0, 5, shapeOf({ type: 'Point', coordinates: [0, 0] })) // 5
 */
export function xyShapeDistance(x: number, y: number, shape: Shape): number {
  for (const rings of shape.polygons) if (xyInPolygon(x, y, rings)) return 0;
  let best = Infinity;
  for (const [a, b] of shape.segments) {
    const ax = a[0]!, ay = a[1]!, dx = b[0]! - ax, dy = b[1]! - ay;
    const len2 = dx * dx + dy * dy;
    let t = len2 === 0 ? 0 : ((x - ax) * dx + (y - ay) * dy) / len2;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const ex = ax + t * dx - x, ey = ay + t * dy - y;
    const d2 = ex * ex + ey * ey;
    if (d2 < best) best = d2;
  }
  for (const q of shape.points) {
    const ex = q[0]! - x, ey = q[1]! - y;
    const d2 = ex * ex + ey * ey;
    if (d2 < best) best = d2;
  }
  return Math.sqrt(best);
}

/**
 * The parameter (0–1) along `one` of its closest point to `other`: the `s` of segmentDistance, computed without
 * allocating (the stretch search asks it for every asset segment near every trench segment).
 *
 * @example segmentParam([[0, 0], [10, 0]], [[5, 2], [5, 8]]) // 0.5
 */
export function segmentParam(one: Segment, other: Segment): number {
  const [p1, q1] = one, [p2, q2] = other;
  const d1x = q1[0]! - p1[0]!, d1y = q1[1]! - p1[1]!;
  const d2x = q2[0]! - p2[0]!, d2y = q2[1]! - p2[1]!;
  // A proper crossing first, as segmentDistance reports it (segmentIntersection's arithmetic); only when the
  // boxes meet, which no crossing can avoid.
  if (boxesMeet(one, other)) {
    const denom = d1x * d2y - d1y * d2x;
    const len = Math.hypot(d1x, d1y) * Math.hypot(d2x, d2y);
    if (len !== 0 && Math.abs(denom) > 1e-12 * len) {
      const cx = p2[0]! - p1[0]!, cy = p2[1]! - p1[1]!;
      const s = (cx * d2y - cy * d2x) / denom;
      const t = (cx * d1y - cy * d1x) / denom;
      if (s >= -1e-12 && s <= 1 + 1e-12 && t >= -1e-12 && t <= 1 + 1e-12) return clamp(s);
    }
  }
  const rx = p1[0]! - p2[0]!, ry = p1[1]! - p2[1]!;
  const a = d1x * d1x + d1y * d1y, e = d2x * d2x + d2y * d2y, f = d2x * rx + d2y * ry;
  if (a === 0) return 0;
  const c = d1x * rx + d1y * ry;
  if (e === 0) return clamp(-c / a);
  const b = d1x * d2x + d1y * d2y;
  const denom = a * e - b * b;
  const s = denom > 1e-12 * a * e ? clamp((b * f - c * e) / denom) : 0;
  const t = (b * s + f) / e;
  return t < 0 ? clamp(-c / a) : t > 1 ? clamp((b - c) / a) : s;
}

/**
 * Whether the bounding boxes of two segments meet (with a micrometre to spare for crossings at an end point).
 *
 * @example boxesMeet([[0, 0], [10, 0]], [[5, -5], [5, 5]]) // true
 */
export function boxesMeet([a, b]: Segment, [c, d]: Segment): boolean {
  const e = 1e-6;
  return (
    Math.min(a[0]!, b[0]!) - e <= Math.max(c[0]!, d[0]!) && Math.min(c[0]!, d[0]!) - e <= Math.max(a[0]!, b[0]!) &&
    Math.min(a[1]!, b[1]!) - e <= Math.max(c[1]!, d[1]!) && Math.min(c[1]!, d[1]!) - e <= Math.max(a[1]!, b[1]!)
  );
}

/**
 * Closest points of two shapes, as PostGIS ST_Distance/ST_ShortestLine would give them (0 when they meet).
 *
 * @example shapeDistance(shapeOf(lineA), shapeOf(lineB)).distance
 */
export function shapeDistance(one: Shape, other: Shape): Closest {
  let best: Closest = { distance: Infinity, a: [0, 0], b: [0, 0], s: 0 };
  const take = (c: Closest) => { if (c.distance < best.distance) best = c; };
  for (const [x, y] of [[one, other], [other, one]] as const) {
    for (const rings of y.polygons) {
      const inner = [...x.points, ...x.segments.map((s) => s[0])].find((p) => inPolygon(p, rings));
      if (inner) return { distance: 0, a: inner, b: inner, s: 0 };
    }
  }
  for (const s1 of one.segments) {
    for (const s2 of other.segments) take(segmentDistance(s1, s2));
    for (const q of other.points) { const c = pointSegment(q, s1); take({ ...c, a: c.b, b: q }); }
  }
  for (const p of one.points) {
    for (const s2 of other.segments) take(pointSegment(p, s2));
    for (const q of other.points) take({ distance: Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!), a: p, b: q, s: 0 });
  }
  return best;
}

/**
 * Planar length of a polyline.
 *
 * @example lineLength([[0, 0], [3, 4]]) // 5
 */
export function lineLength(coords: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < coords.length; i++) sum += Math.hypot(coords[i + 1]![0]! - coords[i]![0]!, coords[i + 1]![1]! - coords[i]![1]!);
  return sum;
}

/** Whether two bounding boxes come within `d` of each other. */
export function bboxNear(a: Shape['bbox'], b: Shape['bbox'], d: number): boolean {
  return a[0] - d <= b[2] && b[0] - d <= a[2] && a[1] - d <= b[3] && b[1] - d <= a[3];
}

const clamp = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);
