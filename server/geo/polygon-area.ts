import type { Position } from 'geojson';

/**
 * Area of a polygon given as rings (outer ring first, holes after), in square units, whatever the rings' winding.
 *
 * @example polygonArea([[[0, 0], [4, 0], [4, 3], [0, 3], [0, 0]]]) // 12
 * @example polygonArea([[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]]]) // 15
 */
export function polygonArea(rings: readonly Position[][]): number {
  return rings.reduce((sum, ring, i) => sum + (i === 0 ? 1 : -1) * Math.abs(ringArea(ring)), 0);
}

function ringArea(ring: readonly Position[]): number {
  let twice = 0;
  for (let i = 0; i + 1 < ring.length; i++) twice += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return twice / 2;
}
