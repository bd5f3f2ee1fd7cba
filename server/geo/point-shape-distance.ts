import type { Position } from 'geojson';
import { xyInPolygon } from './point-in-polygon.ts';
import { xySegmentDistanceSquared } from './point-segment-distance.ts';
import type { Shape } from './types.ts';

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
 * @example xyShapeDistance(0, 5, shapeOf({ type: 'LineString', coordinates: [[-1, 0], [1, 0]] })) // 5
 */
export function xyShapeDistance(x: number, y: number, shape: Shape): number {
  for (const rings of shape.polygons) if (xyInPolygon(x, y, rings)) return 0;
  let best = Infinity;
  for (const [a, b] of shape.segments) {
    const d2 = xySegmentDistanceSquared(x, y, a[0]!, a[1]!, b[0]!, b[1]!);
    if (d2 < best) best = d2;
  }
  for (const q of shape.points) {
    const ex = q[0]! - x, ey = q[1]! - y;
    const d2 = ex * ex + ey * ey;
    if (d2 < best) best = d2;
  }
  return Math.sqrt(best);
}
