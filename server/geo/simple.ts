import type { LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';

// Whether a line or polygon meets itself, by a Shamos–Hoey sweep that stops at the first meeting: O(n log n)
// comparisons however many crossings there are. Turf's kinks compares every pair of segments and keeps every
// crossing, so a 6 001-vertex star held the server for 50 s and then ran out of memory (issue 12).
//
// What counts, as kinks counts it: every line or ring of the geometry against every other and itself; two
// consecutive segments of one part may share their common vertex (so may the last and first of a closed part);
// any other contact is a meeting, a touch at a vertex included. Where kinks is blind: a collinear overlap (also two
// consecutive segments that fold back over each other) is a meeting here; a repeated position is not (kinks took
// the segments either side of it for strangers touching).

/** The geometries whose parts can meet themselves. */
export type Lineal = LineString | MultiLineString | Polygon | MultiPolygon;

interface Seg {
  /** Left (smaller x, then y) and right end. */
  ax: number; ay: number; bx: number; by: number;
  part: number;
  /** Index within its part (repeated positions removed), and the part's segment count. */
  index: number;
  count: number;
  closed: boolean;
}

/**
 * The first place (in sweep order, west to east) where a geometry meets itself, or undefined when it is simple.
 *
 * @example selfIntersection({ type: 'Polygon', coordinates: [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]] }) // [1, 1]
 * @example selfIntersection({ type: 'LineString', coordinates: [[0, 0], [1, 0], [1, 1]] }) // undefined
 */
export function selfIntersection(geometry: Lineal): Position | undefined {
  const segs = segmentsOf(geometry);
  // One event per end: 2k is the insertion of segment k, 2k + 1 its removal.
  const events = new Uint32Array(segs.length * 2);
  for (let e = 0; e < events.length; e++) events[e] = e;
  const ex = (e: number) => (e & 1 ? segs[e >> 1]!.bx : segs[e >> 1]!.ax);
  const ey = (e: number) => (e & 1 ? segs[e >> 1]!.by : segs[e >> 1]!.ay);
  // At one point insertions come before removals, so segments that only touch there are neighbours once.
  events.sort((p, q) => ex(p) - ex(q) || ey(p) - ey(q) || (p & 1) - (q & 1));

  // The segments the sweep line crosses, bottom to top. A sorted array: a splice is a memmove, cheaper than a
  // balanced tree at the sizes the vertex bounds allow.
  const status: Seg[] = [];
  for (const e of events) {
    const s = segs[e >> 1]!;
    if ((e & 1) === 0) {
      let lo = 0, hi = status.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (above(s, status[mid]!)) lo = mid + 1;
        else hi = mid;
      }
      status.splice(lo, 0, s);
      const hit = (lo > 0 ? meeting(s, status[lo - 1]!) : undefined) ?? (lo + 1 < status.length ? meeting(s, status[lo + 1]!) : undefined);
      if (hit) return hit;
    } else {
      const i = indexOf(status, s);
      status.splice(i, 1);
      if (i > 0 && i < status.length) {
        const hit = meeting(status[i - 1]!, status[i]!);
        if (hit) return hit;
      }
    }
  }
  return undefined;
}

/**
 * Whether a geometry never meets itself (selfIntersection finds nothing).
 *
 * @example isSimple({ type: 'LineString', coordinates: [[0, 0], [2, 2], [2, 0], [0, 2]] }) // false
 */
export function isSimple(geometry: Lineal): boolean {
  return selfIntersection(geometry) === undefined;
}

function segmentsOf(geometry: Lineal): Seg[] {
  const parts = geometry.type === 'LineString' ? [geometry.coordinates]
    : geometry.type === 'MultiLineString' || geometry.type === 'Polygon' ? geometry.coordinates
    : geometry.coordinates.flat();
  const segs: Seg[] = [];
  parts.forEach((coords, part) => {
    const points = coords.filter((p, i) => i === 0 || p[0] !== coords[i - 1]![0] || p[1] !== coords[i - 1]![1]);
    const count = points.length - 1;
    const closed = count > 1 && points[0]![0] === points[count]![0] && points[0]![1] === points[count]![1];
    for (let index = 0; index < count; index++) {
      const p = points[index]!, q = points[index + 1]!;
      const pFirst = p[0]! < q[0]! || (p[0] === q[0] && p[1]! < q[1]!);
      const [a, b] = pFirst ? [p, q] : [q, p];
      segs.push({ ax: a[0]!, ay: a[1]!, bx: b[0]!, by: b[1]!, part, index, count, closed });
    }
  });
  return segs;
}

