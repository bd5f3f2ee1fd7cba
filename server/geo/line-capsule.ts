import type { Position } from 'geojson';

/**
 * Where the line P(t) = o + t·n comes nearer than `r` to the line piece a–b: the capsule around the piece (a
 * rectangle and a circle at each end) met by the line. A capsule is convex, so the answer is one interval of t, or
 * undefined when the line passes at `r` or farther. A piece with a = b is a point, and its capsule a circle. `n` need
 * not be a unit vector; t is in units of |n|.
 *
 * @example lineCapsule([0, 0], [0, 1], [-5, 3], [5, 3], 1) // [2, 4]
 * @example lineCapsule([0, 0], [0, 1], [3, 0], [3, 0], 5) // [-4, 4] (a circle of radius 5 at 3 m beside the line)
 */
export function lineCapsule(o: Position, n: readonly [number, number] | Position, a: Position, b: Position, r: number): [number, number] | undefined {
  const out: [number, number] = [0, 0];
  return lineCapsuleInto(out, o[0]!, o[1]!, n[0]!, n[1]!, a[0]!, a[1]!, b[0]!, b[1]!, r) ? out : undefined;
}

/**
 * lineCapsule on plain numbers, writing the interval into `out` and answering whether there is one: it runs for
 * every obstacle piece at every station of a scan, so it allocates nothing.
 *
 * @example const out: [number, number] = [0, 0]; lineCapsuleInto(out, 0, 0, 0, 1, -5, 3, 5, 3, 1); out // [2, 4]
 */
export function lineCapsuleInto(out: [number, number], ox: number, oy: number, nx: number, ny: number, ax: number, ay: number, bx: number, by: number, r: number): boolean {
  lo = Infinity;
  hi = -Infinity;
  circle(ox, oy, nx, ny, ax, ay, r);
  const ex = bx - ax, ey = by - ay;
  const length = Math.hypot(ex, ey);
  if (length > 0) {
    circle(ox, oy, nx, ny, bx, by, r);
    // Liang–Barsky on the rectangle in the piece's frame: 0 ≤ u ≤ length, −r < v < r, each as p·t ≤ q.
    const ux = ex / length, uy = ey / length;
    const u0 = (ox - ax) * ux + (oy - ay) * uy, du = nx * ux + ny * uy;
    const v0 = -(ox - ax) * uy + (oy - ay) * ux, dv = -nx * uy + ny * ux;
    t0 = -Infinity;
    t1 = Infinity;
    if (clip(-du, u0) && clip(du, length - u0) && clip(-dv, v0 + r) && clip(dv, r - v0) && t0 < t1) {
      if (t0 < lo) lo = t0;
      if (t1 > hi) hi = t1;
    }
  }
  if (!(lo < hi)) return false;
  out[0] = lo;
  out[1] = hi;
  return true;
}

let lo = Infinity, hi = -Infinity, t0 = -Infinity, t1 = Infinity;

/** |o + t n − c|² < r²: t² |n|² + 2 t n·(o − c) + |o − c|² − r² < 0, widening [lo, hi]. */
function circle(ox: number, oy: number, nx: number, ny: number, cx: number, cy: number, r: number): void {
  const dx = ox - cx, dy = oy - cy;
  const qa = nx * nx + ny * ny, qb = nx * dx + ny * dy, qc = dx * dx + dy * dy - r * r;
  const disc = qb * qb - qa * qc;
  if (qa === 0 || disc <= 0) return;
  const root = Math.sqrt(disc);
  const a = (-qb - root) / qa, b = (-qb + root) / qa;
  if (a < lo) lo = a;
  if (b > hi) hi = b;
}

/** One Liang–Barsky boundary p·t ≤ q, narrowing [t0, t1]; false when the line misses it entirely. */
function clip(p: number, q: number): boolean {
  if (p === 0) return q >= 0;
  const t = q / p;
  if (p < 0) { if (t > t0) t0 = t; }
  else if (t < t1) t1 = t;
  return true;
}
