import type { Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { LayeredAsset } from '../../server/domain/assets/layers.ts';
import { crossSection } from '../../server/domain/space/cross-section.ts';
import { obstaclesFor } from '../../server/domain/space/obstacles.ts';
import { streetSpace } from '../../server/domain/space/street-space.ts';
import { readRuleSetFile } from '../../server/rules-file.ts';

const rules = readRuleSetFile('data/rules/nl-default.json');
const heat = { kind: 'heat' as const, width_m: 0.9, on: '2027-01-01' };
const asset = (id: string, layer: LayeredAsset['layer'], geometry: Geometry, properties: Record<string, unknown>): LayeredAsset => ({
  type: 'Feature', id, layer, geometry, properties: { owner: 'Gemeente Rotterdam', status: 'existing', version: 1, ...properties },
});

// A 16 m street along x: the centreline of a 0.9 m trench keeps 0.45 m from the façades, so |t| ≤ 7.55.
const street = streetSpace({ id: 's', street: 'Hudsonstraat', geometry: { type: 'LineString', coordinates: [[0, 0], [100, 0]] }, length_m: 100, width_m: 16 });
// Keep distances for a 0.9 m heat trench (obstacles.test.ts ties them to the check): water main DN200 1.0 + 0.45 + 0.1 = 1.55;
// tree stem 40 cm, crown 6 m: zone 4.5 + 0.45 = 4.95; substation 1.0 + 0.45 = 1.45; a lane reservation's edge 0.45; lv cable 0.975.
const water = asset('water-1', 'pipes', { type: 'LineString', coordinates: [[0, 3], [100, 3]] }, { medium: 'water', diameter_mm: 200, depth_m: 1 });
const tree = asset('tree-1', 'trees', { type: 'Point', coordinates: [50, -5] }, { stem_diameter_cm: 40, crown_diameter_m: 6 });
const station = asset('station-1', 'stations', { type: 'Polygon', coordinates: [[[40, 5], [44, 5], [44, 8], [40, 8], [40, 5]]] }, { type: 'electric-substation' });
const cable = asset('lv-1', 'cables', { type: 'LineString', coordinates: [[30, -10], [30, 10]] }, { network: 'lv', diameter_mm: 50, depth_m: 0.6 });
// A C opening to the west: the line x = 65 runs inside it twice.
const trees = asset('future-trees-1', 'reservations', { type: 'Polygon', coordinates: [[[60, -6], [70, -6], [70, 6], [60, 6], [60, 4], [68, 4], [68, -4], [60, -4], [60, -6]]] }, { purpose: 'future-trees' });

const at = (x: number, assets: LayeredAsset[]) =>
  crossSection({ point: [x, 0], direction: [1, 0] }, street, obstaclesFor(assets, heat, rules), { halfWidth: 0.45, crossingAngle_deg: rules.crossingAngle.warnBelow_deg });
const rounded = (intervals: [number, number][]) => intervals.map(([a, b]) => [+a.toFixed(4), +b.toFixed(4)]);

describe('a cross-section of a street', () => {
  it('when a water main runs parallel at 3 m, frees the street but the band 1.55 m either side of it', () => {
    const section = at(50, [water]);
    expect(rounded(section.space)).toEqual([[-7.55, 7.55]]);
    expect(rounded(section.free)).toEqual([[-7.55, 1.45], [4.55, 7.55]]);
    expect(section.blocked).toMatchObject([{ by: [0] }]);
  });

  it('when a tree stands 3 m ahead at 5 m aside, takes the chord of its zone: ±√(4.95² − 3²) around −5', () => {
    const chord = Math.sqrt(4.95 ** 2 - 9);
    expect(rounded(at(47, [water, tree]).free)).toEqual(rounded([[-5 + chord, 1.45], [4.55, 7.55]]));
    expect(rounded(at(50, [water, tree]).free)).toEqual([[-0.05, 1.45], [4.55, 7.55]]);
  });

  it('when a station stands beside the street, keeps its working area: the corner circle 1 m past its end', () => {
    expect(rounded(at(42, [water, station]).free)).toEqual([[-7.55, 1.45]]);
    const corner = Math.sqrt(1.45 ** 2 - 1);
    expect(rounded(at(45, [station]).free)).toEqual(rounded([[-7.55, 5 - corner]]));
    expect(at(46, [station]).free).toEqual([[-7.55, 7.55]]);
  });

  it('when a concave reservation is crossed twice, blocks both arms and frees its mouth', () => {
    const section = at(65, [water, trees]);
    expect(rounded(section.free)).toEqual([[-7.55, -6.45], [-3.55, 1.45], [6.45, 7.55]]);
    expect(section.blocked.map((b) => b.by)).toEqual([[1], [0, 1]]);
  });

  it('when a cable crosses the street at right angles, lets the trench cross it rather than blocking the street', () => {
    expect(at(30, [cable]).free).toEqual([[-7.55, 7.55]]);
    const alongSteep = crossSection({ point: [30, 0], direction: [1, 0] }, street, obstaclesFor([cable], heat, rules), { halfWidth: 0.45, crossingAngle_deg: 91 });
    expect(alongSteep.free).toEqual([]);
  });

  it('in a polygon street, keeps half the trench from its outline and follows a bend in it', () => {
    const polygon = streetSpace({ id: 'p', street: 'Rottekade', geometry: { type: 'Polygon', coordinates: [[[0, -5], [100, -5], [100, 5], [50, 5], [50, 2], [0, 2], [0, -5]]] }, length_m: 100 });
    const section = (x: number) => crossSection({ point: [x, 0], direction: [1, 0] }, polygon, [], { halfWidth: 0.45, crossingAngle_deg: 45 });
    expect(rounded(section(25).free)).toEqual([[-4.55, 1.55]]);
    expect(rounded(section(75).free)).toEqual([[-4.55, 4.55]]);
  });
});
