import type { Geometry, Position } from 'geojson';
import { afterAll, describe, expect, it } from 'vitest';
import { demoDistrict } from '../../server/demo/district.ts';
import { seeded } from '../../server/demo/seeded.ts';
import type { LayeredAsset } from '../../server/domain/assets/layers.ts';
import { crossSection } from '../../server/domain/space/cross-section.ts';
import { type Obstacle, obstaclesFor } from '../../server/domain/space/obstacles.ts';
import { streetSpace } from '../../server/domain/space/street-space.ts';
import { segmentsFromStreets } from '../../server/domain/streets/street-segments.ts';
import { pointAtChainage } from '../../server/geo/point-at-chainage.ts';
import { xyShapeDistance } from '../../server/geo/point-shape-distance.ts';
import { readRuleSetFile } from '../../server/rules-file.ts';
import { openTestStore } from '../support/store.ts';

// The cross-section's exact intervals against PostGIS doing it the textbook way: buffer every obstacle by its keep
// distance, union, cut the union out of the street's band, and intersect what is left with the line across the
// street. Buffers use 128 segments a quarter circle, within 0.2 mm of a true circle of 10 m.
const rules = readRuleSetFile('data/rules/nl-default.json');
const heat = { kind: 'heat' as const, width_m: 0.9, on: '2027-01-01' };
const { layers } = demoDistrict();
const assets = (Object.entries(layers) as [LayeredAsset['layer'], LayeredAsset[]][]).flatMap(([layer, list]) => list.map((a) => ({ ...a, layer })));
const obstacles = obstaclesFor(assets, heat, rules);
const segments = segmentsFromStreets(layers.streets);
const store = await openTestStore('pglite');
afterAll(() => store.close());

const HALF_SPAN = 30;
const ANGLE = rules.crossingAngle.warnBelow_deg;

/** An obstacle as PostGIS takes it: a line the trench would cross at this station leaves out that piece. */
function geometryOf(o: Obstacle, direction: readonly [number, number]): Geometry | undefined {
  const pieces = o.shape.segments.filter(([a, b]) => {
    if (!o.crossable) return true;
    const ex = b[0]! - a[0]!, ey = b[1]! - a[1]!;
    const angle = (Math.acos(Math.min(1, Math.abs(ex * direction[0] + ey * direction[1]) / Math.hypot(ex, ey))) * 180) / Math.PI;
    return angle < ANGLE;
  });
  const parts: Geometry[] = [
    ...(o.shape.polygons.length ? [{ type: 'MultiPolygon' as const, coordinates: o.shape.polygons }] : []),
    ...(pieces.length && !o.shape.polygons.length ? [{ type: 'MultiLineString' as const, coordinates: pieces.map((p) => [...p]) }] : []),
    ...o.shape.points.map((p) => ({ type: 'Point' as const, coordinates: p })),
  ];
  return parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : { type: 'GeometryCollection', geometries: parts };
}

async function postgisFree(centreline: Position[], streetRadius: number, point: Position, direction: readonly [number, number]): Promise<[number, number][]> {
  const n = [-direction[1], direction[0]];
  const near = obstacles.filter((o) => xyShapeDistance(point[0]!, point[1]!, o.shape) < HALF_SPAN + o.keep_m);
  const shapes = near.map((o) => ({ g: geometryOf(o, direction), k: o.keep_m })).filter((s) => s.g !== undefined);
  const across = { type: 'LineString', coordinates: [[point[0]! - n[0]! * HALF_SPAN, point[1]! - n[1]! * HALF_SPAN], [point[0]! + n[0]! * HALF_SPAN, point[1]! + n[1]! * HALF_SPAN]] };
  const rows = await store.db.query<{ part: string }>(
    `WITH o AS (SELECT ST_Buffer(ST_SetSRID(ST_GeomFromGeoJSON(g), 28992), k, 'quad_segs=128') AS b FROM unnest($1::text[], $2::float8[]) AS t(g, k)),
          street AS (SELECT ST_Buffer(ST_SetSRID(ST_GeomFromGeoJSON($3), 28992), $4, 'quad_segs=128') AS s),
          free AS (SELECT COALESCE(ST_Difference(s, (SELECT ST_Union(b) FROM o)), s) AS f FROM street)
     SELECT ST_AsGeoJSON((ST_Dump(ST_Intersection(f, ST_SetSRID(ST_GeomFromGeoJSON($5), 28992)))).geom, 9) AS part FROM free`,
    [shapes.map((s) => JSON.stringify(s.g)), shapes.map((s) => s.k), JSON.stringify({ type: 'LineString', coordinates: centreline }), streetRadius, JSON.stringify(across)],
  );
  const t = (p: Position) => (p[0]! - point[0]!) * n[0]! + (p[1]! - point[1]!) * n[1]!;
  return rows
    .map((r) => JSON.parse(r.part) as Geometry)
    .filter((g): g is { type: 'LineString'; coordinates: Position[] } => g.type === 'LineString')
    .map((g) => [t(g.coordinates[0]!), t(g.coordinates.at(-1)!)].sort((a, b) => a - b) as [number, number])
    .filter(([a, b]) => b - a > 0.001)
    .sort((a, b) => a[0] - b[0]);
}

describe('cross-sections agree with PostGIS', () => {
  it('at 200 seeded stations of the demo district, every free interval to 1 mm', async () => {
    const random = seeded(13_003);
    let compared = 0;
    for (let i = 0; i < 200; i++) {
      const segment = segments[Math.floor(random() * segments.length)]!;
      if (segment.geometry.type !== 'LineString') continue;
      const line = segment.geometry.coordinates;
      const { point, direction } = pointAtChainage(line, random() * segment.length_m);
      const space = streetSpace(segment);
      const ours = crossSection({ point, direction }, space, obstacles, { halfWidth: 0.45, crossingAngle_deg: ANGLE }).free.filter(([a, b]) => b - a > 0.001);
      const theirs = await postgisFree(line, space.halfWidth - 0.45, point, direction);
      expect(ours.length, `${segment.id} at ${point}`).toBe(theirs.length);
      ours.forEach(([a, b], k) => {
        expect(Math.abs(a - theirs[k]![0]), `${segment.id} at ${point}: from`).toBeLessThan(0.001);
        expect(Math.abs(b - theirs[k]![1]), `${segment.id} at ${point}: to`).toBeLessThan(0.001);
      });
      compared += ours.length;
    }
    expect(compared).toBeGreaterThan(100);
  }, 120_000);
});
