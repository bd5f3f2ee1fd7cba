import type { Position } from 'geojson';
import type { Closest, LinePiece } from './types.ts';

/**
 * Distance from a point to a line piece a–b, without allocating: for hot loops that need the number only. A piece
 * of zero length is its point.
 *
 * @example pointSegmentDistance([5, 3], [0, 0], [10, 0]) // 3
 * @example pointSegmentDistance([13, 4], [0, 0], [10, 0]) // 5
 */
export function pointSegmentDistance(p: Position, a: Position, b: Position): number {
  const px = p[0]!, py = p[1]!, ax = a[0]!, ay = a[1]!;
  const dx = b[0]! - ax, dy = b[1]! - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : clamp(((px - ax) * dx + (py - ay) * dy) / len2);
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/**
 * Closest points of a point and a line piece: `a` is the point, `b` its nearest point on the piece.
 *
 * @example pointSegment([5, 3], [[0, 0], [10, 0]]) // { distance: 3, a: [5, 3], b: [5, 0], s: 0 }
 */
export function pointSegment(p: Position, [a, b]: LinePiece): Closest {
  const dx = b[0]! - a[0]!, dy = b[1]! - a[1]!;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : clamp(((p[0]! - a[0]!) * dx + (p[1]! - a[1]!) * dy) / len2);
  const q: Position = [a[0]! + t * dx, a[1]! + t * dy];
  return { distance: Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!), a: p, b: q, s: 0 };
}

const clamp = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);
