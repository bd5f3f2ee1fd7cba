import type { Position } from 'geojson';
import { convexHull } from './convex-hull.ts';
import type { LinePiece } from './types.ts';

/**
 * The long axis of the minimum-area rectangle around the points (rotating the hull's edges): the line through the
 * rectangle's middle along its long side, end to end, and the rectangle's short side. The axis of a road part drawn
 * as a polygon.
 *
 * @example longAxis([[0, 0], [10, 0], [10, 2], [0, 2]]) // { axis: [[0, 1], [10, 1]], width: 2 }
 */
export function longAxis(points: readonly Position[]): { axis: LinePiece; width: number } | undefined {
  const hull = convexHull(points);
  let best: { area: number; axis: LinePiece; width: number } | undefined;
  for (let i = 0; i < hull.length; i++) {
    const a = hull[i]!;
    const b = hull[(i + 1) % hull.length]!;
    const len = Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!);
    if (len === 0) continue;
    const ux = (b[0]! - a[0]!) / len, uy = (b[1]! - a[1]!) / len;
    let minU = Infinity, maxU = -Infinity, minV = Infinity, maxV = -Infinity;
    for (const p of hull) {
      const u = (p[0]! - a[0]!) * ux + (p[1]! - a[1]!) * uy;
      const v = -(p[0]! - a[0]!) * uy + (p[1]! - a[1]!) * ux;
      minU = Math.min(minU, u); maxU = Math.max(maxU, u);
      minV = Math.min(minV, v); maxV = Math.max(maxV, v);
    }
    const area = (maxU - minU) * (maxV - minV);
    if (best && area >= best.area) continue;
    const at = (u: number, v: number): Position => [a[0]! + u * ux - v * uy, a[1]! + u * uy + v * ux];
    const midV = (minV + maxV) / 2, midU = (minU + maxU) / 2;
    best = maxU - minU >= maxV - minV
      ? { area, axis: [at(minU, midV), at(maxU, midV)], width: maxV - minV }
      : { area, axis: [at(midU, minV), at(midU, maxV)], width: maxU - minU };
  }
  return best && { axis: best.axis, width: best.width };
}
