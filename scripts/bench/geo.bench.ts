/**
 * Speed of the planar operations in server/geo/ on seeded data, against the same question asked of Turf in the same
 * run (Turf measures on a sphere in degrees, so its numbers differ; the ratio is what counts: the check asks these
 * millions of times). Prints the median time per call over several rounds and ours ÷ Turf.
 *
 *   npm run bench:geo
 */
import * as turf from '@turf/turf';
import type { Feature, LineString, Point, Polygon, Position } from 'geojson';
import { seeded } from '../../server/demo/seeded.ts';
import { lineLength } from '../../server/geo/length.ts';
import { inPolygon } from '../../server/geo/point-in-polygon.ts';
import { pointToLineDistance } from '../../server/geo/point-line-distance.ts';
import { pointSegmentDistance } from '../../server/geo/point-segment-distance.ts';
import { xyShapeDistance } from '../../server/geo/point-shape-distance.ts';
import { polygonArea } from '../../server/geo/polygon-area.ts';
import { segmentDistance } from '../../server/geo/segment-distance.ts';
import { segmentIntersection } from '../../server/geo/segment-intersection.ts';
import { segmentParam } from '../../server/geo/segment-param.ts';
import { shapeDistance } from '../../server/geo/shape-distance.ts';
import { shapeOf } from '../../server/geo/shape.ts';
import type { LinePiece } from '../../server/geo/types.ts';
import { median, printTable } from './stats.ts';

const ROUNDS = 15;
const random = seeded(11);
// Metres for us; Turf reads the same numbers as degrees, so they stay inside longitude/latitude ranges.
const at = (): Position => [random() * 80, random() * 80];
const points = Array.from({ length: 2_000 }, at);
const pieces: LinePiece[] = Array.from({ length: 2_000 }, () => { const a = at(); return [a, [a[0]! + random() * 10 - 5, a[1]! + random() * 10 - 5]]; });
const lines: Position[][] = Array.from({ length: 200 }, () => {
  const out = [at()];
  for (let i = 0; i < 20; i++) out.push([out.at(-1)![0]! + random() * 4 - 2, out.at(-1)![1]! + random() * 4 - 2]);
  return out;
});
const polygons: Position[][][] = Array.from({ length: 200 }, () => {
  const [cx, cy] = at() as [number, number];
  const ring: Position[] = Array.from({ length: 24 }, (_, i) => {
    const r = 2 + random() * 3, a = (i / 24) * 2 * Math.PI;
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
  });
  return [[...ring, ring[0]!]];
});
const turfPoints = points.map((p) => turf.point(p));
const turfPieces = pieces.map((s) => turf.lineString([...s]));
const turfLines = lines.map((l) => turf.lineString(l));
const turfPolygons = polygons.map((p) => turf.polygon(p));

/** Median nanoseconds per call of `calls` calls, after a warm-up round. */
function time(calls: number, body: () => number): number {
  const samples: number[] = [];
  let sink = 0;
  for (let r = 0; r <= ROUNDS; r++) {
    const t = performance.now();
    sink += body();
    if (r > 0) samples.push(((performance.now() - t) * 1e6) / calls);
  }
  if (Number.isNaN(sink)) console.log('');
  return median(samples);
}

interface Case { name: string; ours: () => number; oursCalls: number; turf?: () => number; turfCalls?: number }

