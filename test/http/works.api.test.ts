import { describe, expect, it } from 'vitest';
import { serverForFile } from '../support/http.ts';

const RD = { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } } };
const sewer = (id: string, extra: Record<string, unknown> = {}) => ({
  type: 'Feature',
  id,
  geometry: { type: 'LineString', coordinates: [[89_455, 435_740], [89_455, 435_890]] },
  properties: { type: 'sewer', earliest_start: '2027-01-01', latest_end: '2027-12-31', preferred_start: '2027-03-01', depth_m: 2.5, ...extra },
});

const { store, server } = await serverForFile('pglite');

describe('the works API', () => {
  it('stores RD New works with the caller organisation as owner and answers their ids, audited', async () => {
    const posted = await server.call('/api/works', 'POST', { type: 'FeatureCollection', ...RD, features: [sewer('w-1'), sewer('w-2', { type: 'cables' })] });
    expect(posted.status).toBe(201);
    expect(posted.body).toEqual({ ids: ['w-1', 'w-2'] });
    const back = await server.call('/api/works/w-1?crs=EPSG:28992');
    expect(back.body.geometry.coordinates).toEqual([[89_455, 435_740], [89_455, 435_890]]);
    expect(back.body.properties).toMatchObject({ type: 'sewer', owner: 'Gemeente Rotterdam', version: 1, depth_m: 2.5 });
    const audit = await store.access.auditLog({ objectType: 'work', objectId: 'w-1' });
    expect(audit).toMatchObject([{ action: 'create', after_version: 1, organisation: 'Gemeente Rotterdam' }]);
  });

  it('accepts a single WGS84 Feature and answers in WGS84 by default', async () => {
    const feature = { type: 'Feature', geometry: { type: 'LineString', coordinates: [[4.4353, 51.9086], [4.4363, 51.9086]] }, properties: { type: 'gas', duration_days: 4 } };
    const posted = await server.call('/api/works', 'POST', feature);
    expect(posted.status).toBe(201);
    const back = await server.call(`/api/works/${posted.body.ids[0]}`);
    expect(back.body.geometry.coordinates[0][0]).toBeCloseTo(4.4353, 6);
    const list = await server.call('/api/works');
    expect(list.body.works.map((w: { id: string }) => w.id)).toContain(posted.body.ids[0]);
  });

  it('rejects bad works with 400 listing each by index, and stores none of them', async () => {
    const before = (await server.call('/api/works')).body.works.length;
    const { status, type, body } = await server.call('/api/works?lang=en', 'POST', {
      type: 'FeatureCollection',
      ...RD,
      features: [sewer('ok'), sewer('bad-type', { type: 'tunnel' }), sewer('inverted', { earliest_start: '2028-01-01', latest_end: '2027-01-01', preferred_start: undefined }), sewer('bad-date', { latest_end: '2027-02-30' })],
    });
    expect(status).toBe(400);
    expect(type).toContain('application/problem+json');
    expect(body.detail).toMatch(/^3 works could not be accepted; nothing was stored: /);
    expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['features[1].properties.type', 'features[2].properties.earliest_start', 'features[3].properties.latest_end']);
    expect(body.errors[0]).toMatchObject({ code: 'validation.not-one-of', params: { value: '"tunnel"', allowed: expect.arrayContaining(['sewer', 'heat']) } });
    expect(body.errors[0].reason).toContain('"tunnel" is not allowed; use one of sewer, heat');
    expect(body.errors[1].reason).toContain('earliest_start 2028-01-01 is after latest_end 2027-01-01');
    expect(body.errors[2].reason).toContain('"2027-02-30" is not valid (must be a calendar date');
    expect((await server.call('/api/works')).body.works.length).toBe(before);
  });

  it('replaces a work at its version and answers 409 with the current work on a stale version', async () => {
    const first = await server.call('/api/works/w-1?crs=EPSG:28992', 'PUT', { ...sewer('w-1', { version: 1, duration_days: 12 }), ...RD });
    expect(first.status).toBe(200);
    expect(first.body.properties).toMatchObject({ version: 2, duration_days: 12 });
    const stale = await server.call('/api/works/w-1', 'PUT', { ...sewer('w-1', { version: 1 }), ...RD });
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toContain('work w-1 is at version 2, not 1');
    expect(stale.body.current.properties.version).toBe(2);
    const audit = await store.access.auditLog({ objectType: 'work', objectId: 'w-1' });
    expect(audit[0]).toMatchObject({ action: 'update', before_version: 1, after_version: 2 });
  });

  it('refuses a submitter changing another organisation\'s work, and lets it add its own', async () => {
    const eneco = await server.tokenFor('Eneco', 'submitter', 'heat-company');
    const other = await server.call('/api/works/w-2', 'PUT', { ...sewer('w-2', { version: 1 }), ...RD }, { token: eneco });
    expect(other.status).toBe(403);
    const own = await server.call('/api/works', 'POST', { ...sewer('eneco-heat', { type: 'heat' }), ...RD }, { token: eneco });
    expect(own.status).toBe(201);
    expect((await server.call('/api/works/eneco-heat')).body.properties.owner).toBe('Eneco');
    const forged = await server.call('/api/works', 'POST', { ...sewer('forged', { owner: 'Stedin' }), ...RD }, { token: eneco });
    expect(forged.status).toBe(403);
  });

  it('answers 409 for an id that exists and 404 for an unknown one', async () => {
    expect((await server.call('/api/works', 'POST', { ...sewer('w-1'), ...RD })).status).toBe(409);
    expect((await server.call('/api/works/nope')).status).toBe(404);
  });

  it('deletes at the version last read, 409 when stale, 400 without a version', async () => {
    expect((await server.call('/api/works/w-2')).body.properties.version).toBe(1);
    expect((await server.call('/api/works/w-2', 'DELETE')).status).toBe(400);
    expect((await server.call('/api/works/w-2?version=7', 'DELETE')).status).toBe(409);
    expect((await server.call('/api/works/w-2?version=1', 'DELETE')).status).toBe(204);
    expect((await server.call('/api/works/w-2')).status).toBe(404);
  });
});

