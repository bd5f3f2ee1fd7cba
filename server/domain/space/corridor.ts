import type { MultiPolygon, Position } from 'geojson';
import type { Interval } from '../../geo/intervals.ts';
import type { Station } from './cross-section.ts';

/**
 * From a row of cross-sections to a corridor: which free intervals connect from one station to the next, whether
 * a trench can run from the first station to the last, and the free space as polygons.
 */

const overlaps = (a: Interval, b: Interval) => a[0] < b[1] && b[0] < a[1];

/**
 * Whether a centreline can run from the first station to the last, moving between free intervals that overlap at
 * consecutive stations; and which free intervals it can reach at each station (indices into `free[k]`).
 *
 * @example corridorRuns([[[-1, 1]], [[0.5, 2]], [[1.5, 3]]]) // { runs: true, reached: [[0], [0], [0]] }
 * @example corridorRuns([[[-1, 1]], [[2, 3]]]).runs // false
 */
export function corridorRuns(free: readonly (readonly Interval[])[]): { runs: boolean; reached: number[][] } {
  const reached: number[][] = [];
  let current: number[] = free[0]?.map((_, i) => i) ?? [];
  reached.push(current);
  for (let k = 1; k < free.length; k++) {
    const before = free[k - 1]!;
    const now = free[k]!;
    const next: number[] = [];
    for (let i = 0; i < now.length; i++) {
      for (const j of current) {
        if (overlaps(before[j]!, now[i]!)) {
          next.push(i);
          break;
        }
      }
    }
    current = next;
    reached.push(current);
  }
  return { runs: free.length > 0 && current.length > 0, reached };
}

/**
 * The free space between stations as polygons: a free interval that overlaps exactly one interval at the next
 * station (and that one only it) continues a strip; a split, a merge or an end closes the strip. Offsets are along
 * each station's left normal. Points on a straight edge are dropped (within 1 mm), so a straight strip is four corners.
 *
 * @example corridorPolygons([{ point: [0, 0], direction: [1, 0] }, { point: [10, 0], direction: [1, 0] }], [[[-1, 1]], [[-1, 1]]])
 *   // { type: 'MultiPolygon', coordinates: [[[[0, -1], [10, -1], [10, 1], [0, 1], [0, -1]]]] }
 */
export function corridorPolygons(stations: readonly Station[], free: readonly (readonly Interval[])[]): MultiPolygon {
  const at = (k: number, t: number): Position => {
    const s = stations[k]!;
    return [s.point[0]! - s.direction[1] * t, s.point[1]! + s.direction[0] * t];
  };
  const polygons: Position[][][] = [];
  type Strip = { right: Position[]; left: Position[] };
  let open = new Map<number, Strip>();
  const close = (strip: Strip) => {
    if (strip.right.length < 2) return;
    const ring = [...straighten(strip.right), ...straighten(strip.left).reverse()];
    ring.push(ring[0]!);
    polygons.push([ring]);
  };
  for (let k = 0; k < free.length; k++) {
    const next = new Map<number, Strip>();
    const now = free[k]!;
    const before = k > 0 ? free[k - 1]! : [];
    now.forEach((interval, i) => {
      const from = before.map((_, j) => j).filter((j) => overlaps(before[j]!, interval));
      const strip = from.length === 1 ? open.get(from[0]!) : undefined;
      const only = from.length === 1 && now.filter((other) => overlaps(before[from[0]!]!, other)).length === 1;
      if (strip && only) {
        open.delete(from[0]!);
      }
      const continued = strip && only ? strip : { right: [] as Position[], left: [] as Position[] };
      if (!(strip && only) && from.length > 0) {
        // A new strip starts from the last station's shared edge, so the corridor has no gap at a split or merge.
        const lo = Math.max(interval[0], Math.min(...from.map((j) => before[j]![0])));
        const hi = Math.min(interval[1], Math.max(...from.map((j) => before[j]![1])));
        continued.right.push(at(k - 1, lo));
        continued.left.push(at(k - 1, hi));
      }
      continued.right.push(at(k, interval[0]));
      continued.left.push(at(k, interval[1]));
      next.set(i, continued);
    });
    for (const strip of open.values()) close(strip);
    open = next;
  }
  for (const strip of open.values()) close(strip);
  return { type: 'MultiPolygon', coordinates: polygons };
}

/** Drops points within a millimetre of the line through their neighbours. */
function straighten(points: Position[]): Position[] {
  if (points.length < 3) return points;
  const out: Position[] = [points[0]!];
  for (let i = 1; i + 1 < points.length; i++) {
    const a = out.at(-1)!, p = points[i]!, b = points[i + 1]!;
    const ex = b[0]! - a[0]!, ey = b[1]! - a[1]!;
    const length = Math.hypot(ex, ey);
    const off = length === 0 ? Math.hypot(p[0]! - a[0]!, p[1]! - a[1]!) : Math.abs((p[0]! - a[0]!) * ey - (p[1]! - a[1]!) * ex) / length;
    if (off > 0.001) out.push(p);
  }
  out.push(points.at(-1)!);
  return out;
}
