import type { Geometry, LineString, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { LayeredAsset } from '../../server/domain/assets/layers.ts';
import { scanSegments } from '../../server/domain/space/scan.ts';
import type { StreetSegment } from '../../server/domain/streets/street-segments.ts';
import { render } from '../../server/messages/render.ts';
import { readRuleSetFile } from '../../server/rules-file.ts';

const rules = readRuleSetFile('data/rules/nl-default.json');
const heat = { kind: 'heat' as const, width_m: 0.9, on: '2027-01-01' };
const asset = (id: string, layer: LayeredAsset['layer'], geometry: Geometry, properties: Record<string, unknown> = {}): LayeredAsset => ({
  type: 'Feature', id, layer, geometry, properties: { owner: 'Evides', status: 'existing', version: 1, ...properties },
});
const line = (coordinates: number[][]): LineString => ({ type: 'LineString', coordinates });
const street = (id: string, width_m: number, geometry: LineString | Polygon = line([[0, 0], [100, 0]])): StreetSegment => ({ id, street: id, geometry, length_m: 100, width_m });
// Water main DN200 along the middle: keep 1.55 m for a 0.9 m heat trench, so a street of width w leaves w/2 − 0.45 − 1.55 beside it.
const water = asset('water-1', 'pipes', line([[0, 0], [100, 0]]), { medium: 'water', diameter_mm: 200, depth_m: 1 });

describe('the space scan of a street segment', () => {
  it('when a 7 m street has a water main down its middle, a twin heat pipe fits beside it', () => {
    const [scan] = scanSegments([street('wide', 7)], [water], heat, rules);
    // Free centreline offsets 1.55 … 3.05 on either side: 1.5 + 0.9 = 2.4 m edge to edge.
    expect(scan).toMatchObject({ verdict: 'fits', narrowest_m: 2.4, crossings: 0 });
    expect(scan!.corridor.coordinates).toHaveLength(2);
    expect(render(scan!.explanation, 'en')).toBe('A 0.90 m trench (Heat) fits along the whole length; the narrowest free space is 2.40 m at 50.0 m.');
  });

  it('when a 4 m street has a water main down its middle, a twin heat pipe does not fit and the main is named', () => {
    const [scan] = scanSegments([street('narrow', 4)], [water], heat, rules);
    expect(scan).toMatchObject({ verdict: 'does-not-fit', narrowest_m: 0, taken_by: [{ asset_id: 'water-1', layer: 'pipes', owner: 'Evides', reason: 'clearance', required_m: 1 }] });
    expect(scan!.corridor.coordinates).toEqual([]);
    expect(render(scan!.explanation, 'nl')).toContain('water-1 (Leidingen, Evides; afstandseis 1,00 m)');
  });

  it('when the free strip is narrower than the trench plus the working margin, is tight and names the main and the street edge', () => {
    // 4.6 m: free 1.55 … 1.85 each side, 0.3 + 0.9 = 1.2 m < 0.9 + 0.5.
    const [scan] = scanSegments([street('tight', 4.6)], [water], heat, rules);
    expect(scan).toMatchObject({ verdict: 'tight', narrowest_m: 1.2, taken_by: [{ asset_id: 'water-1' }] });
  });

  it('when one tree takes the whole width at 40 m, does not fit there and names the tree', () => {
    const tree = asset('tree-7', 'trees', { type: 'Point', coordinates: [40, 1] }, { owner: 'Gemeente Rotterdam', stem_diameter_cm: 60, crown_diameter_m: 8, protected: true });
    const [scan] = scanSegments([street('trees', 8)], [tree], heat, rules);
    expect(scan).toMatchObject({ verdict: 'does-not-fit', narrowest_m: 0, at_chainage_m: 40, at: [40, 0], taken_by: [{ asset_id: 'tree-7', reason: 'tree-zone' }] });
    // The corridor stops before the tree and starts again after it.
    expect(scan!.corridor.coordinates.length).toBeGreaterThanOrEqual(2);
  });

  it('when a cable crosses the street at right angles, counts a crossing and still fits', () => {
    const cable = asset('lv-9', 'cables', line([[50, -10], [50, 10]]), { owner: 'Stedin', network: 'lv', diameter_mm: 50, depth_m: 0.6 });
    const [scan] = scanSegments([street('crossed', 8)], [cable], heat, rules);
    expect(scan).toMatchObject({ verdict: 'fits', narrowest_m: 8, crossings: 1, crossed: ['lv-9'] });
    const diagonal = asset('lv-10', 'cables', line([[40, -4], [60, 4]]), { owner: 'Stedin', network: 'lv', diameter_mm: 50, depth_m: 0.6 });
    expect(scanSegments([street('along', 8)], [diagonal], heat, rules)[0]).toMatchObject({ verdict: 'does-not-fit', crossings: 0, taken_by: [{ asset_id: 'lv-10' }] });
  });

  it('when a layer is unknown along the segment, never says it fits', () => {
    const [scan] = scanSegments([street('blind', 16)], [], heat, rules, { unknownLayers: () => ['cables', 'pipes'] });
    expect(scan).toMatchObject({ verdict: 'unknown', unknown_layers: ['cables', 'pipes'] });
    expect(render(scan!.explanation, 'nl')).toContain('van Kabels en Leidingen zijn hier geen gegevens');
  });

  it('in a road part drawn as a polygon at 30°, scans along its long axis', () => {
    const c = Math.cos(Math.PI / 6), s = Math.sin(Math.PI / 6);
    const rot = ([x, y]: number[]) => [1000 + x! * c - y! * s, 2000 + x! * s + y! * c];
    const polygon: Polygon = { type: 'Polygon', coordinates: [[[0, -3], [80, -3], [80, 3], [0, 3], [0, -3]].map(rot)] };
    const main = asset('water-2', 'pipes', line([[-10, 1], [90, 1]].map(rot)), { medium: 'water', diameter_mm: 200, depth_m: 1 });
    const [scan] = scanSegments([{ id: 'kade', street: 'Rottekade', geometry: polygon, length_m: 80 }], [main], heat, rules);
    // Room −2.55 … 2.55 around the axis; the main at +1 blocks −0.55 … 2.55: free 2.0 + 0.9.
    expect(scan).toMatchObject({ verdict: 'fits', narrowest_m: 2.9, width_assumed: false });
  });

  it('in a road drawn as a carriageway and a footpath side by side, treats the kerb line between them as no edge', () => {
    const carriageway: number[][][] = [[[0, -3], [100, -3], [100, 3], [0, 3], [0, -3]]];
    const footpath: number[][][] = [[[0, 3], [100, 3], [100, 5], [0, 5], [0, 3]]];
    const geometry = { type: 'MultiPolygon' as const, coordinates: [carriageway, footpath] };
    const [scan] = scanSegments([{ id: 'weg', street: 'Stoopweg', geometry, length_m: 100 }], [], heat, rules);
    // Room −2.55 … 4.55 across both parts: 7.1 + 0.9 = 8.0 m, not two strips split at the kerb.
    expect(scan).toMatchObject({ verdict: 'fits', narrowest_m: 8 });
  });
});
