import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { LayeredAsset } from '../../server/domain/assets/layers.ts';
import { checkTrench } from '../../server/domain/check/check-trench.ts';
import type { Trench, TrenchKind } from '../../server/domain/check/check.types.ts';
import { obstaclesFor } from '../../server/domain/space/obstacles.ts';
import { xyShapeDistance } from '../../server/geo/point-shape-distance.ts';
import { readRuleSetFile } from '../../server/rules-file.ts';

const rules = readRuleSetFile('data/rules/nl-default.json');
const ON = '2027-01-01';

const asset = (layer: LayeredAsset['layer'], geometry: LayeredAsset['geometry'], properties: Record<string, unknown>): LayeredAsset => ({
  type: 'Feature', id: `${layer}-1`, layer, geometry, properties: { owner: 'Evides', status: 'existing', version: 1, ...properties },
});
const trench = (coordinates: Position[], kind: TrenchKind = 'heat', width_m = 0.9): Trench => ({
  type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: { kind, width_m, depth_m: 1 },
});
const blocking = (t: Trench, a: LayeredAsset) => checkTrench(t, [a], rules).conflicts.filter((c) => c.severity === 'blocking' && c.rule !== 'unknown-depth');

// An obstacle's keep distance is the line between "the check blocks" and "the check lets it pass": a trench whose
// centreline runs 1 cm farther than keep_m from the asset passes, 1 cm nearer is blocked.
const cases: [string, LayeredAsset][] = [
  ['water main (clearance)', asset('pipes', { type: 'LineString', coordinates: [[0, 0], [60, 0]] }, { medium: 'water', diameter_mm: 200, depth_m: 1 })],
  ['protected tree (zone)', asset('trees', { type: 'Point', coordinates: [30, 0] }, { stem_diameter_cm: 60, protected: true })],
  ['substation (working area)', asset('stations', { type: 'Point', coordinates: [30, 0] }, { type: 'electric-substation' })],
  ['future-trees reservation', asset('reservations', { type: 'Polygon', coordinates: [[[0, -2], [60, -2], [60, 0], [0, 0], [0, -2]]] }, { purpose: 'future-trees' })],
  ['keep-free strip (line with width)', asset('reservations', { type: 'LineString', coordinates: [[0, 0], [60, 0]] }, { purpose: 'keep-free', width_m: 2 })],
];

describe('obstaclesFor agrees with the check', () => {
  for (const [name, a] of cases) {
    it(`${name}: passes at keep + 1 cm, caught at keep − 1 cm`, () => {
      const [o] = obstaclesFor([a], { kind: 'heat', width_m: 0.9, on: ON }, rules);
      expect(o).toBeDefined();
      // The farthest point of the shape's top edge along y: put the trench parallel at y = top + keep.
      const top = Math.max(...[...o!.shape.points, ...o!.shape.segments.flat()].map((p) => p[1]!));
      const at = (y: number) => trench([[10, y], [50, y]]);
      const distanceAt = (y: number) => xyShapeDistance(30, y, o!.shape);
      expect(distanceAt(top + o!.keep_m + 0.01)).toBeGreaterThan(o!.keep_m);
      if (a.layer === 'reservations') expect(o!.keep_m).toBe(a.geometry.type === 'LineString' ? 1.45 : 0.45);
      expect(blocking(at(top + o!.keep_m + 0.01), a)).toEqual([]);
      expect(blocking(at(top + o!.keep_m - 0.01), a).length).toBeGreaterThan(0);
    });
  }

  it('leaves out abandoned assets, a lane meant for the kind and a reservation out of force', () => {
    const lane = asset('reservations', { type: 'LineString', coordinates: [[0, 0], [60, 0]] }, { purpose: 'lane', kinds: ['heat'], width_m: 1.5 });
    const expired = asset('reservations', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }, { purpose: 'keep-free', valid_until: '2026-12-31' });
    const abandoned = asset('pipes', { type: 'LineString', coordinates: [[0, 0], [60, 0]] }, { medium: 'gas-lp', status: 'abandoned' });
    expect(obstaclesFor([lane, expired, abandoned], { kind: 'heat', width_m: 0.9, on: ON }, rules)).toEqual([]);
    const forCables = obstaclesFor([lane], { kind: 'cables', width_m: 0.4, on: ON }, rules);
    expect(forCables).toMatchObject([{ reason: 'reservation', keep_m: 0.95, crossable: true }]);
  });
});

describe('street space', async () => {
  const { inStreetSpace, streetSpace } = await import('../../server/domain/space/street-space.ts');
  const line = { id: 's1', street: 'Hudsonstraat', geometry: { type: 'LineString' as const, coordinates: [[0, 0], [100, 0]] }, length_m: 100, width_m: 16 };
  const polygon = { id: 'p1', street: 'Rottekade', geometry: { type: 'Polygon' as const, coordinates: [[[0, -8], [100, -8], [100, 8], [0, 8], [0, -8]]] }, length_m: 100 };

  it('is the band of the width around a centreline, less the trench half width', () => {
    expect(inStreetSpace(50, 7.5, streetSpace(line), 0.45)).toBe(true);
    expect(inStreetSpace(50, 7.6, streetSpace(line), 0.45)).toBe(false);
    expect(streetSpace({ ...line, width_m: undefined }).widthAssumed).toBe(true);
  });

  it('is the inside of a polygon, the trench half width from its outline', () => {
    expect(inStreetSpace(50, 7.5, streetSpace(polygon), 0.45)).toBe(true);
    expect(inStreetSpace(50, 7.6, streetSpace(polygon), 0.45)).toBe(false);
    expect(inStreetSpace(50, 9, streetSpace(polygon))).toBe(false);
  });
});
