import type { Geometry, Position } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LayeredAsset, LayerName } from '../../server/domain/assets/layers.ts';
import { assetRadius } from '../../server/domain/assets/asset-measures.ts';
import { checkTrench } from '../../server/domain/check/check-trench.ts';
import { shapeDistance, shapeOf } from '../../server/geo/planar.ts';
import { OBSTACLE_LAYERS, candidateSearchDistances } from '../../server/domain/check/search-distances.ts';
import { seeded } from '../../server/demo/seeded.ts';
import { readRuleSetFile } from '../../server/rules-file.ts';
import type { Store } from '../../server/store/index.ts';
import { checkFixtures } from '../support/check-fixtures.ts';
import { openTestStore, storeKinds } from '../support/store.ts';

const rules = readRuleSetFile('data/rules/nl-default.json');
const fixtures = checkFixtures();
const allAssets = fixtures.flatMap((f) => f.assets);

/** Seeded lines, points and polygons around a zig-zag route, at every angle, from touching to 10 m off. */
function randomAssets(): { route: Geometry; assets: LayeredAsset[] } {
  const random = seeded(28_992);
  const route: Position[] = [[120_000, 480_000], [120_040.5, 480_013.25], [120_075, 479_990.125], [120_130, 480_030]];
  const assets: LayeredAsset[] = [];
  for (let i = 0; i < 150; i++) {
    const x = 120_000 + random() * 130, y = 479_985 + random() * 50;
    const a = random() * Math.PI, len = 1 + random() * 30;
    const at = (d: number): Position => [+(x + Math.cos(a) * d).toFixed(3), +(y + Math.sin(a) * d).toFixed(3)];
    const kind = i % 3;
    const geometry: Geometry = kind === 0
      ? { type: 'LineString', coordinates: [at(0), at(len), [+(x + 3).toFixed(3), +(y + len / 2).toFixed(3)]] }
      : kind === 1 ? { type: 'Point', coordinates: at(0) }
      : { type: 'Polygon', coordinates: [[at(0), at(3), [at(3)[0]!, at(3)[1]! + 2], [at(0)[0]!, at(0)[1]! + 2], at(0)]] };
    const layer: LayerName = kind === 0 ? 'cables' : kind === 1 ? 'trees' : 'stations';
    assets.push({ type: 'Feature', id: `r${i}`, layer, geometry, properties: { owner: 'Seeded', status: 'existing', version: 1, network: 'lv', type: 'electric-substation', stem_diameter_cm: 40 } });
  }
  return { route: { type: 'LineString', coordinates: route }, assets };
}

async function insertAll(store: Store, assets: LayeredAsset[]) {
  const byLayer = new Map<LayerName, LayeredAsset[]>();
  for (const a of assets) byLayer.set(a.layer, [...(byLayer.get(a.layer) ?? []), a]);
  for (const [layer, list] of byLayer) {
    const result = await store.features.insert(layer, list.map(({ layer: _l, ...asset }) => asset));
    if (!result.ok) throw new Error(`could not seed ${layer}: ${result.ids.join(', ')}`);
  }
}

async function stDistance(store: Store, geometry: Geometry, layer: LayerName, id: string): Promise<number> {
  const [row] = await store.db.query<{ d: number }>(
    'SELECT ST_Distance(geom, ST_SetSRID(ST_GeomFromGeoJSON($1), 28992)) AS d FROM features WHERE layer = $2 AND id = $3',
    [JSON.stringify(geometry), layer, id],
  );
  return Number(row!.d);
}

describe.each(storeKinds())('the check agrees with PostGIS on the %s store', (kind) => {
  let store: Store;
  const seededCase = randomAssets();
  beforeAll(async () => {
    store = await openTestStore(kind);
    await insertAll(store, [...allAssets, ...seededCase.assets]);
  });
  afterAll(async () => store?.close());

  it('every horizontal-clearance conflict of the fixtures, plus half-width and radius, equals ST_Distance in EPSG:28992 to 1 cm', async () => {
    let compared = 0;
    for (const f of fixtures) {
      const report = checkTrench(f.trench, f.assets, rules);
      for (const c of report.conflicts.filter((x) => x.rule === 'horizontal-clearance')) {
        const asset = f.assets.find((a) => a.id === c.assetId)!;
        const halfWidth = f.trench.geometry.type === 'LineString' ? f.trench.properties.width_m / 2 : 0;
        const centre = c.measured_m! + halfWidth + assetRadius(asset);
        expect(Math.abs(centre - (await stDistance(store, f.trench.geometry, asset.layer, asset.id))), `${f.name} ${asset.id}`).toBeLessThan(0.01);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(3);
  });

  it('planar distances from a zig-zag route to 150 seeded lines, points and polygons equal ST_Distance to 1 cm', async () => {
    const route = shapeOf(seededCase.route);
    const worst = { id: '', diff: 0 };
    for (const a of seededCase.assets) {
      const diff = Math.abs(shapeDistance(route, shapeOf(a.geometry)).distance - (await stDistance(store, seededCase.route, a.layer, a.id)));
      if (diff > worst.diff) Object.assign(worst, { id: a.id, diff });
    }
    expect(worst.diff, `worst ${worst.id}`).toBeLessThan(0.01);
  });

  it("the store's candidate search at the check's distances returns every asset the check flags when given all assets", async () => {
    for (const f of fixtures) {
      const flagged = new Set(checkTrench(f.trench, [...allAssets, ...seededCase.assets], rules).conflicts.map((c) => `${c.layer}/${c.assetId}`));
      const distances = candidateSearchDistances(f.trench, rules);
      const found = new Set<string>();
      for (const layer of OBSTACLE_LAYERS) {
        for (const a of await store.features.candidates(f.trench.geometry, distances[layer], [layer])) found.add(`${a.layer}/${a.id}`);
      }
      expect([...flagged].filter((id) => !found.has(id)), f.name).toEqual([]);
    }
  });
});
