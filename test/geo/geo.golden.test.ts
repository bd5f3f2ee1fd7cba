import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Geometry, LineString, MultiPoint, Point, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { bboxNear, bboxOf } from '../../server/geo/bbox.ts';
import { convexHull } from '../../server/geo/convex-hull.ts';
import { lineLength } from '../../server/geo/length.ts';
import { minimumRectangleSides } from '../../server/geo/minimum-rectangle.ts';
import { pointAtChainage } from '../../server/geo/point-at-chainage.ts';
import { inPolygon } from '../../server/geo/point-in-polygon.ts';
import { pointToLineDistance } from '../../server/geo/point-line-distance.ts';
import { pointSegment, pointSegmentDistance, pointSegmentParam, xySegmentDistanceSquared } from '../../server/geo/point-segment-distance.ts';
import { pointShapeDistance } from '../../server/geo/point-shape-distance.ts';
import { polygonArea } from '../../server/geo/polygon-area.ts';
import { segmentDistance } from '../../server/geo/segment-distance.ts';
import { segmentIntersection } from '../../server/geo/segment-intersection.ts';
import { segmentParam } from '../../server/geo/segment-param.ts';
import { shapeDistance } from '../../server/geo/shape-distance.ts';
import { shapeOf } from '../../server/geo/shape.ts';
import { withoutStraightVertices } from '../../server/geo/straight-vertices.ts';
import type { LinePiece } from '../../server/geo/types.ts';

// Golden files per planar operation: test/fixtures/geo/<operation>/<case>.in.geojson → <case>.out.json. The output
// is a FeatureCollection holding the input (grey) and the answer drawn in red, with the answer's numbers in `result`,
// so a reviewer can open it in any GeoJSON viewer. REGEN=1 rewrites the outputs; without it a missing output fails.
const ROOT = 'test/fixtures/geo';
const REGEN = process.env.REGEN === '1';

type Answer = { result: unknown; drawn?: Geometry[] };
type Operation = (features: Feature[], params: Record<string, number>) => Answer;

const point = (f: Feature | undefined) => (f!.geometry as Point).coordinates;
const line = (f: Feature | undefined) => (f!.geometry as LineString).coordinates;
const piece = (f: Feature | undefined): LinePiece => [line(f)[0]!, line(f)[1]!];
const link = (a: Position, b: Position): LineString => ({ type: 'LineString', coordinates: [a, b] });

