import type { Position } from 'geojson';
import { segmentIntersection } from './segment-intersection.ts';
import type { Closest, LinePiece } from './types.ts';

/**
 * Closest points of two line pieces (Ericson, Real-Time Collision Detection 5.1.9); a proper crossing is reported
 * exactly, at distance 0.
 *
 * @example segmentDistance([[0, 0], [10, 0]], [[5, 2], [5, 8]]) // { distance: 2, a: [5, 0], b: [5, 2], s: 0.5 }
 */
export function segmentDistance([p1, q1]: LinePiece, [p2, q2]: LinePiece): Closest {
  const d1x = q1[0]! - p1[0]!, d1y = q1[1]! - p1[1]!;
  const d2x = q2[0]! - p2[0]!, d2y = q2[1]! - p2[1]!;
  const rx = p1[0]! - p2[0]!, ry = p1[1]! - p2[1]!;
  const a = d1x * d1x + d1y * d1y, e = d2x * d2x + d2y * d2y, f = d2x * rx + d2y * ry;
  let s = 0, t = 0;
  if (a === 0 && e === 0) {
    s = t = 0;
  } else if (a === 0) {
    t = clamp(f / e);
  } else {
    const c = d1x * rx + d1y * ry;
    if (e === 0) {
      s = clamp(-c / a);
    } else {
      const b = d1x * d2x + d1y * d2y;
      const denom = a * e - b * b;
      s = denom > 1e-12 * a * e ? clamp((b * f - c * e) / denom) : 0;
      t = (b * s + f) / e;
      if (t < 0) { t = 0; s = clamp(-c / a); }
      else if (t > 1) { t = 1; s = clamp((b - c) / a); }
    }
  }
  const pa: Position = [p1[0]! + d1x * s, p1[1]! + d1y * s];
  const pb: Position = [p2[0]! + d2x * t, p2[1]! + d2y * t];
  // A proper crossing: report it exactly rather than through the clamped closest points.
  const hit = segmentIntersection([p1, q1], [p2, q2]);
  if (hit) return { distance: 0, a: hit.point, b: hit.point, s: hit.s };
  return { distance: Math.hypot(pa[0]! - pb[0]!, pa[1]! - pb[1]!), a: pa, b: pb, s };
}

const clamp = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);
