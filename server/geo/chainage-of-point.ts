import type { Position } from 'geojson';
import { projectionParam, xySegmentDistanceSquared } from './point-segment-distance.ts';

/**
 * The chainage (m from the start) of the point of a line nearest to `p`, and how far `p` is from it.
 *
 * @example chainageOfPoint([[0, 0], [10, 0], [10, 10]], [12, 4]) // { chainage: 14, distance: 2 }
 */
export function chainageOfPoint(line: readonly Position[], p: Position): { chainage: number; distance: number } {
  const x = p[0]!, y = p[1]!;
  let best = { chainage: 0, distance: Infinity };
  let along = 0;
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i]!, b = line[i + 1]!;
    const length = Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!);
    const d2 = xySegmentDistanceSquared(x, y, a[0]!, a[1]!, b[0]!, b[1]!);
    if (d2 < best.distance * best.distance) best = { chainage: along + projectionParam(x, y, a, b) * length, distance: Math.sqrt(d2) };
    along += length;
  }
  return best;
}
