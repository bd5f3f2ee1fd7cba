import GJV from 'geojson-validation';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { planToGeoJson } from '../../server/exports/plan-geojson.ts';
import { RD_NEW, WGS84_NL_BOUNDS, mapPositions } from '../../server/geo/crs.ts';
import { samplePlan } from './sample-plan.ts';

const positions = (g: Parameters<typeof mapPositions>[0]) => {
  const out: Position[] = [];
  mapPositions(g, (p) => (out.push(p), p));
  return out;
};

describe('the plan as GeoJSON', () => {
  const plan = samplePlan();

  it('gives a valid FeatureCollection with one feature per opening', () => {
    const collection = planToGeoJson(plan);
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toHaveLength(plan.openings.length);
    for (const feature of collection.features) expect(GJV.isFeature(feature, true)).toEqual([]);
    expect(collection).not.toHaveProperty('crs');
  });

  it('puts every coordinate in WGS84 inside the Netherlands by default', () => {
    for (const feature of planToGeoJson(plan).features) {
      for (const [x, y] of positions(feature.geometry) as [number, number][]) {
        expect(x).toBeGreaterThan(WGS84_NL_BOUNDS.minX);
        expect(x).toBeLessThan(WGS84_NL_BOUNDS.maxX);
        expect(y).toBeGreaterThan(WGS84_NL_BOUNDS.minY);
        expect(y).toBeLessThan(WGS84_NL_BOUNDS.maxY);
      }
    }
  });

  it('keeps RD New coordinates and names the crs when RD New is asked', () => {
    const collection = planToGeoJson(plan, RD_NEW);
    expect(collection.crs?.properties.name).toBe('urn:ogc:def:crs:EPSG::28992');
    const hudson = collection.features.find((f) => f.id === 'op-hud-1-2026')!;
    expect(hudson.geometry).toEqual({ type: 'LineString', coordinates: [[89420.5, 436310.2], [89512.8, 436388.9]] });
  });

  it('carries dates and the works in depth order in the properties', () => {
    const square = planToGeoJson(plan).features.find((f) => f.id === 'op-hmp-1-2026')!;
    expect(square.geometry.type).toBe('Polygon');
    expect(square.properties).toMatchObject({ street: 'Heemraadsplein', start: '2026-05-04', end: '2026-07-31', days: 89, types: 'heat, cables, paving' });
    expect(square.properties.works.map((w) => w.work_id)).toEqual(['w-15', 'w-16', 'w-17', 'w-18']);
    expect(square.properties.works[3]).toMatchObject({ shift_days: 7, explanation: expect.stringContaining('moved 1 week later') });
  });
});
