import type { Position } from 'geojson';
import { type Interval, intersectIntervals, subtractIntervals, unionIntervals } from '../../geo/intervals.ts';
import { lineCapsule } from '../../geo/line-capsule.ts';
import { linePolygon } from '../../geo/line-polygon.ts';
import type { BBox } from '../../geo/types.ts';
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
  const [dx, dy] = station.direction;
  const n: [number, number] = [-dy, dx];
  const room = streetRoom(o, n, space, halfWidth);
  if (room.length === 0) return { space: room, free: [], blocked: [] };
  const reach = Math.max(-room[0]![0], room.at(-1)![1]);
  const cosLimit = Math.cos((crossingAngle_deg * Math.PI) / 180);
  const taken: { intervals: Interval[]; index: number }[] = [];
  const parts: Interval[] = [];
  for (let index = 0; index < obstacles.length; index++) {
    const obstacle = obstacles[index]!;
    const r = obstacle.keep_m;
    if (boxDistance2(o, obstacle.shape.bbox) > (reach + r) ** 2) continue;
    parts.length = 0;
    for (const [a, b] of obstacle.shape.segments) {
      if (obstacle.crossable && isCrossed(a, b, dx, dy, cosLimit)) continue;
      const hit = lineCapsule(o, n, a, b, r);
      if (hit) parts.push(hit);
    }
    for (const p of obstacle.shape.points) {
      const hit = lineCapsule(o, n, p, p, r);
      if (hit) parts.push(hit);
    }
    for (const rings of obstacle.shape.polygons) parts.push(...linePolygon(o, n, rings));
    if (parts.length === 0) continue;
    const intervals = intersectIntervals(parts.length === 1 ? [parts[0]!] : unionIntervals(parts), room);
    if (intervals.length) taken.push({ intervals, index });
  }
  const blockedUnion = unionIntervals(taken.flatMap((t) => t.intervals));
  const blocked = blockedUnion.map((interval) => ({
    interval,
    by: taken.filter((t) => t.intervals.some(([a, b]) => a < interval[1] && b > interval[0])).map((t) => t.index),
  }));
  return { space: room, free: subtractIntervals(room, blockedUnion), blocked };
}

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
    const band = unionIntervals(space.shape.segments.map(([a, b]) => lineCapsule(o, n, a, b, r)).filter((i): i is Interval => i !== undefined));
    const here = band.filter(([a, b]) => a <= 0 && b >= 0);
    return here.length ? here : band;
  }
  const inside = unionIntervals(space.shape.polygons.flatMap((rings) => linePolygon(o, n, rings)));
  if (halfWidth <= 0 || inside.length === 0) return inside;
  const edges = unionIntervals(space.shape.segments.map(([a, b]) => lineCapsule(o, n, a, b, halfWidth)).filter((i): i is Interval => i !== undefined));
  return subtractIntervals(inside, edges);
}

/** Squared distance from a point to a box: the cheap test that leaves out most obstacles at a station. */
function boxDistance2(p: Position, box: BBox): number {
  const x = p[0]!, y = p[1]!;
  const ex = x < box[0] ? box[0] - x : x > box[2] ? x - box[2] : 0;
  const ey = y < box[1] ? box[1] - y : y > box[3] ? y - box[3] : 0;
  return ex * ex + ey * ey;
}
