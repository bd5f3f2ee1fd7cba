import { inPolygon } from './point-in-polygon.ts';
import { pointSegment } from './point-segment-distance.ts';
import { segmentDistance } from './segment-distance.ts';
import type { Closest, Shape } from './types.ts';

/**
 * Closest points of two shapes, as PostGIS ST_Distance/ST_ShortestLine would give them (0 when they meet or one
 * lies inside the other's polygon).
 *
 * @example shapeDistance(shapeOf({ type: 'LineString', coordinates: [[0, 0], [10, 0]] }), shapeOf({ type: 'Point', coordinates: [4, 3] }))
 *   // { distance: 3, a: [4, 0], b: [4, 3], s: 0 }
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
