import type { Position } from 'geojson';

/**
 * Convex hull (Andrew's monotone chain), counter-clockwise, without repeating the first point; collinear points on
 * the hull are dropped.
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
