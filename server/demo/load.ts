import type { LayerName } from '../domain/assets/layers.ts';
import type { Store } from '../store/index.ts';
import { holdLock } from '../store/locks.ts';
import { demoDistrict } from './district.ts';

/** The source the demo's coverage is recorded under. */
const DEMO_SOURCE = 'demo';

/**
 * Loads the demo district (layers, its coverage and planned works) into an empty store, in one transaction, and
 * returns the number of features loaded. A store that holds other data is left alone. A store that holds the demo
 * as an earlier version loaded it (before coverage and reservations existed) gets what the demo now carries and it
 * lacks — the coverage of the district and the demo reservations — so a check there does not turn into unknown
 * ground after an upgrade; nothing it holds is changed.
 */
export async function loadDemoIfEmpty(store: Store): Promise<number> {
  const { layers, works, coverage } = demoDistrict();
  if ((await store.features.count()) > 0) return completeEarlierDemo(store, layers, coverage);
  let loaded = 0;
  await store.transaction(async (tx) => {
    // Servers starting together on one empty PostgreSQL: the first loads the demo, the others find it loaded.
    await holdLock(tx.sql, 'import', DEMO_SOURCE);
    if ((await tx.features.count()) > 0) return;
    for (const [layer, assets] of Object.entries(layers) as [LayerName, (typeof layers)[LayerName]][]) {
      const result = await tx.features.insert(layer, assets);
      if (result.ok) loaded += result.created;
    }
    // The district is known ground for every layer it holds: a check there reports what is there, not unknown ground.
    await tx.coverage.replace(DEMO_SOURCE, coverage, []);
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

type Demo = ReturnType<typeof demoDistrict>;

/** Adds the demo's coverage and reservations to a store that holds the demo's streets but not them; returns the features added. */
async function completeEarlierDemo(store: Store, layers: Demo['layers'], coverage: Demo['coverage']): Promise<number> {
  const streets = layers.streets.map((s) => s.id);
  const held = await store.features.stamps('streets', streets);
  // Not the demo (or only part of it): someone's own data, which the demo must not touch.
  if (held.length !== streets.length) return 0;
  return store.transaction(async (tx) => {
    if ((await tx.coverage.countBySource(DEMO_SOURCE)).areas === 0) await tx.coverage.replace(DEMO_SOURCE, coverage, []);
    const present = new Set((await tx.features.stamps('reservations', layers.reservations.map((r) => r.id))).map((s) => s.id));
    const missing = layers.reservations.filter((r) => !present.has(r.id));
    if (missing.length === 0) return 0;
    const result = await tx.features.insert('reservations', missing);
    return result.ok ? result.created : 0;
  });
}
