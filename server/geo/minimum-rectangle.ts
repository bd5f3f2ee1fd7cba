import type { Position } from 'geojson';
import { longAxis } from './long-axis.ts';

/**
 * Side lengths of the minimum-area rectangle around the points (rotating the hull's edges), longest first.
 *
 * @example minimumRectangleSides([[0, 0], [10, 0], [10, 2], [0, 2]]) // [10, 2]
 */
export function minimumRectangleSides(points: readonly Position[]): [number, number] {
  const found = longAxis(points);
  if (!found) return [0, 0];
  const [a, b] = found.axis;
  return [Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!), found.width];
}
