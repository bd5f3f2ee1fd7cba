import type { Feature, Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { scanSegments } from '../../server/domain/space/scan.ts';
import { segmentsFromStreets } from '../../server/domain/streets/street-segments.ts';
import { xyInPolygon } from '../../server/geo/point-in-polygon.ts';
import { xyShapeDistance } from '../../server/geo/point-shape-distance.ts';
import { shapeOf } from '../../server/geo/shape.ts';
import { importRoadSegments } from '../../server/imports/road-segments.ts';
import { readRuleSetFile } from '../../server/rules-file.ts';
import { realdata, skipWithoutRealdata } from '../support/realdata.ts';

// Real BGT road sections of Terbregge (Rotterdam): each a MultiPolygon of carriageway, footpaths and islands, many
// of them bent or concave. The scan runs along each one's long axis; whatever it calls free must lie in the road.
describe.skipIf(skipWithoutRealdata)('the space scan on the road sections of Terbregge', () => {
  it('keeps every free corridor inside its road section and finds room for a twin heat pipe in most', async () => {
    const imported = await importRoadSegments(realdata('rotterdam', 'stratenpatroon_terbregge.geojson'));
    if (!imported.ok) throw new Error(JSON.stringify(imported));
    const segments = segmentsFromStreets(imported.assets.map((a) => a.asset as Feature<Geometry, Record<string, unknown>>));
    const scans = scanSegments(segments, [], { kind: 'heat', width_m: 0.9, on: '2027-01-01' }, readRuleSetFile('data/rules/nl-default.json'));
    expect(scans).toHaveLength(segments.length);
    let checked = 0;
    scans.forEach((scan, i) => {
      const road = shapeOf(segments[i]!.geometry);
      const inside = (p: Position) => road.polygons.some((rings) => xyInPolygon(p[0]!, p[1]!, rings)) || xyShapeDistance(p[0]!, p[1]!, road) < 0.001;
      for (const polygon of scan.corridor.coordinates) for (const p of polygon[0]!) (expect(inside(p), `${scan.segment_id} ${p}`).toBe(true), checked++);
    });
    expect(checked).toBeGreaterThan(1_000);
    expect(scans.filter((s) => s.verdict !== 'does-not-fit').length).toBeGreaterThan(scans.length / 2);
  });
});
