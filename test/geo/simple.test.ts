import { kinks } from '@turf/turf';
import type { LineString, Polygon, Position } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seeded } from '../../server/demo/seeded.ts';
import { type Lineal, isSimple, selfIntersection } from '../../server/geo/simple.ts';
import type { Store } from '../../server/store/index.ts';
import { openTestStore } from '../support/store.ts';

const ring = (points: Position[]): Position[] => [...points, points[0]!];

/** A ring around a centre at sorted angles (simple), every fifth one with two vertices swapped (usually not). */
function radialRing(random: () => number, n: number, cx = 50, cy = 50, r = 40): Position[] {
  const angles = Array.from({ length: n }, () => random() * 2 * Math.PI).sort((a, b) => a - b);
  const points = angles.map((a): Position => {
    const d = r * (0.2 + 0.8 * random());
    return [cx + Math.cos(a) * d, cy + Math.sin(a) * d];
  });
  if (random() < 0.2) {
    const i = Math.floor(random() * n), j = Math.floor(random() * n);
    [points[i], points[j]] = [points[j]!, points[i]!];
  }
  return ring(points);
}

function randomPoints(random: () => number, n: number): Position[] {
  return Array.from({ length: n }, (): Position => [random() * 100, random() * 100]);
}

/** The seeded corpus: free polygons, radial ones, radial ones with a hole, and lines. */
function corpus(): Lineal[] {
  const random = seeded(12_003);
  const out: Lineal[] = [];
  for (let k = 0; k < 600; k++) {
    const n = 3 + Math.floor(random() * 10);
    out.push({ type: 'Polygon', coordinates: [ring(randomPoints(random, n))] });
    out.push({ type: 'Polygon', coordinates: [radialRing(random, n + 3)] });
    out.push({ type: 'Polygon', coordinates: [radialRing(random, n + 5), radialRing(random, 3 + Math.floor(random() * 4), 40 + random() * 20, 40 + random() * 20, 4 + random() * 10).reverse()] });
    out.push({ type: 'LineString', coordinates: randomPoints(random, 2 + Math.floor(random() * 6)) });
    out.push({ type: 'MultiLineString', coordinates: [randomPoints(random, 2 + Math.floor(random() * 3)), randomPoints(random, 2 + Math.floor(random() * 3))] });
  }
  return out;
}

