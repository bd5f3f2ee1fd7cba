import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorks, deleteWork, updateWork } from '../../server/app/works.ts';
import type { Principal } from '../../server/domain/access/policy.ts';
import { RD_NEW } from '../../server/geo/crs.ts';
import type { Store } from '../../server/store/index.ts';
import { openTestStore } from '../support/store.ts';

const principal = (organisation: string, role: Principal['role'], organisationKind: Principal['organisationKind']): Principal => ({ tokenId: `token-${organisation}-${role}`, organisation, organisationKind, role });
const stedin = principal('Stedin', 'submitter', 'grid-operator');
const eneco = principal('Eneco', 'submitter', 'heat-company');
const limits = { maxFeatures: 100, maxCoordinates: 10_000 };
const work = (id: string, properties: Record<string, unknown> = {}) => ({
  type: 'Feature',
  id,
  geometry: { type: 'LineString', coordinates: [[89_455, 435_740], [89_455, 435_890]] },
  properties: { type: 'cables', owner: 'Stedin', earliest_start: '2027-01-01', latest_end: '2027-12-31', preferred_start: '2027-03-01', depth_m: 0.8, ...properties },
});

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

describe('the works use cases', () => {
  it('creates works for the caller, audited, and refuses a taken id with nothing stored', async () => {
    const created = plain(await createWorks(store, stedin, { works: { type: 'FeatureCollection', features: [work('st-1'), work('st-2')] }, crs: RD_NEW, limits }));
    expect(created).toEqual({ ok: true, ids: ['st-1', 'st-2'] });
    expect((await store.access.auditLog({ objectType: 'work', objectId: 'st-1' })).map((a) => [a.action, a.organisation, a.after_version])).toEqual([['create', 'Stedin', 1]]);
    const again = plain(await createWorks(store, stedin, { works: { type: 'FeatureCollection', features: [work('st-3'), work('st-1')] }, crs: RD_NEW, limits }));
    expect(again).toEqual({ ok: false, reason: 'id-exists', ids: ['st-1'] });
    expect(await store.works.get('st-3')).toBeUndefined();
  });

  it('answers bad works and an owner the caller may not write for as values', async () => {
    const bad = plain(await createWorks(store, stedin, { works: work('st-bad', { depth_m: 'deep' }), crs: RD_NEW, limits }));
    expect(bad).toMatchObject({ ok: false, reason: 'invalid', errors: [{ field: 'properties.depth_m' }] });
    const foreign = plain(await createWorks(store, eneco, { works: work('en-1'), crs: RD_NEW, limits }));
    expect(foreign).toMatchObject({ ok: false, reason: 'forbidden', refusal: { code: 'access.own-only', params: expect.objectContaining({ owner: 'Stedin' }) } });
    expect(await store.works.get('en-1')).toBeUndefined();
  });

  it('refuses another organisation’s work against the STORED owner, even when the sent owner is its own', async () => {
    await createWorks(store, stedin, { works: work('st-own'), crs: RD_NEW, limits });
    const takeover = plain(await updateWork(store, eneco, { id: 'st-own', work: work('st-own', { owner: 'Eneco', version: 1 }), crs: RD_NEW, version: 1, maxCoordinates: 10_000 }));
    expect(takeover).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(plain(await deleteWork(store, eneco, { id: 'st-own', version: 1 }))).toMatchObject({ ok: false, reason: 'forbidden' });
    expect((await store.works.get('st-own'))?.properties).toMatchObject({ owner: 'Stedin', version: 1 });
  });

  it('updates at the version read, audited; a stale version answers the newer work; delete follows the same rules', async () => {
    await createWorks(store, stedin, { works: work('st-v'), crs: RD_NEW, limits });
    const updated = plain(await updateWork(store, stedin, { id: 'st-v', work: work('st-v', { depth_m: 1.2, version: 1 }), crs: RD_NEW, version: 1, maxCoordinates: 10_000 }));
    expect(updated).toMatchObject({ ok: true, work: { id: 'st-v', properties: { depth_m: 1.2, version: 2 } } });
    const stale = plain(await updateWork(store, stedin, { id: 'st-v', work: work('st-v', { version: 1 }), crs: RD_NEW, version: 1, maxCoordinates: 10_000 }));
    expect(stale).toMatchObject({ ok: false, reason: 'stale-version', current: { properties: { version: 2, depth_m: 1.2 } } });
    expect(plain(await deleteWork(store, stedin, { id: 'st-v', version: 1 }))).toMatchObject({ ok: false, reason: 'stale-version' });
    expect(await deleteWork(store, stedin, { id: 'st-v', version: 2 })).toEqual({ ok: true });
    expect(await deleteWork(store, stedin, { id: 'st-v', version: 2 })).toEqual({ ok: false, reason: 'not-found' });
    const audited = await store.access.auditLog({ objectType: 'work', objectId: 'st-v' });
    expect(audited.map((a) => [a.action, a.before_version, a.after_version]).reverse()).toEqual([['create', null, 1], ['update', 1, 2], ['delete', 2, null]]);
  });
});
