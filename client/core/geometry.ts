import type { Position } from 'geojson';

/** Planar helpers over RD New coordinates (metres). */

/**
 * @example lineLength([[0, 0], [3, 4]]) // 5
 */
export function lineLength(coordinates: readonly Position[]): number {
  let total = 0;
  for (let i = 1; i < coordinates.length; i++) total += distance(coordinates[i - 1]!, coordinates[i]!);
  return total;
}

export function distance(a: Position, b: Position): number {
  return Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!);
}

/**
 * The point at `chainage` metres along a line and the unit direction of the segment it lies on; clamped to the
 * ends.
 *
 * @example pointAtChainage([[0, 0], [10, 0]], 4) // { point: [4, 0], direction: [1, 0] }
 */
export function pointAtChainage(coordinates: readonly Position[], chainage: number): { point: Position; direction: [number, number] } {
  let remaining = Math.max(0, chainage);
  for (let i = 1; i < coordinates.length; i++) {
    const a = coordinates[i - 1]!;
    const b = coordinates[i]!;
    const length = distance(a, b);
    if (length === 0) continue;
    const direction: [number, number] = [(b[0]! - a[0]!) / length, (b[1]! - a[1]!) / length];
    if (remaining <= length || i === coordinates.length - 1) {
      const t = Math.min(remaining, length);
      return { point: [a[0]! + direction[0] * t, a[1]! + direction[1] * t], direction };
    }
    remaining -= length;
  }
  const only = coordinates[0] ?? [0, 0];
  return { point: [only[0]!, only[1]!], direction: [1, 0] };
}

/**
 * Where segment p1–p2 crosses segment q1–q2: the parameter along p (0..1) or null when they do not cross.
 *
 * @example segmentCrossing([0, 0], [2, 0], [1, -1], [1, 1]) // 0.5
 */
export function segmentCrossing(p1: Position, p2: Position, q1: Position, q2: Position): number | null {
  const rx = p2[0]! - p1[0]!;
  const ry = p2[1]! - p1[1]!;
  const sx = q2[0]! - q1[0]!;
  const sy = q2[1]! - q1[1]!;
  const denominator = rx * sy - ry * sx;
  if (Math.abs(denominator) < 1e-12) return null;
  const qpx = q1[0]! - p1[0]!;
  const qpy = q1[1]! - p1[1]!;
  const t = (qpx * sy - qpy * sx) / denominator;
  const u = (qpx * ry - qpy * rx) / denominator;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? t : null;
}
