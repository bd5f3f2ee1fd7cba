import type { LayerName } from '../domain/assets/layers.ts';
import type { Store } from '../store/index.ts';
import { demoDistrict } from './district.ts';

/**
 * Loads the demo district (layers, its coverage and planned works) into an empty store, in one transaction. A store that holds any feature is left alone.
 * Returns the number of features loaded (0 when the store was not empty).
 */
export async function loadDemoIfEmpty(store: Store): Promise<number> {
  if ((await store.features.count()) > 0) return 0;
  const { layers, works, coverage } = demoDistrict();
  let loaded = 0;
  await store.transaction(async (tx) => {
    for (const [layer, assets] of Object.entries(layers) as [LayerName, (typeof layers)[LayerName]][]) {
      const result = await tx.features.insert(layer, assets);
      if (result.ok) loaded += result.created;
    }
    // The district is known ground for every layer it holds: a check there reports what is there, not unknown ground.
    await tx.coverage.replace('demo', coverage, []);
    // The planner's programme for the district: the ten demo works, when no work is stored yet.
    if ((await tx.works.count()) === 0) {
      for (const { id, description, street, ...work } of works) {
        const { geometry, ...properties } = work;
        await tx.works.create({ type: 'Feature', id, geometry, properties: { ...properties, name: description, street, version: 1 } });
      }
    }
  });
  return loaded;
}
