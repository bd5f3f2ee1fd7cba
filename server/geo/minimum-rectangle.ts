import type { Position } from 'geojson';
import { convexHull } from './convex-hull.ts';

/**
 * Side lengths of the minimum-area rectangle around the points (rotating the hull's edges), longest first.
 *
 * @example minimumRectangleSides([[0, 0], [10, 0], [10, 2], [0, 2]]) // [10, 2]
 */
export function minimumRectangleSides(points: readonly Position[]): [number, number] {
  const hull = convexHull(points);
  if (hull.length < 2) return [0, 0];
  let best: [number, number] = [Infinity, Infinity];
  for (let i = 0; i < hull.length; i++) {
    const a = hull[i]!;
    const b = hull[(i + 1) % hull.length]!;
    const len = Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!);
    if (len === 0) continue;
    const ux = (b[0]! - a[0]!) / len;
    const uy = (b[1]! - a[1]!) / len;
    let minU = Infinity, maxU = -Infinity, minV = Infinity, maxV = -Infinity;
    for (const p of hull) {
      const u = (p[0]! - a[0]!) * ux + (p[1]! - a[1]!) * uy;
      const v = -(p[0]! - a[0]!) * uy + (p[1]! - a[1]!) * ux;
      minU = Math.min(minU, u); maxU = Math.max(maxU, u);
      minV = Math.min(minV, v); maxV = Math.max(maxV, v);
    }
    const w = maxU - minU;
    const h = maxV - minV;
    if (w * h < best[0] * best[1]) best = [Math.max(w, h), Math.min(w, h)];
  }
  return best;
}
