import type { Position } from 'geojson';
import { type Interval, intersectIntervals, subtractIntervals, unionIntervals } from '../../geo/intervals.ts';
import { lineCapsule, lineCapsuleInto } from '../../geo/line-capsule.ts';
import { linePolygon } from '../../geo/line-polygon.ts';
import type { BBox, LinePiece } from '../../geo/types.ts';
import type { Obstacle } from './obstacles.ts';
import type { StreetSpace } from './street-space.ts';

/**
 * A cross-section of a street at one station: the offsets across the street where a trench centreline may lie.
 * Computed exactly, not sampled: the line across the street meets each obstacle's keep zone (a capsule around every
 * line piece, a circle around a point, a polygon's inside) in intervals, and what is left of the street's space
 * after those is free.
 */

/** A point on the street's axis and the axis's unit direction there; offsets t run along the left normal. */
export interface Station {
  point: Position;
  direction: readonly [number, number];
}

export interface CrossSectionOptions {
  /** Half the trench width (m): the centreline keeps it from the street's edge. */
  halfWidth: number;
  /** A crossable line meeting the axis at this angle or more is crossed, not run along (rules.crossingAngle.warnBelow_deg). */
  crossingAngle_deg: number;
}

export interface Blocked {
  interval: Interval;
  /** Indices into the obstacles passed in. */
  by: number[];
}

export interface CrossSection {
  /** Where the centreline may lie within the street, before obstacles: sorted, disjoint. */
  space: Interval[];
  /** Where it may lie: sorted, disjoint. */
  free: Interval[];
  /** The street's space that obstacles take, with the obstacles that take each part. */
  blocked: Blocked[];
}

/**
 * The cross-section of `space` at `station` for a trench of half width `halfWidth` among `obstacles`. A crossable
 * obstacle's line piece meeting the axis at `crossingAngle_deg` or more does not block: the trench crosses it.
 *
 * @example crossSection({ point: [50, 0], direction: [1, 0] }, streetSpace(sixteenMetreStreet), obstaclesFor([waterMainAtY3], heat09, rules), { halfWidth: 0.45, crossingAngle_deg: 45 }).free
 *   // [[-7.55, 1.4], [4.6, 7.55]]: the water main at 3 m keeps the centreline 1.6 m away on either side
 */
export function crossSection(station: Station, space: StreetSpace, obstacles: readonly Obstacle[], { halfWidth, crossingAngle_deg }: CrossSectionOptions): CrossSection {
  const o = station.point;
  const ox = o[0]!, oy = o[1]!;
  const [dx, dy] = station.direction;
  const n: [number, number] = [-dy, dx];
  const room = streetRoom(o, n, space, halfWidth);
  if (room.length === 0) return { space: room, free: [], blocked: [] };
  const first = room[0]![0], last = room.at(-1)![1];
  const reach = Math.max(-first, last);
  const cosLimit = Math.cos((crossingAngle_deg * Math.PI) / 180);
  // Every obstacle's intervals into flat scratch lists (this runs a few hundred times per street segment).
  los.length = his.length = whos.length = 0;
  const push = (a: number, b: number, index: number) => {
    const from = a < first ? first : a, to = b > last ? last : b;
    if (to > from) (los.push(from), his.push(to), whos.push(index));
  };
  for (let index = 0; index < obstacles.length; index++) {
    const obstacle = obstacles[index]!;
    const r = obstacle.keep_m;
    if (boxDistance2(o, obstacle.shape.bbox) > (reach + r) ** 2) continue;
    for (const [a, b] of obstacle.shape.segments) {
      if (obstacle.crossable && isCrossed(a, b, dx, dy, cosLimit)) continue;
      if (lineCapsuleInto(hit, ox, oy, n[0], n[1], a[0]!, a[1]!, b[0]!, b[1]!, r)) push(hit[0], hit[1], index);
    }
    for (const p of obstacle.shape.points) {
      if (lineCapsuleInto(hit, ox, oy, n[0], n[1], p[0]!, p[1]!, p[0]!, p[1]!, r)) push(hit[0], hit[1], index);
    }
    for (const rings of obstacle.shape.polygons) for (const [a, b] of linePolygon(o, n, rings)) push(a, b, index);
  }
  order.length = 0;
  for (let i = 0; i < los.length; i++) order.push(i);
  order.sort((a, b) => los[a]! - los[b]!);
  let blocked: Blocked[] = [];
  for (const i of order) {
    const current = blocked.at(-1);
    if (current && los[i]! <= current.interval[1]) {
      if (his[i]! > current.interval[1]) current.interval[1] = his[i]!;
      if (!current.by.includes(whos[i]!)) current.by.push(whos[i]!);
    } else {
      blocked.push({ interval: [los[i]!, his[i]!], by: [whos[i]!] });
    }
  }
  for (const b of blocked) b.by.sort((p, q) => p - q);
  // A street whose room has gaps (a polygon crossed twice): the gaps are no street, so nothing is blocked there.
  if (room.length > 1) blocked = blocked.flatMap((b) => intersectIntervals([b.interval], room).map((interval) => ({ interval, by: b.by })));
  return { space: room, free: subtractIntervals(room, blocked.map((b) => b.interval)), blocked };
}

