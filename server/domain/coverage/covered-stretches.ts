import type { Position } from 'geojson';
import type { Centreline } from '../check/centreline.ts';
import { xyInPolygon } from '../../geo/point-in-polygon.ts';

/** A part of a centreline by chainage (m from its first vertex). */
export interface Interval {
  from: number;
  to: number;
}

/**
 * The parts of a centreline inside the union of polygons (each given as its rings, holes excluded), in chainage
 * order and merged. Exact: each segment is cut where it crosses a ring, and each piece is inside or outside whole.
 *
 * @example coveredIntervals(centreline([[0, 0], [100, 0]]), [[[[20, -5], [60, -5], [60, 5], [20, 5], [20, -5]]]]) // [{ from: 20, to: 60 }]
 */
export function coveredIntervals(line: Centreline, polygons: readonly (readonly Position[][])[]): Interval[] {
  const boxes = polygons.map(ringsBox);
  const out: Interval[] = [];
  for (let i = 0; i < line.segments.length; i++) {
    const [a, b] = line.segments[i]!;
    const ax = a[0]!, ay = a[1]!, dx = b[0]! - ax, dy = b[1]! - ay;
    const length = line.at[i + 1]! - line.at[i]!;
    if (length === 0) continue;
    const segBox = [Math.min(ax, ax + dx), Math.min(ay, ay + dy), Math.max(ax, ax + dx), Math.max(ay, ay + dy)];
    const near = polygons.filter((_, k) => overlaps(boxes[k]!, segBox));
    if (near.length === 0) continue;
    const cuts = [0, 1];
    for (const rings of near) for (const ring of rings) for (let j = 0; j + 1 < ring.length; j++) {
      const t = crossingParam(ax, ay, dx, dy, ring[j]!, ring[j + 1]!);
      if (t !== undefined) cuts.push(t);
    }
    cuts.sort((p, q) => p - q);
    for (let k = 0; k + 1 < cuts.length; k++) {
      const t0 = cuts[k]!, t1 = cuts[k + 1]!;
      if (t1 - t0 < 1e-12) continue;
      const tm = (t0 + t1) / 2;
      const x = ax + dx * tm, y = ay + dy * tm;
      if (near.some((rings) => xyInPolygon(x, y, rings as Position[][]))) add(out, line.at[i]! + t0 * length, line.at[i]! + t1 * length);
    }
  }
  return out;
}

/**
 * The parts of [0, length] not in `inside` (chainage order, apart), dropping slivers under a millimetre.
 *
 * @example outsideIntervals(100, [{ from: 20, to: 60 }]) // [{ from: 0, to: 20 }, { from: 60, to: 100 }]
 */
export function outsideIntervals(length: number, inside: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let at = 0;
  for (const s of inside) {
    if (s.from - at > 1e-3) out.push({ from: at, to: s.from });
    at = Math.max(at, s.to);
  }
  if (length - at > 1e-3) out.push({ from: at, to: length });
  return out;
}

/** Appends a piece, joining it to the last when they touch (pieces arrive in chainage order). */
function add(out: Interval[], from: number, to: number): void {
  const last = out.at(-1);
  if (last && from - last.to < 1e-9) last.to = Math.max(last.to, to);
  else out.push({ from, to });
}

/** Where the segment a + t·d crosses the ring edge p–q, as t in (0, 1); parallel edges give no cut. */
function crossingParam(ax: number, ay: number, dx: number, dy: number, p: Position, q: Position): number | undefined {
  const ex = q[0]! - p[0]!, ey = q[1]! - p[1]!;
  const denom = dx * ey - dy * ex;
  if (denom === 0) return undefined;
  const rx = p[0]! - ax, ry = p[1]! - ay;
  const t = (rx * ey - ry * ex) / denom;
  const u = (rx * dy - ry * dx) / denom;
  return t > 0 && t < 1 && u >= 0 && u <= 1 ? t : undefined;
}

function ringsBox(rings: readonly Position[][]): number[] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const ring of rings) for (const p of ring) {
    if (p[0]! < minX) minX = p[0]!;
    if (p[0]! > maxX) maxX = p[0]!;
    if (p[1]! < minY) minY = p[1]!;
    if (p[1]! > maxY) maxY = p[1]!;
  }
  return [minX, minY, maxX, maxY];
}

const overlaps = (a: number[], b: number[]) => a[0]! <= b[2]! && b[0]! <= a[2]! && a[1]! <= b[3]! && b[1]! <= a[3]!;
