import type { Position } from 'geojson';
import type { BBox, LinePiece } from './types.ts';

/**
 * The bounding box of some lines (or rings) of positions; [Infinity, Infinity, -Infinity, -Infinity] for none.
 *
 * @example bboxOf([[[0, 0], [10, 2]], [[4, -3]]]) // [0, -3, 10, 2]
 */
export function bboxOf(lines: readonly (readonly Position[])[]): BBox {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const line of lines) {
    for (const p of line) {
      const x = p[0]!, y = p[1]!;
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

/**
 * Whether two bounding boxes come within `d` of each other (they overlap or touch for `d` 0).
 *
 * @example bboxNear([0, 0, 1, 1], [3, 0, 4, 1], 2) // true
 * @example bboxNear([0, 0, 1, 1], [3, 0, 4, 1], 1) // false
 */
export function bboxNear(a: BBox, b: BBox, d: number): boolean {
  return a[0] - d <= b[2] && b[0] - d <= a[2] && a[1] - d <= b[3] && b[1] - d <= a[3];
}

/**
 * Whether the bounding boxes of two line pieces meet (with a micrometre to spare for crossings at an end point).
 *
 * @example boxesMeet([[0, 0], [10, 0]], [[5, -5], [5, 5]]) // true
 */
export function boxesMeet([a, b]: LinePiece, [c, d]: LinePiece): boolean {
  const e = 1e-6;
  return (
    Math.min(a[0]!, b[0]!) - e <= Math.max(c[0]!, d[0]!) && Math.min(c[0]!, d[0]!) - e <= Math.max(a[0]!, b[0]!) &&
    Math.min(a[1]!, b[1]!) - e <= Math.max(c[1]!, d[1]!) && Math.min(c[1]!, d[1]!) - e <= Math.max(a[1]!, b[1]!)
  );
}
