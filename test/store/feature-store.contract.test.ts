import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Asset } from '../../server/domain/assets/layers.ts';
import { FeatureStore } from '../../server/store/feature-store.ts';
import type { Sql, Store } from '../../server/store/index.ts';
import { seeded } from '../../server/demo/seeded.ts';
import { openTestStore, storeKinds } from '../support/store.ts';

const cable = (id: string, x: number, extra: Record<string, unknown> = {}): Asset => ({
  type: 'Feature',
  id,
  geometry: { type: 'LineString', coordinates: [[x, 436_000], [x + 50, 436_000]] },
  properties: { owner: 'Stedin', status: 'existing', version: 1, network: 'lv', depth_m: 0.6, ...extra },
});

describe.each(storeKinds())('the %s store', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => store?.close());

  it('starts empty, with every layer listed', async () => {
    const summaries = await store.features.summaries();
    expect(summaries.map((s) => s.layer)).toEqual(['cables', 'pipes', 'sewers', 'heat', 'trees', 'stations', 'streets', 'reservations']);
    expect(summaries.every((s) => s.count === 0 && s.extent === null)).toBe(true);
  });

  it('stores assets with their unknown properties and reports count and extent', async () => {
    const result = await store.features.insert('cables', [cable('c1', 89_000, { kabel_code: 'K-17' }), cable('c2', 89_100)]);
    expect(result).toEqual({ ok: true, ids: ['c1', 'c2'], created: 2, updated: 0 });
    const c1 = await store.features.get('cables', 'c1');
    expect(c1?.properties).toMatchObject({ owner: 'Stedin', network: 'lv', kabel_code: 'K-17', version: 1, status: 'existing' });
    const summary = (await store.features.summaries()).find((s) => s.layer === 'cables');
    expect(summary).toEqual({ layer: 'cables', count: 2, extent: [89_000, 436_000, 89_150, 436_000] });
  });

  it('keeps the layer summaries between writes, and counts again once a layer is written or deleted from', async () => {
    const counted: string[] = [];
    const sql: Sql = {
      query: (text, params, options) => (counted.push(text), store.sql.query(text, params, options)),
      transaction: (fn) => store.sql.transaction(fn),
    };
    const features = new FeatureStore(sql);
    const first = await features.summaries();
    const statements = counted.length;
    expect(await features.summaries()).toEqual(first);
    // Unchanged versions: one lookup of them, no count over the table.
    expect(counted.length).toBe(statements + 1);
    await store.features.insert('pipes', [{ ...cable('p-sum', 91_000), properties: { owner: 'Evides', status: 'existing', version: 1, medium: 'water' } }]);
    expect((await features.summaries()).find((s) => s.layer === 'pipes')!.count).toBe(first.find((s) => s.layer === 'pipes')!.count + 1);
    await store.sql.query(`DELETE FROM features WHERE layer = 'pipes' AND id = 'p-sum'`);
    expect(await features.summaries()).toEqual(first);
  });

  it('gives an asset without an id a generated one', async () => {
    const result = await store.features.insert('cables', [cable('', 90_000)]);
    expect(result.ok && result.ids[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a whole batch when one id already exists, storing none of it', async () => {
    const before = await store.features.count('cables');
    const result = await store.features.insert('cables', [cable('c3', 89_300), cable('c1', 89_400)]);
    expect(result).toEqual({ ok: false, reason: 'id-exists', ids: ['c1'] });
    expect(await store.features.count('cables')).toBe(before);
  });

  it('upserts by id: an unchanged asset keeps its version, a changed one is bumped', async () => {
    const again = await store.features.insert('cables', [cable('c1', 89_000, { kabel_code: 'K-17' }), cable('c2', 89_100, { depth_m: 0.9 })], { upsert: true });
    expect(again).toMatchObject({ ok: true, created: 0, updated: 1 });
    expect((await store.features.get('cables', 'c1'))?.properties.version).toBe(1);
    expect((await store.features.get('cables', 'c2'))?.properties).toMatchObject({ version: 2, depth_m: 0.9 });
  });

  it('finds the features whose box meets a bbox, and no others', async () => {
    const hits = await store.features.inBbox('cables', [89_040, 435_990, 89_060, 436_010]);
    expect(hits.map((a) => a.id)).toEqual(['c1']);
  });

  it('updates with the current version and refuses a stale one, keeping the newer data', async () => {
    const current = (await store.features.get('cables', 'c1'))!;
    const moved = { ...current, properties: { ...current.properties, depth_m: 1.1 } };
    const first = await store.features.update('cables', 'c1', moved, 1);
    expect(first.ok && first.asset.properties).toMatchObject({ version: 2, depth_m: 1.1 });
    const stale = await store.features.update('cables', 'c1', { ...current, properties: { ...current.properties, depth_m: 0.3 } }, 1);
    expect(stale).toMatchObject({ ok: false, reason: 'stale-version', current: { properties: { version: 2, depth_m: 1.1 } } });
    expect(await store.features.update('cables', 'nope', moved, 1)).toEqual({ ok: false, reason: 'not-found' });
  });

  it('deletes only with the current version', async () => {
    expect(await store.features.remove('cables', 'c2', 1)).toMatchObject({ ok: false, reason: 'stale-version' });
    expect(await store.features.remove('cables', 'c2', 2)).toMatchObject({ ok: true });
    expect(await store.features.get('cables', 'c2')).toBeUndefined();
  });

  it('returns candidates of every layer within a distance of a geometry, with their layer', async () => {
    await store.features.insert('pipes', [{
      type: 'Feature', id: 'w1',
      geometry: { type: 'LineString', coordinates: [[89_000, 436_001.5], [89_050, 436_001.5]] },
      properties: { owner: 'Evides', status: 'existing', version: 1, medium: 'water' },
    }]);
    const trench = { type: 'LineString' as const, coordinates: [[89_010, 436_003], [89_020, 436_003]] };
    const near = await store.features.candidates(trench, 2);
    expect(near.map((a) => `${a.layer}/${a.id}`).sort()).toEqual(['pipes/w1']);
    const wider = await store.features.candidates(trench, 3.01);
    expect(wider.map((a) => `${a.layer}/${a.id}`).sort()).toEqual(['cables/c1', 'pipes/w1']);
  });

  it('returns candidates at a distance per layer along a long bent trench and inside a footprint, each once', async () => {
    // A 400 m L-shaped trench, cut into pieces by the search: the cable far along it and the tree at the bend count.
    const trench = { type: 'LineString' as const, coordinates: [[88_000, 437_000], [88_300, 437_000], [88_300, 437_100]] };
    await store.features.insert('cables', [
      { ...cable('far1', 0), geometry: { type: 'LineString', coordinates: [[88_240, 437_004.2], [88_290, 437_004.2]] } },
      { ...cable('far2', 0), geometry: { type: 'LineString', coordinates: [[88_100, 437_004], [88_150, 437_004]] } },
    ]);
    await store.features.insert('trees', [{ type: 'Feature', id: 't1', geometry: { type: 'Point', coordinates: [88_310, 437_010] }, properties: { owner: 'Gemeente', status: 'existing', version: 1 } }]);
    const near = await store.features.candidatesPerLayer(trench, { cables: 3, trees: 12 });
    expect(near.map((a) => `${a.layer}/${a.id}`).sort()).toEqual(['trees/t1']);
    const wider = await store.features.candidatesPerLayer(trench, { cables: 4.5, trees: 5 });
    expect(wider.map((a) => `${a.layer}/${a.id}`).sort()).toEqual(['cables/far1', 'cables/far2']);
    const footprint = { type: 'Polygon' as const, coordinates: [[[88_090, 436_990], [88_200, 436_990], [88_200, 437_010], [88_090, 437_010], [88_090, 436_990]]] };
    const inside = await store.features.candidatesPerLayer(footprint, { cables: 0 });
    expect(inside.map((a) => a.id)).toEqual(['far2']);
    expect(inside[0]).toMatchObject({ layer: 'cables', properties: { owner: 'Stedin', version: 1, network: 'lv' } });
  });

  it('returns along a diagonal, bent route the same candidates, in layer and id order, as a plain ST_DWithin per layer', async () => {
    // Cut into corridor pieces (diagonal legs into many), so an asset near a cut or near two pieces must still come once.
    const route = { type: 'LineString' as const, coordinates: [[95_000, 440_000], [95_400, 440_300], [95_500, 440_000]] };
    const distances = { cables: 2.5, pipes: 3.5, trees: 20.5 };
    const r = seeded(16);
    const near = (): [number, number] => {
      const t = r(), leg = r() < 0.6 ? 0 : 1;
      const [a, b] = [route.coordinates[leg]!, route.coordinates[leg + 1]!];
      return [a[0]! + (b[0]! - a[0]!) * t + (r() - 0.5) * 50, a[1]! + (b[1]! - a[1]!) * t + (r() - 0.5) * 50];
    };
    const lines = (layer: 'cables' | 'pipes', n: number): Asset[] => Array.from({ length: n }, (_, k) => {
      const [x, y] = near();
      return { type: 'Feature', id: `${layer[0]}-diag-${k}`, geometry: { type: 'LineString', coordinates: [[x, y], [x + (r() - 0.5) * 30, y + (r() - 0.5) * 30]] }, properties: { owner: 'Stedin', status: 'existing', version: 1, depth_m: 0.7 } };
    });
    await store.features.insert('cables', lines('cables', 150));
    await store.features.insert('pipes', lines('pipes', 150));
    await store.features.insert('trees', Array.from({ length: 150 }, (_, k) => ({ type: 'Feature', id: `t-diag-${k}`, geometry: { type: 'Point', coordinates: near() }, properties: { owner: 'Gemeente', status: 'existing', version: 1 } })));
    const found = await store.features.candidatesPerLayer(route, distances);
    const expected = await store.sql.query<{ layer: string; id: string }>(
      `SELECT layer, id FROM features
        WHERE ST_DWithin(geom, ST_GeomFromText('LINESTRING(95000 440000, 95400 440300, 95500 440000)', 28992),
                         CASE layer WHEN 'cables' THEN 2.5 WHEN 'pipes' THEN 3.5 WHEN 'trees' THEN 20.5 END)
        ORDER BY layer, id`,
    );
    expect(expected.length).toBeGreaterThan(60);
    expect(found.map((a) => `${a.layer}/${a.id}`)).toEqual(expected.map((e) => `${e.layer}/${e.id}`));
    const first = found.find((a) => a.layer === 'cables')!;
    expect(first).toEqual({ ...(await store.features.get('cables', first.id)), layer: 'cables' });
  });

  it('rolls back a transaction that fails half-way', async () => {
    const before = await store.features.count();
    await expect(
      store.db.transaction(async (tx) => {
        await tx.query(`INSERT INTO features (layer, id, owner, status, geom) VALUES ('cables', 'tx1', 'x', 'existing', ST_GeomFromText('POINT(89000 436000)', 28992))`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.features.count()).toBe(before);
  });
});