/** > 0 when (x, y) lies left of the directed line a → b, < 0 right of it, 0 on it. */
const orient = (ax: number, ay: number, bx: number, by: number, x: number, y: number) => (bx - ax) * (y - ay) - (by - ay) * (x - ax);

/** Whether `s`, entering the sweep at its left end, goes above `t`, which the sweep line crosses there. */
function above(s: Seg, t: Seg): boolean {
  const o = orient(t.ax, t.ay, t.bx, t.by, s.ax, s.ay);
  if (o !== 0) return o > 0;
  // Starting on t: the right end decides; collinear, either side will do, they are neighbours and meet.
  return orient(t.ax, t.ay, t.bx, t.by, s.bx, s.by) >= 0;
}

// The sweep keeps the order the segments had when they entered, so a binary search at the removal point finds the
// segment or a run of segments through that point holding it; the widening search covers that run.
function indexOf(status: readonly Seg[], s: Seg): number {
  let lo = 0, hi = status.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const t = status[mid]!;
    if (t !== s && orient(t.ax, t.ay, t.bx, t.by, s.bx, s.by) > 0) lo = mid + 1;
    else hi = mid;
  }
  for (let d = 0; d < status.length; d++) {
    if (status[lo + d] === s) return lo + d;
    if (status[lo - d - 1] === s) return lo - d - 1;
  }
  throw new Error('sweep: a segment to remove is not in the sweep status; this is a bug in simple.ts');
}

const consecutive = (s: Seg, t: Seg) =>
  s.part === t.part && (Math.abs(s.index - t.index) === 1 || (s.closed && Math.abs(s.index - t.index) === s.count - 1));

/** Where two segments meet beyond what their being consecutive allows, or undefined. */
function meeting(s: Seg, t: Seg): Position | undefined {
  const o1 = orient(s.ax, s.ay, s.bx, s.by, t.ax, t.ay);
  const o2 = orient(s.ax, s.ay, s.bx, s.by, t.bx, t.by);
  const o3 = orient(t.ax, t.ay, t.bx, t.by, s.ax, s.ay);
  const o4 = orient(t.ax, t.ay, t.bx, t.by, s.bx, s.by);
  if (o1 === 0 && o2 === 0) return collinear(s, t);
  if ((o1 > 0 && o2 > 0) || (o1 < 0 && o2 < 0) || (o3 > 0 && o4 > 0) || (o3 < 0 && o4 < 0)) return undefined;
  // Two segments that are not parallel meet once: for consecutive ones that is their shared vertex.
  if (consecutive(s, t)) return undefined;
  if (o1 === 0) return [t.ax, t.ay];
  if (o2 === 0) return [t.bx, t.by];
  if (o3 === 0) return [s.ax, s.ay];
  if (o4 === 0) return [s.bx, s.by];
  const u = o3 / (o3 - o4);
  return [s.ax + (s.bx - s.ax) * u, s.ay + (s.by - s.ay) * u];
}

/** Collinear segments: apart, touching end to end (allowed when consecutive) or overlapping. */
function collinear(s: Seg, t: Seg): Position | undefined {
  // Both are ordered left to right (then bottom to top), so the overlap runs from the later start to the earlier end.
  const later = before(s.ax, s.ay, t.ax, t.ay) ? t : s;
  const earlier = before(s.bx, s.by, t.bx, t.by) ? s : t;
  const startX = later.ax, startY = later.ay, endX = earlier.bx, endY = earlier.by;
  if (before(endX, endY, startX, startY)) return undefined;
  const touch = startX === endX && startY === endY;
  if (touch && consecutive(s, t)) return undefined;
  return [startX, startY];
}

const before = (ax: number, ay: number, bx: number, by: number) => ax < bx || (ax === bx && ay < by);
