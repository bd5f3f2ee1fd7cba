import { describe, expect, it } from 'vitest';
import { validateFeature } from '../../server/domain/assets/asset.validation.ts';
import type { LayerName } from '../../server/domain/assets/layers.ts';
import { demoDistrict } from '../../server/demo/district.ts';
import { loadDemoIfEmpty } from '../../server/demo/load.ts';
import { openTestStore } from '../support/store.ts';

describe('the demo district', () => {
  it('is the same on every run, to the millimetre', () => {
    expect(JSON.stringify(demoDistrict())).toBe(JSON.stringify(demoDistrict()));
    expect(JSON.stringify(demoDistrict(1))).not.toBe(JSON.stringify(demoDistrict()));
  });

  it('passes the validation every uploaded feature passes', () => {
    const { layers } = demoDistrict();
    for (const [layer, assets] of Object.entries(layers) as [LayerName, (typeof layers)[LayerName]][]) {
      for (const asset of assets) {
        const result = validateFeature(asset, layer, 'EPSG:28992');
        expect('code' in result ? `${asset.id}: ${result.field} ${result.code}` : 'ok').toBe('ok');
      }
    }
  });

  it('holds every layer, named street segments and the planned works', () => {
    const { layers, works } = demoDistrict();
    expect(Object.fromEntries(Object.entries(layers).map(([k, v]) => [k, v.length]))).toEqual({
      cables: 18, pipes: 17, sewers: 24, heat: 2, trees: 240, stations: 2, streets: 24, reservations: 0,
    });
    expect(new Set(layers.streets.map((s) => s.properties.segment_id)).size).toBe(24);
    expect(layers.cables.filter((c) => c.properties.depth_m === undefined).length).toBe(8);
    expect(layers.trees.some((t) => t.properties.protected)).toBe(true);
    expect(new Set(works.map((w) => w.type))).toEqual(new Set(['heat', 'sewer', 'water', 'paving', 'cables', 'gas', 'trees']));
  });

  it('puts the planned Hudsonstraat heat route 0.6 m edge to edge from the water main', () => {
    const { layers } = demoDistrict();
    const heat = layers.heat.find((h) => h.id === 'heat-planned-hudsonstraat')!;
    const water = layers.pipes.find((p) => p.id === 'water-hudsonstraat')!;
    const centreline = Math.abs((heat.geometry as { coordinates: number[][] }).coordinates[0]![0]! - (water.geometry as { coordinates: number[][] }).coordinates[0]![0]!);
    const edge = centreline - heat.properties.pair_width_m! / 2 - water.properties.diameter_mm! / 2000;
    expect(edge).toBeCloseTo(0.595, 3);
  });

  it('loads into an empty store once, in one transaction', async () => {
    const store = await openTestStore();
    try {
      expect(await loadDemoIfEmpty(store)).toBe(327);
      expect(await loadDemoIfEmpty(store)).toBe(0);
      expect(await store.features.count()).toBe(327);
    } finally {
      await store.close();
    }
  });
});
