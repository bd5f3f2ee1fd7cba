import type { Position } from 'geojson';

/** Where two pieces of one line did not meet and what the importer did about it. */
export interface CurveGap {
  at: Position;
  distance_m: number;
  action: 'bridged' | 'split';
}

export interface AssemblyOptions {
  /** Ends closer than this are the same point (RD metres); 1 mm absorbs decimal rounding in the source. */
  joinTolerance?: number;
  /** Gaps up to this length are closed with a straight segment; longer gaps start a new part. */
  bridgeMax?: number;
}

/**
 * Joins the pieces of one line (the segments of a `gml:Curve`, or the several `net:link` UtilityLinks of one cable)
 * into as few LineStrings as possible. Pieces may come in any order and direction. Where no piece continues the line
 * (klic-win issue 84: curve segments that do not join):
 * - a gap up to `bridgeMax` (1 m) is bridged with a straight segment — at that scale the defect is drawing noise and
 *   one asset keeps the clash check continuous;
 * - a longer gap splits the line into parts, because bridging would draw a cable where none is known to lie.
 * Every gap is returned so the caller can warn about it.
 *
 * @example
 * assembleLine([[[0, 0], [10, 0]], [[10.4, 0], [20, 0]]])
 *   // { parts: [[[0, 0], [10, 0], [10.4, 0], [20, 0]]], gaps: [{ at: [10, 0], distance_m: 0.4, action: 'bridged' }] }
 */
export function assembleLine(
  pieces: readonly Position[][],
  { joinTolerance = 0.001, bridgeMax = 1.0 }: AssemblyOptions = {},
): { parts: Position[][]; gaps: CurveGap[] } {
  const remaining = pieces.filter((p) => p.length > 0).map((p) => p.slice());
  const parts: Position[][] = [];
  const gaps: CurveGap[] = [];
  while (remaining.length > 0) {
    let line = remaining.shift()!;
    for (;;) {
      const next = nearestContinuation(line, remaining);
      if (!next || next.distance > bridgeMax) {
        if (next) gaps.push({ at: endOf(line, next.atHead), distance_m: round(next.distance), action: 'split' });
        break;
      }
      remaining.splice(next.index, 1);
      if (next.distance > joinTolerance) {
        gaps.push({ at: endOf(line, next.atHead), distance_m: round(next.distance), action: 'bridged' });
      }
      line = attach(line, next.piece, next.atHead, next.reversed, next.distance <= joinTolerance);
    }
    parts.push(line);
  }
  return { parts, gaps };
}

interface Continuation {
  index: number;
  piece: Position[];
  distance: number;
  /** True when the piece continues the line before its first position. */
  atHead: boolean;
  reversed: boolean;
}

function nearestContinuation(line: Position[], candidates: Position[][]): Continuation | undefined {
  const head = line[0]!;
  const tail = line[line.length - 1]!;
  let best: Continuation | undefined;
  candidates.forEach((piece, index) => {
    const start = piece[0]!;
    const end = piece[piece.length - 1]!;
    const options: [number, boolean, boolean][] = [
      [dist(tail, start), false, false],
      [dist(tail, end), false, true],
      [dist(head, end), true, false],
      [dist(head, start), true, true],
    ];
    for (const [distance, atHead, reversed] of options) {
      if (!best || distance < best.distance) best = { index, piece, distance, atHead, reversed };
    }
  });
  return best;
}

function attach(line: Position[], piece: Position[], atHead: boolean, reversed: boolean, joined: boolean): Position[] {
  const oriented = reversed ? piece.slice().reverse() : piece;
  if (atHead) return [...(joined ? oriented.slice(0, -1) : oriented), ...line];
  return [...line, ...(joined ? oriented.slice(1) : oriented)];
}

const endOf = (line: Position[], atHead: boolean) => (atHead ? line[0]! : line[line.length - 1]!);
const dist = (a: Position, b: Position) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!);
const round = (v: number) => Math.round(v * 1000) / 1000;

/**
 * Replaces a circular arc string (`gml:Arc`, `gml:ArcString`: start, mid, end per arc) by a polyline with a vertex at
 * most every `maxStepDeg` degrees, so clearances along a bend are measured on the bend and not on its chord.
 * Collinear control points are kept as they are.
 *
 * @example densifyArcString([[0, 0], [1, 1], [2, 0]]).length // 19
 */
export function densifyArcString(points: readonly Position[], maxStepDeg = 10): Position[] {
  const out: Position[] = [points[0]!];
  for (let i = 0; i + 2 < points.length; i += 2) {
    out.push(...densifyArc(points[i]!, points[i + 1]!, points[i + 2]!, maxStepDeg));
  }
  return out;
}

function densifyArc(a: Position, b: Position, c: Position, maxStepDeg: number): Position[] {
  const [ax, ay] = a as [number, number];
  const [bx, by] = b as [number, number];
  const [cx, cy] = c as [number, number];
  const d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by));
  if (Math.abs(d) < 1e-9) return [b, c];
  const sq = (x: number, y: number) => x * x + y * y;
  const ux = (sq(ax, ay) * (by - cy) + sq(bx, by) * (cy - ay) + sq(cx, cy) * (ay - by)) / d;
  const uy = (sq(ax, ay) * (cx - bx) + sq(bx, by) * (ax - cx) + sq(cx, cy) * (bx - ax)) / d;
  const r = Math.hypot(ax - ux, ay - uy);
  const angle = (x: number, y: number) => Math.atan2(y - uy, x - ux);
  const a0 = angle(ax, ay);
  const turn = (from: number, to: number, ccw: boolean) => {
    let delta = to - from;
    if (ccw) while (delta < 0) delta += 2 * Math.PI;
    else while (delta > 0) delta -= 2 * Math.PI;
    return delta;
  };
  // The arc runs counter-clockwise when the mid point is reached before the end going counter-clockwise.
  const ccw = turn(a0, angle(bx, by), true) < turn(a0, angle(cx, cy), true);
  const sweep = turn(a0, angle(cx, cy), ccw);
  const steps = Math.max(2, Math.ceil(Math.abs(sweep) / ((maxStepDeg * Math.PI) / 180)));
  const out: Position[] = [];
  for (let s = 1; s < steps; s++) {
    const t = a0 + (sweep * s) / steps;
    out.push([ux + r * Math.cos(t), uy + r * Math.sin(t)]);
  }
  out.push(c);
  return out;
}