describe('the source of a work that an approved route brings (regression: route source hijack)', () => {
  const heatRoute = { type: 'Feature', ...RD, geometry: { type: 'LineString', coordinates: [[89_520, 435_730], [89_540, 435_730]] }, properties: { width_m: 0.6, depth_m: 1 } };

  it('refuses a new work that names a route as its source, or takes the id of a route\'s work, and stores nothing', async () => {
    const stedin = await server.tokenFor('Stedin', 'submitter', 'other');
    const before = await store.works.count();
    const labelled = await server.call('/api/works', 'POST', { ...sewer('stedin-1', { type: 'cables', source: 'route:00000000-0000-4000-8000-000000000001' }), ...RD }, { token: stedin });
    expect(labelled.status).toBe(400);
    expect(labelled.body.errors).toMatchObject([{ field: 'properties.source', code: 'validation.work.source-server-set' }]);
    const squatted = await server.call('/api/works', 'POST', { type: 'FeatureCollection', ...RD, features: [sewer('fine'), sewer('work-route-00000000-0000-4000-8000-000000000001')] }, { token: stedin });
    expect(squatted.status).toBe(400);
    expect(squatted.body.errors).toMatchObject([{ field: 'features[1].id', code: 'validation.work.id-reserved' }]);
    expect(await store.works.count()).toBe(before);
  });

  it('lets the owner update its route work with the source unchanged, and refuses changing it or setting one', async () => {
    const eneco = await server.tokenFor('Eneco', 'submitter', 'heat-company');
    const submitted = await server.call('/api/routes', 'POST', { name: 'Tracé achterstraat', feature: heatRoute }, { token: eneco });
    expect(submitted.status).toBe(201);
    const decided = await server.call(`/api/routes/${submitted.body.id}/decision`, 'POST', { decision: 'approved' });
    expect(decided.status).toBe(200);
    const id = `work-route-${submitted.body.id}`;
    const work = (await server.call(`/api/works/${id}?crs=EPSG:28992`)).body;
    expect(work.properties).toMatchObject({ owner: 'Eneco', source: `route:${submitted.body.id}`, version: 1 });
    const kept = await server.call(`/api/works/${id}?crs=EPSG:28992`, 'PUT', { ...work, properties: { ...work.properties, duration_days: 9 } }, { token: eneco });
    expect(kept.status).toBe(200);
    const changed = await server.call(`/api/works/${id}?crs=EPSG:28992`, 'PUT', { ...work, properties: { ...work.properties, version: 2, source: 'eigen planning' } }, { token: eneco });
    expect(changed.status).toBe(400);
    expect(changed.body.errors).toMatchObject([{ field: 'properties.source', code: 'validation.work.source-server-kept' }]);
    const set = await server.call('/api/works/eneco-heat?crs=EPSG:28992', 'PUT', { ...sewer('eneco-heat', { type: 'heat', version: 1, source: `route:${submitted.body.id}` }), ...RD }, { token: eneco });
    expect(set.status).toBe(400);
    expect((await store.works.get(id))?.properties).toMatchObject({ source: `route:${submitted.body.id}`, version: 2 });
  });

  it('when a stored work of another company carries a route\'s source, approving the route leaves that work alone', async () => {
    const vattenfall = await server.tokenFor('Vattenfall', 'submitter', 'heat-company');
    const submitted = await server.call('/api/routes', 'POST', { name: 'Tracé Vattenfall', feature: heatRoute }, { token: vattenfall });
    expect(submitted.status).toBe(201);
    // As a work stored before the API refused such a source would be.
    const planted = await store.works.create({ ...sewer('stedin-planted', { type: 'cables', owner: 'Stedin', source: `route:${submitted.body.id}`, version: 1 }), id: 'stedin-planted' } as never);
    expect((await server.call(`/api/routes/${submitted.body.id}/decision`, 'POST', { decision: 'approved' })).status).toBe(200);
    expect((await store.works.get(planted.id))?.properties).toMatchObject({ owner: 'Stedin', type: 'cables', version: 1 });
    expect((await store.works.get(`work-route-${submitted.body.id}`))?.properties).toMatchObject({ owner: 'Vattenfall', type: 'heat' });
  });
});
