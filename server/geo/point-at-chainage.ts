import type { Position } from 'geojson';

/**
 * The point at `chainage` metres along a line and the unit direction of the piece it lies on; clamped to the ends.
 * Zero-length pieces are skipped, so the direction is always a real one when the line has length.
 *
 * @example pointAtChainage([[0, 0], [10, 0]], 4) // { point: [4, 0], direction: [1, 0] }
 * @example pointAtChainage([[0, 0], [0, 10]], 25) // { point: [0, 10], direction: [0, 1] }
 */
export function pointAtChainage(coordinates: readonly Position[], chainage: number): { point: Position; direction: [number, number] } {
  let remaining = Math.max(0, chainage);
  for (let i = 1; i < coordinates.length; i++) {
    const a = coordinates[i - 1]!;
    const b = coordinates[i]!;
    const length = Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!);
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