describe('selfIntersection', () => {
  it('gives the same verdict as turf kinks on every one of 3 000 seeded polygons, polygons with holes and lines', () => {
    const shapes = corpus();
    const verdicts = shapes.map((g) => [isSimple(g), kinks(g).features.length === 0]);
    expect(verdicts.filter(([ours, turf]) => ours !== turf)).toEqual([]);
    // The corpus must hold both answers in number, or the agreement says little.
    expect(verdicts.filter(([ours]) => ours).length).toBeGreaterThan(800);
    expect(verdicts.filter(([ours]) => !ours).length).toBeGreaterThan(800);
  });

  it.each<[string, Lineal, Position | undefined]>([
    ['a bow-tie crosses in the middle', { type: 'Polygon', coordinates: [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]] }, [1, 1]],
    ['a square is simple, its closing vertex shared by the first and last edge', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] }, undefined],
    ['a ring touching itself at a vertex meets there', { type: 'Polygon', coordinates: [[[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 1], [0, 0]]] }, [1, 1]],
    ['a spike folding back along its edge meets itself', { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 4], [4, 6], [4, 2], [0, 4], [0, 0]]] }, [4, 2]],
    ['a repeated position is not a meeting', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] }, undefined],
    ['straight-on consecutive edges are not a meeting', { type: 'LineString', coordinates: [[0, 0], [1, 0], [2, 0], [3, 0]] }, undefined],
    ['two vertical edges in line overlap', { type: 'LineString', coordinates: [[0, 0], [0, 3], [1, 3], [1, 4], [0, 4], [0, 2]] }, [0, 2]],
    ['a hole crossing its shell is a meeting', { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[8, 4], [12, 4], [12, 6], [8, 6], [8, 4]]] }, [10, 4]],
    ['a hole inside its shell is simple', { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]] }, undefined],
    ['a line ending on its own first segment meets it', { type: 'LineString', coordinates: [[0, 0], [4, 0], [4, 2], [2, 0]] }, [2, 0]],
  ])('%s', (_name, geometry, expected) => {
    expect(selfIntersection(geometry)).toEqual(expected);
  });

  it('answers a 6 001-vertex star polygon, the issue 12 attack, in well under a second', () => {
    const star: Position[] = [];
    for (let i = 0; i < 6_000; i++) {
      const a = (i * 2 * Math.PI * 2_999) / 6_000;
      star.push([89_500 + Math.cos(a) * 100, 436_000 + Math.sin(a) * 100]);
    }
    const started = performance.now();
    expect(selfIntersection({ type: 'Polygon', coordinates: [ring(star)] })).toBeDefined();
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('passes a 40 000-vertex circle and a simple 20 000-spike star without going quadratic', () => {
    const circle = ring(Array.from({ length: 40_000 }, (_, i): Position => [89_500 + 50 * Math.cos((i / 40_000) * 2 * Math.PI), 436_000 + 50 * Math.sin((i / 40_000) * 2 * Math.PI)]));
    const spikes = ring(Array.from({ length: 20_000 }, (_, i): Position => {
      const a = (i / 20_000) * 2 * Math.PI, r = i % 2 ? 100 : 1;
      return [89_500 + r * Math.cos(a), 436_000 + r * Math.sin(a)];
    }));
    const started = performance.now();
    expect(isSimple({ type: 'Polygon', coordinates: [circle] })).toBe(true);
    expect(isSimple({ type: 'Polygon', coordinates: [spikes] })).toBe(true);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

// PostGIS is the reference for the contacts kinks cannot see: lines on a coarse grid touch, overlap and fold.
describe('selfIntersection against PostGIS ST_IsSimple', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore('pglite');
  });
  afterAll(async () => {
    await store?.close();
  });

  it('agrees on 60 seeded grid lines full of touches, overlaps and folds', async () => {
    const random = seeded(28_992);
    const lines: LineString[] = Array.from({ length: 60 }, () => ({
      type: 'LineString',
      coordinates: Array.from({ length: 3 + Math.floor(random() * 5) }, (): Position => [Math.floor(random() * 4), Math.floor(random() * 4)]),
    }));
    const rows = await store.db.query<{ simple: boolean }>(
      'SELECT ST_IsSimple(ST_GeomFromGeoJSON(g)) AS simple FROM unnest($1::text[]) WITH ORDINALITY AS t(g, n) ORDER BY n',
      [lines.map((l) => JSON.stringify(l))],
    );
    const disagree = lines.filter((l, i) => isSimple(l) !== rows[i]!.simple).map((l) => JSON.stringify(l.coordinates));
    expect(disagree).toEqual([]);
    expect(rows.filter((r) => r.simple).length).toBeGreaterThan(5);
  });

  it('agrees with ST_IsValid on 40 seeded grid polygons without holes', async () => {
    const random = seeded(4_326);
    const polygons: Polygon[] = Array.from({ length: 40 }, () => ({
      type: 'Polygon',
      coordinates: [ring(Array.from({ length: 3 + Math.floor(random() * 4) }, (): Position => [Math.floor(random() * 5), Math.floor(random() * 5)]))],
    }));
    const rows = await store.db.query<{ valid: boolean }>(
      'SELECT ST_IsValid(ST_GeomFromGeoJSON(g)) AS valid FROM unnest($1::text[]) WITH ORDINALITY AS t(g, n) ORDER BY n',
      [polygons.map((p) => JSON.stringify(p))],
    );
    // ST_IsValid also refuses a ring with no area, which is simple; compare where PostGIS saw an area.
    const withArea = polygons.map((p, i) => ({ p, valid: rows[i]!.valid })).filter(({ p }) => Math.abs(area(p.coordinates[0]!)) > 0);
    const disagree = withArea.filter(({ p, valid }) => isSimple(p) !== valid).map(({ p }) => JSON.stringify(p.coordinates));
    expect(disagree).toEqual([]);
    expect(withArea.filter(({ valid }) => valid).length).toBeGreaterThan(3);
  });
});

function area(r: Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < r.length; i++) s += r[i]![0]! * r[i + 1]![1]! - r[i + 1]![0]! * r[i]![1]!;
  return s / 2;
}