const N = points.length;
const cases: Case[] = [
  {
    name: 'point-segment-distance',
    oursCalls: N * 50,
    ours: () => { let s = 0; for (const p of points) for (let j = 0; j < 50; j++) { const [a, b] = pieces[j]!; s += pointSegmentDistance(p, a, b); } return s; },
    turfCalls: N * 5,
    turf: () => { let s = 0; for (const p of turfPoints) for (let j = 0; j < 5; j++) s += turf.pointToLineDistance(p, turfPieces[j] as Feature<LineString>, { method: 'planar' }); return s; },
  },
  {
    name: 'point-line-distance (20 pieces)',
    oursCalls: N * 10,
    ours: () => { let s = 0; for (const p of points) for (let j = 0; j < 10; j++) s += pointToLineDistance(p, lines[j]!); return s; },
    turfCalls: N,
    turf: () => { let s = 0; for (const p of turfPoints) s += turf.pointToLineDistance(p, turfLines[0] as Feature<LineString>, { method: 'planar' }); return s; },
  },
  {
    name: 'point-in-polygon (24 vertices)',
    oursCalls: N * 50,
    ours: () => { let s = 0; for (const p of points) for (let j = 0; j < 50; j++) s += inPolygon(p, polygons[j]!) ? 1 : 0; return s; },
    turfCalls: N * 50,
    turf: () => { let s = 0; for (const p of turfPoints) for (let j = 0; j < 50; j++) s += turf.booleanPointInPolygon(p as Feature<Point>, turfPolygons[j] as Feature<Polygon>) ? 1 : 0; return s; },
  },
  {
    name: 'segment-intersection',
    oursCalls: N * 50,
    ours: () => { let s = 0; for (const a of pieces) for (let j = 0; j < 50; j++) s += segmentIntersection(a, pieces[j]!) ? 1 : 0; return s; },
    turfCalls: N * 5,
    turf: () => { let s = 0; for (const a of turfPieces) for (let j = 0; j < 5; j++) s += turf.lineIntersect(a, turfPieces[j]!).features.length; return s; },
  },
  {
    name: 'segment-distance',
    oursCalls: N * 50,
    ours: () => { let s = 0; for (const a of pieces) for (let j = 0; j < 50; j++) s += segmentDistance(a, pieces[j]!).distance; return s; },
  },
  {
    name: 'segment-param',
    oursCalls: N * 50,
    ours: () => { let s = 0; for (const a of pieces) for (let j = 0; j < 50; j++) s += segmentParam(a, pieces[j]!); return s; },
  },
  {
    name: 'shape (of a 20-piece line)',
    oursCalls: lines.length * 50,
    ours: () => { let s = 0; for (let r = 0; r < 50; r++) for (const l of lines) s += shapeOf({ type: 'LineString', coordinates: l }).segments.length; return s; },
  },
  {
    name: 'point-shape-distance (20 pieces)',
    oursCalls: N * 10,
    ours: () => { const shapes = lines.slice(0, 10).map((l) => shapeOf({ type: 'LineString', coordinates: l })); let s = 0; for (const p of points) for (const sh of shapes) s += xyShapeDistance(p[0]!, p[1]!, sh); return s; },
  },
  {
    name: 'shape-distance (line × polygon)',
    oursCalls: 200 * 20,
    ours: () => { const ls = lines.map((l) => shapeOf({ type: 'LineString', coordinates: l })); const ps = polygons.slice(0, 20).map((p) => shapeOf({ type: 'Polygon', coordinates: p })); let s = 0; for (const l of ls) for (const p of ps) s += shapeDistance(l, p).distance; return s; },
  },
  {
    name: 'length (20 pieces)',
    oursCalls: lines.length * 100,
    ours: () => { let s = 0; for (let r = 0; r < 100; r++) for (const l of lines) s += lineLength(l); return s; },
    turfCalls: lines.length * 10,
    turf: () => { let s = 0; for (let r = 0; r < 10; r++) for (const l of turfLines) s += turf.length(l); return s; },
  },
  {
    name: 'polygon-area (24 vertices)',
    oursCalls: polygons.length * 100,
    ours: () => { let s = 0; for (let r = 0; r < 100; r++) for (const p of polygons) s += polygonArea(p); return s; },
    turfCalls: polygons.length * 10,
    turf: () => { let s = 0; for (let r = 0; r < 10; r++) for (const p of turfPolygons) s += turf.area(p); return s; },
  },
];

const rows = cases.map((c) => {
  const ours = time(c.oursCalls, c.ours);
  const reference = c.turf ? time(c.turfCalls!, c.turf) : Number.NaN;
  return [c.name, ours.toFixed(1), c.turf ? reference.toFixed(1) : '-', c.turf ? (ours / reference).toFixed(3) : '-'];
});
console.log(`planar operations, median of ${ROUNDS} rounds, seeded data (seed 11)`);
printTable(['operation', 'ours ns/call', 'turf ns/call', 'ours ÷ turf'], rows);
