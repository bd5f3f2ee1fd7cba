import type { Position } from 'geojson';

/**
 * Even–odd point-in-polygon test over all rings, so a point in a hole is outside. A point exactly on an edge may
 * fall either way: callers that care measure the distance to the outline as well.
 *
 * @example inPolygon([1, 1], [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]]) // true
 * @example inPolygon([5, 5], [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]]) // false
 */
export function inPolygon(p: Position, rings: readonly Position[][]): boolean {
  return xyInPolygon(p[0]!, p[1]!, rings);
}

/**
 * inPolygon for a point given as x and y, without allocating.
 *
 * @example xyInPolygon(1, 1, [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]]) // true
 */
export function xyInPolygon(x: number, y: number, rings: readonly Position[][]): boolean {
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
