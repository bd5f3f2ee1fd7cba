import { boxesMeet } from './bbox.ts';
import type { LinePiece } from './types.ts';

/**
 * The parameter (0–1) along `one` of its closest point to `other`: the `s` of segmentDistance, computed without
 * allocating (the stretch search asks it for every asset piece near every trench piece).
 *
 * @example segmentParam([[0, 0], [10, 0]], [[5, 2], [5, 8]]) // 0.5
 */
export function segmentParam(one: LinePiece, other: LinePiece): number {
  const [p1, q1] = one, [p2, q2] = other;
  const d1x = q1[0]! - p1[0]!, d1y = q1[1]! - p1[1]!;
  const d2x = q2[0]! - p2[0]!, d2y = q2[1]! - p2[1]!;
  // A proper crossing first, as segmentDistance reports it (segmentIntersection's arithmetic); only when the
  // boxes meet, which no crossing can avoid.
  if (boxesMeet(one, other)) {
    const denom = d1x * d2y - d1y * d2x;
    const len = Math.hypot(d1x, d1y) * Math.hypot(d2x, d2y);
    if (len !== 0 && Math.abs(denom) > 1e-12 * len) {
      const cx = p2[0]! - p1[0]!, cy = p2[1]! - p1[1]!;
      const s = (cx * d2y - cy * d2x) / denom;
      const t = (cx * d1y - cy * d1x) / denom;
      if (s >= -1e-12 && s <= 1 + 1e-12 && t >= -1e-12 && t <= 1 + 1e-12) return clamp(s);
    }
  }
  const rx = p1[0]! - p2[0]!, ry = p1[1]! - p2[1]!;
  const a = d1x * d1x + d1y * d1y, e = d2x * d2x + d2y * d2y, f = d2x * rx + d2y * ry;
  if (a === 0) return 0;
  const c = d1x * rx + d1y * ry;
  if (e === 0) return clamp(-c / a);
  const b = d1x * d2x + d1y * d2y;
  const denom = a * e - b * b;
  const s = denom > 1e-12 * a * e ? clamp((b * f - c * e) / denom) : 0;
  const t = (b * s + f) / e;
  return t < 0 ? clamp(-c / a) : t > 1 ? clamp((b - c) / a) : s;
}

const clamp = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);
