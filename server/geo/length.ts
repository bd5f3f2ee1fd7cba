import type { Position } from 'geojson';

/**
 * Planar length of a polyline.
 *
 * @example lineLength([[0, 0], [3, 4]]) // 5
 * @example lineLength([[0, 0]]) // 0
 */
export function lineLength(coords: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < coords.length; i++) sum += Math.hypot(coords[i + 1]![0]! - coords[i]![0]!, coords[i + 1]![1]! - coords[i]![1]!);
  return sum;
}