const OPERATIONS: Record<string, Operation> = {
  'point-segment-distance': ([p, s]) => {
    const c = pointSegment(point(p), piece(s));
    const [[ax, ay], [bx, by]] = piece(s) as [number[], number[]];
    expect(pointSegmentDistance(point(p), ...piece(s))).toBe(c.distance);
    expect(Math.sqrt(xySegmentDistanceSquared(point(p)[0]!, point(p)[1]!, ax!, ay!, bx!, by!))).toBeCloseTo(c.distance, 9);
    return { result: { distance: c.distance, nearest: c.b, param: pointSegmentParam(point(p), piece(s)) }, drawn: [link(c.a, c.b)] };
  },
  'point-line-distance': ([p, l]) => ({ result: { distance: pointToLineDistance(point(p), line(l)) } }),
  'point-in-polygon': ([p, poly]) => ({ result: { inside: inPolygon(point(p), (poly!.geometry as Polygon).coordinates) } }),
  'segment-intersection': ([a, b]) => {
    const hit = segmentIntersection(piece(a), piece(b));
    return { result: hit ?? null, drawn: hit ? [{ type: 'Point', coordinates: hit.point }] : [] };
  },
  'segment-distance': ([a, b]) => {
    const c = segmentDistance(piece(a), piece(b));
    return { result: c, drawn: [link(c.a, c.b)] };
  },
  'segment-param': ([a, b]) => {
    const s = segmentParam(piece(a), piece(b));
    expect(s).toBeCloseTo(segmentDistance(piece(a), piece(b)).s, 9);
    return { result: { s } };
  },
  shape: ([f]) => {
    const shape = shapeOf(f!.geometry);
    return { result: { pieces: shape.segments.length, points: shape.points, polygons: shape.polygons.length, bbox: shape.bbox } };
  },
  'shape-distance': ([a, b]) => {
    const c = shapeDistance(shapeOf(a!.geometry), shapeOf(b!.geometry));
    return { result: c, drawn: [link(c.a, c.b)] };
  },
  'point-shape-distance': ([p, f]) => ({ result: { distance: pointShapeDistance(point(p), shapeOf(f!.geometry)) } }),
  length: ([l]) => ({ result: { length: lineLength(line(l)) } }),
  bbox: ([a, b], { d }) => {
    const [boxA, boxB] = [bboxOf([line(a)]), bboxOf([line(b)])];
    return { result: { a: boxA, b: boxB, near: bboxNear(boxA, boxB, d!) }, drawn: [boxA, boxB].map(boxPolygon) };
  },
  'polygon-area': ([poly]) => ({ result: { area: polygonArea((poly!.geometry as Polygon).coordinates) } }),
  'convex-hull': ([mp]) => {
    const hull = convexHull((mp!.geometry as MultiPoint).coordinates);
    return { result: { hull }, drawn: [{ type: 'Polygon', coordinates: [[...hull, hull[0]!]] }] };
  },
  'minimum-rectangle': ([mp]) => ({ result: { sides: minimumRectangleSides((mp!.geometry as MultiPoint).coordinates) } }),
  'straight-vertices': ([l]) => {
    const kept = withoutStraightVertices(line(l));
    return { result: { kept }, drawn: [{ type: 'LineString', coordinates: kept }] };
  },
  'point-at-chainage': ([l], { chainage_m }) => {
    const at = pointAtChainage(line(l), chainage_m!);
    return { result: at, drawn: [{ type: 'Point', coordinates: at.point }] };
  },
};

function boxPolygon([x0, y0, x1, y1]: number[]): Polygon {
  return { type: 'Polygon', coordinates: [[[x0!, y0!], [x1!, y0!], [x1!, y1!], [x0!, y1!], [x0!, y0!]]] };
}

/** Micrometres: beyond that, floating-point noise across platforms. */
function rounded(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.round(value * 1e6) / 1e6 + 0 : value;
  if (Array.isArray(value)) return value.map(rounded);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]));
  return value;
}

function output(input: FeatureCollection & { description?: string; properties?: Record<string, number> }, answer: Answer): unknown {
  const grey = input.features.map((f) => ({ ...f, properties: { ...f.properties, stroke: '#777777', fill: '#bbbbbb', 'marker-color': '#777777' } }));
  const red = (answer.drawn ?? []).map((geometry) => ({ type: 'Feature', properties: { stroke: '#d62728', 'stroke-width': 3, 'marker-color': '#d62728', fill: '#d62728' }, geometry }));
  return rounded({ type: 'FeatureCollection', description: input.description, result: answer.result, features: [...grey, ...red] });
}

const operations = readdirSync(ROOT).sort();

describe('planar operations against their golden files', () => {
  it('every fixture folder is an operation this test knows, and every operation has fixtures', () => {
    expect(operations).toEqual(Object.keys(OPERATIONS).sort());
  });

  for (const operation of operations) {
    const cases = readdirSync(join(ROOT, operation)).filter((f) => f.endsWith('.in.geojson')).sort();
    it.each(cases.map((f) => f.replace('.in.geojson', '')))(`${operation}: %s`, (name) => {
      const input = JSON.parse(readFileSync(join(ROOT, operation, `${name}.in.geojson`), 'utf8'));
      const actual = output(input, OPERATIONS[operation]!(input.features, input.properties ?? {}));
      const outFile = join(ROOT, operation, `${name}.out.json`);
      if (REGEN) writeFileSync(outFile, `${JSON.stringify(actual, null, 1)}\n`);
      expect(existsSync(outFile), `${outFile} is missing; run REGEN=1 npx vitest run test/geo/geo.golden.test.ts and review it`).toBe(true);
      expect(actual).toEqual(JSON.parse(readFileSync(outFile, 'utf8')));
    });
  }
});
