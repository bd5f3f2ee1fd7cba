import type { Position } from 'geojson';
import { pointSegmentDistance } from './point-segment-distance.ts';

/**
 * Distance from a point to a polyline, in the units of the coordinates; a one-point line is that point.
 *
 * @example pointToLineDistance([5, 3], [[0, 0], [10, 0]]) // 3
 * @example pointToLineDistance([0, 0], []) // Infinity
 */
export function pointToLineDistance(p: Position, line: readonly Position[]): number {
  let best = Infinity;
  for (let i = 0; i + 1 < line.length; i++) {
    const d = pointSegmentDistance(p, line[i]!, line[i + 1]!);
    if (d < best) best = d;
  }
  if (line.length === 1) best = Math.hypot(p[0]! - line[0]![0]!, p[1]! - line[0]![1]!);
  return best;
}
