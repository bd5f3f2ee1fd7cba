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
      cables: 18, pipes: 17, sewers: 24, heat: 2, trees: 240, stations: 2, streets: 24, reservations: 73,
    });
    expect(new Set(layers.streets.map((s) => s.properties.segment_id)).size).toBe(24);
    expect(layers.cables.filter((c) => c.properties.depth_m === undefined).length).toBe(8);
    expect(layers.trees.some((t) => t.properties.protected)).toBe(true);
    expect(new Set(works.map((w) => w.type))).toEqual(new Set(['heat', 'sewer', 'water', 'paving', 'cables', 'gas', 'trees']));
  });

  it('holds profile lanes on two streets and a future-trees strip along Hudsonstraat that the planned heat route keeps clear of', async () => {
    const { layers } = demoDistrict();
    const { checkTrench } = await import('../../server/domain/check/check-trench.ts');
    const { readRuleSetFile } = await import('../../server/rules-file.ts');
    const lanes = layers.reservations.filter((r) => r.properties.source === 'profile:residential-16m');
    expect(new Set(lanes.map((r) => r.properties.segment_id))).toEqual(new Set(['grote-visserijstraat-1', 'grote-visserijstraat-2', 'grote-visserijstraat-3', 'rosener-manzstraat-1', 'rosener-manzstraat-2', 'rosener-manzstraat-3']));
    const trees = layers.reservations.find((r) => r.id === 'future-trees-hudsonstraat-2')!;
    expect(trees.properties).toMatchObject({ purpose: 'future-trees', owner: 'Gemeente Rotterdam' });
    const route = layers.heat.find((h) => h.id === 'heat-planned-hudsonstraat')!;
    const trench = { type: 'Feature' as const, geometry: route.geometry as { type: 'LineString'; coordinates: number[][] }, properties: { kind: 'heat' as const, width_m: 0.6, depth_m: 1 } };
    const rules = readRuleSetFile('data/rules/nl-default.json');
    const all = Object.entries(layers).flatMap(([layer, assets]) => assets.map((a) => ({ ...a, layer: layer as LayerName })));
    expect(checkTrench(trench, all, rules, { on: '2027-01-01' }).conflicts.filter((c) => c.rule === 'reservation')).toEqual([]);
    const eastSide = { ...trench, geometry: { type: 'LineString' as const, coordinates: [[89_457, 435_800], [89_457, 436_000]] } };
    expect(checkTrench(eastSide, all, rules, { on: '2027-01-01' }).conflicts.filter((c) => c.rule === 'reservation')).toMatchObject([{ assetId: 'future-trees-hudsonstraat-1', severity: 'blocking' }, { assetId: 'future-trees-hudsonstraat-2', severity: 'blocking' }]);
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
      expect(await loadDemoIfEmpty(store)).toBe(400);
      expect(await loadDemoIfEmpty(store)).toBe(0);
      expect(await store.features.count()).toBe(400);
    } finally {
      await store.close();
    }
  });

  it('completes a store holding the demo as an earlier version loaded it: coverage and reservations, nothing else', async () => {
    const store = await openTestStore();
    try {
      const { layers } = demoDistrict();
      for (const layer of ['streets', 'pipes'] as const) await store.features.insert(layer, layers[layer]);
      const before = await store.features.stamps('pipes', layers.pipes.map((p) => p.id));
      expect(await loadDemoIfEmpty(store)).toBe(layers.reservations.length);
      expect((await store.coverage.countBySource('demo')).areas).toBeGreaterThan(0);
      expect(await store.features.stamps('pipes', layers.pipes.map((p) => p.id))).toEqual(before);
      expect(await loadDemoIfEmpty(store)).toBe(0);
      // Someone else's streets: nothing added.
      const other = await openTestStore();
      try {
        await other.features.insert('streets', layers.streets.slice(0, 3));
        expect(await loadDemoIfEmpty(other)).toBe(0);
        expect((await other.coverage.countBySource('demo')).areas).toBe(0);
        expect(await other.features.count('reservations')).toBe(0);
      } finally {
        await other.close();
      }
    } finally {
      await store.close();
    }
  });
});
