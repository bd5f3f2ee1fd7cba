import type { LineString, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { seeded } from '../../server/demo/seeded.ts';
import { corridorPieces } from '../../server/geo/corridor-pieces.ts';
import { pointToLineDistance } from '../../server/geo/point-line-distance.ts';

const line = (...coordinates: Position[]): LineString => ({ type: 'LineString', coordinates });
const ends = (pieces: ReturnType<typeof corridorPieces>) => pieces.map((p) => (p as LineString).coordinates);

describe('corridorPieces', () => {
  it('when a route runs along the axes, keeps each of its legs whole: a leg\'s box is then its corridor', () => {
    expect(ends(corridorPieces(line([0, 0], [1000, 0], [1000, 300]), 26.4))).toEqual([[[0, 0], [1000, 0]], [[1000, 0], [1000, 300]]]);
  });

  it('when a leg runs diagonally, cuts it into pieces of about 2√2 times the reach that join end to end', () => {
    const pieces = ends(corridorPieces(line([0, 0], [700, 700]), 25));
    expect(pieces).toHaveLength(14);
    expect(pieces[0]).toEqual([[0, 0], [50, 50]]);
    for (let k = 1; k < pieces.length; k++) expect(pieces[k]![0]).toEqual(pieces[k - 1]![1]);
    expect(pieces.at(-1)![1]).toEqual([700, 700]);
  });

  it('when the reach is 0, cuts a diagonal no finer than 20 m pieces', () => {
    expect(corridorPieces(line([0, 0], [700, 700]), 0)).toHaveLength(49);
    expect(corridorPieces(line([0, 0], [5, 5]), 0)).toHaveLength(1);
  });

  it('when given a footprint, searches it as one piece', () => {
    const footprint = { type: 'Polygon' as const, coordinates: [[[0, 0], [10, 0], [10, 5], [0, 0]]] };
    expect(corridorPieces(footprint, 3)).toEqual([footprint]);
  });

  it('cuts every line of a MultiLineString', () => {
    expect(corridorPieces({ type: 'MultiLineString', coordinates: [[[0, 0], [100, 0]], [[0, 50], [0, 150]]] }, 5)).toHaveLength(2);
  });

  it('covers every point within the reach of 200 seeded routes with at least one grown box', () => {
    const r = seeded(16);
    for (let k = 0; k < 200; k++) {
      const coords: Position[] = [[r() * 500, r() * 500]];
      for (let v = 0; v < 1 + Math.floor(r() * 4); v++) coords.push([coords.at(-1)![0]! + (r() - 0.5) * 600, coords.at(-1)![1]! + (r() - 0.5) * 600]);
      const reach = r() * 30;
      const boxes = corridorPieces(line(...coords), reach).map((p) => {
        const [[ax, ay], [bx, by]] = (p as LineString).coordinates as [[number, number], [number, number]];
        return [Math.min(ax, bx) - reach, Math.min(ay, by) - reach, Math.max(ax, bx) + reach, Math.max(ay, by) + reach];
      });
      for (let s = 0; s < 50; s++) {
        // A point near the route: on it at a random place, then moved by up to the reach.
        const i = Math.floor(r() * (coords.length - 1));
        const t = r(), angle = r() * 2 * Math.PI, d = r() * reach;
        const [ax, ay] = coords[i]!, [bx, by] = coords[i + 1]!;
        const p = [ax! + (bx! - ax!) * t + Math.cos(angle) * d, ay! + (by! - ay!) * t + Math.sin(angle) * d];
        expect(pointToLineDistance(p, coords)).toBeLessThanOrEqual(reach + 1e-9);
        expect(boxes.some(([x0, y0, x1, y1]) => p[0]! >= x0! - 1e-9 && p[0]! <= x1! + 1e-9 && p[1]! >= y0! - 1e-9 && p[1]! <= y1! + 1e-9)).toBe(true);
      }
    }
  });
});
