import type { Intersection, LinePiece } from './types.ts';

/**
 * The crossing point of two line pieces, or undefined when they do not meet or overlap collinearly. Parallel is
 * judged relative to the pieces' lengths, so a centimetre piece and a kilometre piece get the same tolerance.
 *
 * @example segmentIntersection([[0, 0], [10, 0]], [[5, -5], [5, 5]]) // { point: [5, 0], s: 0.5, t: 0.5, angle_deg: 90 }
 * @example segmentIntersection([[0, 0], [10, 0]], [[0, 1], [10, 1]]) // undefined
 */
export function segmentIntersection([p1, q1]: LinePiece, [p2, q2]: LinePiece): Intersection | undefined {
  const d1x = q1[0]! - p1[0]!, d1y = q1[1]! - p1[1]!;
  const d2x = q2[0]! - p2[0]!, d2y = q2[1]! - p2[1]!;
  const denom = d1x * d2y - d1y * d2x;
  const len = Math.hypot(d1x, d1y) * Math.hypot(d2x, d2y);
  if (len === 0 || Math.abs(denom) <= 1e-12 * len) return undefined;
  const rx = p2[0]! - p1[0]!, ry = p2[1]! - p1[1]!;
  const s = (rx * d2y - ry * d2x) / denom;
  const t = (rx * d1y - ry * d1x) / denom;
  const eps = 1e-12;
  if (s < -eps || s > 1 + eps || t < -eps || t > 1 + eps) return undefined;
  const cos = Math.abs(d1x * d2x + d1y * d2y) / len;
  return { point: [p1[0]! + d1x * s, p1[1]! + d1y * s], s: clamp(s), t: clamp(t), angle_deg: (Math.acos(Math.min(1, cos)) * 180) / Math.PI };
}

const clamp = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);
