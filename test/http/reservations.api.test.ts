import { describe, expect, it } from 'vitest';
import type { Asset } from '../../server/domain/assets/layers.ts';
import { serverForFile } from '../support/http.ts';

const RD = { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } } };
const { store, server } = await serverForFile('pglite', { reserveMaxSegments: 3 });
const rotterdam = await server.tokenFor('Gemeente Rotterdam', 'engineer', 'municipality');
const eneco = await server.tokenFor('Eneco', 'submitter', 'heat-company');

const strip = (id: string, properties: Record<string, unknown> = {}) => ({
  type: 'Feature',
  id,
  geometry: { type: 'Polygon', coordinates: [[[89_500, 436_000], [89_560, 436_000], [89_560, 436_002], [89_500, 436_002], [89_500, 436_000]]] },
  properties: { purpose: 'future-trees', source: 'Bomenplan 2030', valid_from: '2026-01-01', ...properties },
});
const streets = [
  { id: 'hudson-1', coordinates: [[89_400, 436_100], [89_500, 436_100]], width_m: 16 },
  { id: 'hudson-2', coordinates: [[89_500, 436_100], [89_600, 436_100]], width_m: 16 },
  { id: 'schie-1', coordinates: [[89_400, 436_300], [89_400, 436_400]], width_m: 24 },
  { id: 'far-1', coordinates: [[90_400, 437_300], [90_400, 437_400]], width_m: 12 },
].map((s): Asset => ({ type: 'Feature', id: s.id, geometry: { type: 'LineString', coordinates: s.coordinates }, properties: { name: s.id, segment_id: s.id, width_m: s.width_m, owner: 'Gemeente Rotterdam', status: 'existing', version: 1 } }));
await store.features.insert('streets', streets);

describe('the reservations layer over the layer API', () => {
  it('a municipality adds, replaces and deletes a reservation, audited at every version', async () => {
    const added = await server.call('/api/layers/reservations/features', 'POST', { type: 'FeatureCollection', ...RD, features: [strip('bomen-hudson')] }, { token: rotterdam });
    expect(added).toMatchObject({ status: 201, body: { layer: 'reservations', ids: ['bomen-hudson'], created: 1 } });
    const back = await server.call('/api/layers/reservations/features/bomen-hudson?crs=EPSG:28992');
    expect(back.body.properties).toEqual({ purpose: 'future-trees', source: 'Bomenplan 2030', valid_from: '2026-01-01', owner: 'Gemeente Rotterdam', status: 'existing', version: 1 });
    const replaced = await server.call('/api/layers/reservations/features/bomen-hudson', 'PUT', { ...strip('bomen-hudson', { valid_until: '2040-12-31', version: 1 }), ...RD }, { token: rotterdam });
    expect(replaced).toMatchObject({ status: 200, body: { properties: { valid_until: '2040-12-31', version: 2 } } });
    expect((await server.call('/api/layers/reservations/features/bomen-hudson?version=2', 'DELETE', undefined, { token: rotterdam })).status).toBe(204);
    const audit = await store.access.auditLog({ objectType: 'reservations', objectId: 'bomen-hudson' });
    expect(audit.map((a) => [a.action, a.organisation, a.before_version, a.after_version]).reverse()).toEqual([
      ['create', 'Gemeente Rotterdam', null, 1], ['update', 'Gemeente Rotterdam', 1, 2], ['delete', 'Gemeente Rotterdam', 2, null],
    ]);
  });

  it('refuses a bad reservation with the field and the reason in the reader\'s language', async () => {
    const line = { type: 'Feature', id: 'lane-1', geometry: { type: 'LineString', coordinates: [[89_500, 436_000], [89_560, 436_000]] }, properties: { purpose: 'lane', kinds: ['heat'] } };
    const bad = await server.call('/api/layers/reservations/features?lang=en', 'POST', { type: 'FeatureCollection', ...RD, features: [line] }, { token: rotterdam });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'features[0].properties.width_m', code: 'validation.reservation.line-without-width', reason: expect.stringContaining('needs width_m > 0') })]);
  });

  it('refuses a heat company writing a reservation, even its own, and changing the municipality\'s (403)', async () => {
    const own = await server.call('/api/layers/reservations/features', 'POST', { type: 'FeatureCollection', ...RD, features: [strip('eneco-lane', { purpose: 'lane', owner: 'Eneco' })] }, { token: eneco });
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('access.municipality-only');
    expect(own.body.detail).toContain('Eneco is geen gemeente');
    await server.call('/api/layers/reservations/features', 'POST', { type: 'FeatureCollection', ...RD, features: [strip('bomen-2')] }, { token: rotterdam });
    expect((await server.call('/api/layers/reservations/features/bomen-2?version=1', 'DELETE', undefined, { token: eneco })).status).toBe(403);
    expect(await store.features.get('reservations', 'eneco-lane')).toBeUndefined();
    expect((await store.features.get('reservations', 'bomen-2'))?.properties.version).toBe(1);
  });
});

