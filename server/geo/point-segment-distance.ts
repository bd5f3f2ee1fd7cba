import type { Position } from 'geojson';
import type { Closest, LinePiece } from './types.ts';

// Every point-to-piece question starts from the same projection; the variants differ only in what they return, and
// each keeps the arithmetic its callers' golden outputs were made with.

/**
 * The parameter (0–1) of the point of piece a–b nearest to (x, y): the projection, clamped to the piece; 0 for a
 * piece of zero length.
 *
 * @example projectionParam(5, 3, [0, 0], [10, 0]) // 0.5
 */
export function projectionParam(x: number, y: number, a: Position, b: Position): number {
  const ax = a[0]!, ay = a[1]!, dx = b[0]! - ax, dy = b[1]! - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : ((x - ax) * dx + (y - ay) * dy) / len2;
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

/**
 * Distance from a point to a line piece a–b, without allocating: for hot loops that need the number only. A piece
 * of zero length is its point.
 *
 * @example pointSegmentDistance([5, 3], [0, 0], [10, 0]) // 3
 * @example pointSegmentDistance([13, 4], [0, 0], [10, 0]) // 5
 */
export function pointSegmentDistance(p: Position, a: Position, b: Position): number {
  const px = p[0]!, py = p[1]!, ax = a[0]!, ay = a[1]!;
  const t = projectionParam(px, py, a, b);
  return Math.hypot(px - (ax + t * (b[0]! - ax)), py - (ay + t * (b[1]! - ay)));
}

/**
 * The squared distance from (x, y) to the line piece (ax, ay)–(bx, by): what a search for the nearest of many pieces
 * compares, taking one square root at the end. Plain numbers, no call inside: it runs for every sample along every
 * trench against every piece of every candidate, and V8 inlines it only this small.
 *
 * @example xySegmentDistanceSquared(5, 3, 0, 0, 10, 0) // 9
 */
export function xySegmentDistanceSquared(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((x - ax) * dx + (y - ay) * dy) / len2;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = ax + t * dx - x, ey = ay + t * dy - y;
  return ex * ex + ey * ey;
}

/**
 * Closest points of a point and a line piece: `a` is the point, `b` its nearest point on the piece.
 *
 * @example pointSegment([5, 3], [[0, 0], [10, 0]]) // { distance: 3, a: [5, 3], b: [5, 0], s: 0 }
 */
export function pointSegment(p: Position, [a, b]: LinePiece): Closest {
  const t = projectionParam(p[0]!, p[1]!, a, b);
  const q: Position = [a[0]! + t * (b[0]! - a[0]!), a[1]! + t * (b[1]! - a[1]!)];
  return { distance: Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!), a: p, b: q, s: 0 };
}

/**
 * Where along a line piece (0–1, by length) the point nearest to q lies: the chainage fraction of a point's foot on
 * the piece.
 *
 * @example pointSegmentParam([3, 5], [[0, 0], [10, 0]]) // 0.3
 */
export function pointSegmentParam(q: Position, [a, b]: LinePiece): number {
  const dx = b[0]! - a[0]!, dy = b[1]! - a[1]!;
  const t = projectionParam(q[0]!, q[1]!, a, b);
  const len = Math.hypot(dx, dy);
  return len === 0 ? 0 : Math.hypot(a[0]! + t * dx - a[0]!, a[1]! + t * dy - a[1]!) / len;
}