const los: number[] = [], his: number[] = [], whos: number[] = [], order: number[] = [];
const hit: [number, number] = [0, 0];

/**
 * Whether a line piece meets the axis direction at the crossing angle or more (cos of the angle at most the limit).
 *
 * @example isCrossed([0, -5], [0, 5], 1, 0, Math.cos(Math.PI / 4)) // true
 */
function isCrossed(a: Position, b: Position, dx: number, dy: number, cosLimit: number): boolean {
  const ex = b[0]! - a[0]!, ey = b[1]! - a[1]!;
  const length = Math.hypot(ex, ey);
  return length > 0 && Math.abs(ex * dx + ey * dy) / length <= cosLimit + 1e-12;
}

/**
 * The street's space along the cross-section, less the trench's half width at its edges. Around a centreline it
 * is the part of the band of the street's width that holds the station (a street curving back on itself is not
 * this street here); in a polygon it is every inside crossing, each its half width from the outline.
 */
function streetRoom(o: Position, n: [number, number], space: StreetSpace, halfWidth: number): Interval[] {
  if (space.halfWidth > 0) {
    const r = space.halfWidth - halfWidth;
    if (r <= 0) return [];
    const pieces = space.shape.segments;
    if (pieces.length === 1) {
      // A straight street, the common case: one capsule, no union.
      const [a, b] = pieces[0]!;
      const band: [number, number] = [0, 0];
      return lineCapsuleInto(band, o[0]!, o[1]!, n[0], n[1], a[0]!, a[1]!, b[0]!, b[1]!, r) ? [band] : [];
    }
    const band = unionIntervals(pieces.map(([a, b]) => lineCapsule(o, n, a, b, r)).filter((i): i is Interval => i !== undefined));
    const here = band.filter(([a, b]) => a <= 0 && b >= 0);
    return here.length ? here : band;
  }
  const inside = unionIntervals(space.shape.polygons.flatMap((rings) => linePolygon(o, n, rings)));
  if (halfWidth <= 0 || inside.length === 0) return inside;
  const edges = unionIntervals(outline(space).map(([a, b]) => lineCapsule(o, n, a, b, halfWidth)).filter((i): i is Interval => i !== undefined));
  return subtractIntervals(inside, edges);
}

/** Squared distance from a point to a box: the cheap test that leaves out most obstacles at a station. */
const outlines = new WeakMap<StreetSpace, LinePiece[]>();

/**
 * The edges of a polygon street that are its outline: a road drawn as several parts (carriageway, footpaths,
 * traffic islands of one BGT road section) shares the edges between them, and those are no edge of the street.
 */
function outline(space: StreetSpace): LinePiece[] {
  let pieces = outlines.get(space);
  if (pieces) return pieces;
  const key = (p: Position) => `${Math.round(p[0]! * 1000)},${Math.round(p[1]! * 1000)}`;
  const count = new Map<string, number>();
  const edgeKey = ([a, b]: LinePiece) => [key(a), key(b)].sort().join(' ');
  for (const piece of space.shape.segments) count.set(edgeKey(piece), (count.get(edgeKey(piece)) ?? 0) + 1);
  pieces = space.shape.segments.filter((piece) => count.get(edgeKey(piece)) === 1);
  outlines.set(space, pieces);
  return pieces;
}

function boxDistance2(p: Position, box: BBox): number {
  const x = p[0]!, y = p[1]!;
  const ex = x < box[0] ? box[0] - x : x > box[2] ? x - box[2] : 0;
  const ey = y < box[1] ? box[1] - y : y > box[3] ? y - box[3] : 0;
  return ex * ex + ey * ey;
}
