import type { Position } from 'geojson';
import { pointSegmentDistance } from '../geo/planar.ts';

// Planar measurements in RD New metres. Turf's measurements assume degrees, so importers measure here.

/**
 * Distance from a point to a polyline, in the units of the coordinates.
 *
 * @example pointToLineDistance([5, 3], [[0, 0], [10, 0]]) // 3
 */
export function pointToLineDistance(p: Position, line: readonly Position[]): number {
  let best = Infinity;
  for (let i = 0; i + 1 < line.length; i++) best = Math.min(best, pointSegmentDistance(p, line[i]!, line[i + 1]!));
  if (line.length === 1) best = Math.hypot(p[0]! - line[0]![0]!, p[1]! - line[0]![1]!);
  return best;
}

/**
 * Area of a polygon given as rings (outer ring first, holes after), in square units.
 *
 * @example polygonArea([[[0, 0], [4, 0], [4, 3], [0, 3], [0, 0]]]) // 12
 */
export function polygonArea(rings: readonly Position[][]): number {
  return rings.reduce((sum, ring, i) => sum + (i === 0 ? 1 : -1) * Math.abs(ringArea(ring)), 0);
}

function ringArea(ring: readonly Position[]): number {
  let twice = 0;
  for (let i = 0; i + 1 < ring.length; i++) twice += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return twice / 2;
}

/**
 * Convex hull (Andrew's monotone chain), counter-clockwise, without repeating the first point.
 *
 * @example convexHull([[0, 0], [2, 0], [1, 1], [2, 2], [0, 2]]) // [[0, 0], [2, 0], [2, 2], [0, 2]]
 */
export function convexHull(points: readonly Position[]): Position[] {
  const sorted = [...points].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  if (sorted.length < 3) return sorted;
  const cross = (o: Position, a: Position, b: Position) => (a[0]! - o[0]!) * (b[1]! - o[1]!) - (a[1]! - o[1]!) * (b[0]! - o[0]!);
  const half = (list: Position[]) => {
    const out: Position[] = [];
    for (const p of list) {
      while (out.length >= 2 && cross(out[out.length - 2]!, out[out.length - 1]!, p) <= 0) out.pop();
      out.push(p);
    }
    out.pop();
    return out;
  };
  return [...half(sorted), ...half(sorted.slice().reverse())];
}

/**
 * Side lengths of the minimum-area rectangle around the points (rotating the hull's edges), longest first.
 *
 * @example minimumRectangleSides([[0, 0], [10, 0], [10, 2], [0, 2]]) // [10, 2]
 */
export function minimumRectangleSides(points: readonly Position[]): [number, number] {
  const hull = convexHull(points);
  if (hull.length < 2) return [0, 0];
  let best: [number, number] = [Infinity, Infinity];
  for (let i = 0; i < hull.length; i++) {
    const a = hull[i]!;
    const b = hull[(i + 1) % hull.length]!;
    const len = Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!);
    if (len === 0) continue;
    const ux = (b[0]! - a[0]!) / len;
    const uy = (b[1]! - a[1]!) / len;
    let minU = Infinity, maxU = -Infinity, minV = Infinity, maxV = -Infinity;
    for (const p of hull) {
      const u = (p[0]! - a[0]!) * ux + (p[1]! - a[1]!) * uy;
      const v = -(p[0]! - a[0]!) * uy + (p[1]! - a[1]!) * ux;
      minU = Math.min(minU, u); maxU = Math.max(maxU, u);
      minV = Math.min(minV, v); maxV = Math.max(maxV, v);
    }
    const w = maxU - minU;
    const h = maxV - minV;
    if (w * h < best[0] * best[1]) best = [Math.max(w, h), Math.min(w, h)];
  }
  return best;
}
