import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFeatures, removeFeature, replaceFeature } from '../../server/app/layers.ts';
import type { Principal } from '../../server/domain/access/policy.ts';
import { RD_NEW } from '../../server/geo/crs.ts';
import type { Store } from '../../server/store/index.ts';
import { openTestStore } from '../support/store.ts';

const principal = (organisation: string, role: Principal['role'], organisationKind: Principal['organisationKind']): Principal => ({ tokenId: `token-${organisation}-${role}`, organisation, organisationKind, role });
const stedin = principal('Stedin', 'submitter', 'grid-operator');
const eneco = principal('Eneco', 'submitter', 'heat-company');
const cable = (id: string, properties: Record<string, unknown> = {}) => ({
  type: 'Feature',
  id,
  geometry: { type: 'LineString', coordinates: [[89_500, 436_000], [89_510, 436_000]] },
  properties: { owner: 'Stedin', network: 'lv', ...properties },
});
const collection = (...features: object[]) => ({ type: 'FeatureCollection', features });

/** Every value a use case answers must cross a worker boundary unchanged. */
const plain = <T>(value: T): T => {
  expect(structuredClone(value)).toEqual(value);
  return value;
};

let store: Store;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(async () => store?.close());

describe('the layer use cases', () => {
  it('adds a collection for the caller, audited, and refuses a taken id with nothing stored', async () => {
    const added = plain(await addFeatures(store, stedin, { layer: 'cables', collection: collection(cable('c-1'), cable('c-2')), crs: RD_NEW, limits: {} }));
    expect(added).toEqual({ ok: true, ids: ['c-1', 'c-2'], created: 2 });
    expect((await store.access.auditLog({ objectType: 'cables', objectId: 'c-1' })).map((a) => [a.action, a.organisation, a.after_version])).toEqual([['create', 'Stedin', 1]]);
    const again = plain(await addFeatures(store, stedin, { layer: 'cables', collection: collection(cable('c-3'), cable('c-1')), crs: RD_NEW, limits: {} }));
    expect(again).toEqual({ ok: false, reason: 'id-exists', ids: ['c-1'] });
    expect(await store.features.get('cables', 'c-3')).toBeUndefined();
  });

  it('answers bad features and an owner the caller may not write for as values', async () => {
    const bad = plain(await addFeatures(store, stedin, { layer: 'cables', collection: collection(cable('c-bad', { network: 'warp' })), crs: RD_NEW, limits: {} }));
    expect(bad).toMatchObject({ ok: false, reason: 'invalid', errors: [{ field: 'features[0].properties.network' }] });
    const foreign = plain(await addFeatures(store, eneco, { layer: 'cables', collection: collection(cable('c-en')), crs: RD_NEW, limits: {} }));
    expect(foreign).toMatchObject({ ok: false, reason: 'forbidden', refusal: { code: 'access.own-only', params: expect.objectContaining({ owner: 'Stedin' }) } });
    expect(await store.features.get('cables', 'c-en')).toBeUndefined();
  });

  it('refuses another organisation’s feature against the STORED owner, even when the sent owner is its own', async () => {
    await addFeatures(store, stedin, { layer: 'cables', collection: collection(cable('c-own')), crs: RD_NEW, limits: {} });
    const takeover = plain(await replaceFeature(store, eneco, { layer: 'cables', id: 'c-own', feature: cable('c-own', { owner: 'Eneco', version: 1 }), crs: RD_NEW, version: 1, limits: {} }));
    expect(takeover).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(plain(await removeFeature(store, eneco, { layer: 'cables', id: 'c-own', version: 1 }))).toMatchObject({ ok: false, reason: 'forbidden' });
    expect((await store.features.get('cables', 'c-own'))?.properties).toMatchObject({ owner: 'Stedin', version: 1 });
  });

  it('replaces at the version read, audited; a stale version answers the newer feature; remove follows the same rules', async () => {
    await addFeatures(store, stedin, { layer: 'cables', collection: collection(cable('c-v')), crs: RD_NEW, limits: {} });
    const replaced = plain(await replaceFeature(store, stedin, { layer: 'cables', id: 'c-v', feature: cable('c-v', { network: 'mv', version: 1 }), crs: RD_NEW, version: 1, limits: {} }));
    expect(replaced).toMatchObject({ ok: true, asset: { id: 'c-v', properties: { network: 'mv', version: 2 } } });
    const stale = plain(await replaceFeature(store, stedin, { layer: 'cables', id: 'c-v', feature: cable('c-v', { version: 1 }), crs: RD_NEW, version: 1, limits: {} }));
    expect(stale).toMatchObject({ ok: false, reason: 'stale-version', current: { properties: { network: 'mv', version: 2 } } });
    expect(plain(await removeFeature(store, stedin, { layer: 'cables', id: 'c-v', version: 1 }))).toMatchObject({ ok: false, reason: 'stale-version' });
    expect(await removeFeature(store, stedin, { layer: 'cables', id: 'c-v', version: 2 })).toEqual({ ok: true });
    expect(await removeFeature(store, stedin, { layer: 'cables', id: 'c-v', version: 2 })).toEqual({ ok: false, reason: 'not-found' });
    const audited = await store.access.auditLog({ objectType: 'cables', objectId: 'c-v' });
    expect(audited.map((a) => [a.action, a.before_version, a.after_version]).reverse()).toEqual([['create', null, 1], ['update', 1, 2], ['delete', 2, null]]);
  });
});