describe('POST /api/reservations/generate', () => {
  it('lays a profile\'s lanes on named segments, answers them as GeoJSON (RD New on request), audited per reservation', async () => {
    const { status, body } = await server.call('/api/reservations/generate?crs=EPSG:28992', 'POST', { segments: ['hudson-1'], profile: 'residential-16m' }, { token: rotterdam });
    expect(status).toBe(200);
    expect(body).toMatchObject({ type: 'FeatureCollection', created: 11, updated: 0, unchanged: 0, removed: [], segments: [{ segment: 'hudson-1', profile: 'residential-16m', by: 'asked' }] });
    const lv = body.features.find((f: { id: string }) => f.id === 'residential-16m:hudson-1:lv-telecom:left');
    // The centreline runs east at y = 436 100; left is north, 7.3 m out (8 − 0.3 − 0.4).
    expect(lv.geometry.coordinates).toEqual([[89_400, 436_107.3], [89_500, 436_107.3]]);
    expect(lv.properties).toMatchObject({ owner: 'Gemeente Rotterdam', purpose: 'lane', kinds: ['cables'], width_m: 0.8, source: 'profile:residential-16m', version: 1 });
    const audit = await store.access.auditLog({ objectType: 'reservations', objectId: 'residential-16m:hudson-1:lv-telecom:left' });
    expect(audit.map((a) => [a.action, a.organisation, a.after_version])).toEqual([['create', 'Gemeente Rotterdam', 1]]);
  });

  it('generating twice updates in place instead of duplicating; another profile replaces the earlier lanes', async () => {
    const again = await server.call('/api/reservations/generate', 'POST', { segments: ['hudson-1'], profile: 'residential-16m' }, { token: rotterdam });
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 11 });
    expect(again.body.features[0].geometry.coordinates[0][0]).toBeCloseTo(4.4, 0);
    const count = async () => (await store.features.bySegment('reservations', ['hudson-1'])).length;
    expect(await count()).toBe(11);
    const main = await server.call('/api/reservations/generate', 'POST', { segments: ['hudson-1'], profile: 'main-24m' }, { token: rotterdam });
    expect(main.body).toMatchObject({ created: main.body.features.length, removed: expect.arrayContaining(['residential-16m:hudson-1:heat:left']) });
    expect(main.body.removed).toHaveLength(11);
    expect(await count()).toBe(main.body.features.length);
    const removedAudit = await store.access.auditLog({ objectType: 'reservations', objectId: 'residential-16m:hudson-1:heat:left' });
    expect(removedAudit.map((a) => a.action)).toEqual(['delete', 'create']);
  });

  it('takes a bbox in WGS84 by default, choosing each segment\'s profile by its width', async () => {
    const { status, body } = await server.call('/api/reservations/generate', 'POST', { bbox: [4.4331, 51.9090, 4.4375, 51.9128] }, { token: rotterdam });
    expect(status, body.detail).toBe(200);
    expect(body.segments.map((s: { segment: string; profile: string; by: string }) => [s.segment, s.profile, s.by])).toEqual([
      ['hudson-1', 'residential-16m', 'width'], ['hudson-2', 'residential-16m', 'width'], ['schie-1', 'main-24m', 'width'],
    ]);
    expect(body.features[0].geometry.coordinates[0][0]).toBeLessThan(10);
  });

  it('refuses more segments than the limit with 413 naming it, unknown segments and profiles with 400, a heat company with 403', async () => {
    const tooMany = await server.call('/api/reservations/generate', 'POST', { segments: ['hudson-1', 'hudson-2', 'schie-1', 'far-1'] }, { token: rotterdam });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body).toMatchObject({ count: 4, max: 3 });
    expect(tooMany.body.detail).toContain('more than the limit of 3');
    const unknown = await server.call('/api/reservations/generate?lang=en', 'POST', { segments: ['nowhere-1'] }, { token: rotterdam });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'segments', code: 'validation.reserve.segment-unknown', reason: expect.stringContaining('"nowhere-1" is not in layer streets') })]);
    const profile = await server.call('/api/reservations/generate?lang=en', 'POST', { segments: ['far-1'], profile: 'boulevard' }, { token: rotterdam });
    expect(profile.body.errors[0]).toMatchObject({ field: 'profile', reason: 'profile "boulevard" does not exist; choose from main-24m, residential-12m and residential-16m' });
    const none = await server.call('/api/reservations/generate', 'POST', {}, { token: rotterdam });
    expect(none.status).toBe(400);
    const heatCompany = await server.call('/api/reservations/generate', 'POST', { segments: ['far-1'] }, { token: eneco });
    expect(heatCompany).toMatchObject({ status: 403, body: { code: 'access.municipality-only' } });
    expect(await store.features.bySegment('reservations', ['far-1'])).toEqual([]);
  });

  it('is documented in the OpenAPI document with its guard', async () => {
    const { body } = await server.call('/api/openapi.json', 'GET', undefined, { token: null });
    expect(body.paths['/api/reservations/generate'].post).toMatchObject({ 'x-action': 'layers:write', tags: ['reservations'] });
  });
});
