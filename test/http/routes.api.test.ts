import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../server/demo/load.ts';
import { RD_NEW, WGS84, transformGeometry } from '../../server/geo/crs.ts';
import type { Store } from '../../server/store/index.ts';
import { type TestServer, startTestServer } from '../support/http.ts';
import { openTestStore, storeKinds } from '../support/store.ts';

// A heat route along Hudsonstraat, 0.6 m from the demo district's water main: the check blocks it.
const along = { type: 'LineString' as const, coordinates: [[89_446.95, 435_800], [89_446.95, 436_000]] };
// A short stretch of a back street with nothing close by, as a company would redesign it.
const elsewhere = { type: 'LineString' as const, coordinates: [[89_520, 435_730], [89_540, 435_730]] };
const route = (geometry: object, properties: object = {}) => ({
  type: 'Feature',
  crs: { type: 'name', properties: { name: 'EPSG:28992' } },
  geometry,
  properties: { width_m: 0.6, depth_m: 1.0, preferred_start: '2027-03-01', ...properties },
});

describe.each(storeKinds())('heat-route submissions on the %s store', (kind) => {
  let store: Store;
  let server: TestServer;
  let eneco: string;
  let vattenfall: string;
  let engineer: string;
  beforeAll(async () => {
    store = await openTestStore(kind);
    await loadDemoIfEmpty(store);
    server = await startTestServer(store);
    eneco = await server.tokenFor('Eneco', 'submitter', 'heat-company');
    vattenfall = await server.tokenFor('Vattenfall', 'submitter', 'heat-company');
    engineer = await server.tokenFor('Gemeente Rotterdam', 'engineer', 'municipality');
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  const submit = (body: object, token = eneco, query = '') => server.call(`/api/routes${query}`, 'POST', body, { token });

  it('when a heat company submits a route, stores it as submitted with its check report at once', async () => {
    const { status, body } = await submit({ name: 'Tracé Hudsonstraat', feature: route(along) }, eneco, '?crs=EPSG:28992');
    expect(status).toBe(201);
    expect(body).toMatchObject({ name: 'Tracé Hudsonstraat', owner: 'Eneco', status: 'submitted', version: 1 });
    const water = body.report.conflicts.find((c: { assetId: string }) => c.assetId === 'water-hudsonstraat');
    expect(water).toMatchObject({ rule: 'horizontal-clearance', severity: 'blocking', measured_m: 0.595, required_m: 1 });
    expect(body.feature.geometry).toEqual(along);
  });

  it('answers the route report with message codes and explanations in the asked language', async () => {
    const { body } = await submit({ name: 'Tracé Hudsonstraat en', feature: route(along) }, eneco, '?crs=EPSG:28992&lang=en');
    const water = body.report.conflicts.find((c: { assetId: string }) => c.assetId === 'water-hudsonstraat');
    expect(water.message).toMatchObject({ code: 'check.clearance.too-close', params: { measured_m: 0.595, required_m: 1 } });
    expect(water.explanation).toMatch(/^The heat trench runs 0\.60 m edge to edge from drinking-water pipe water-hudsonstraat \(Evides\)/);
    const read = await server.call(`/api/routes/${body.id}?crs=EPSG:28992`, 'GET', undefined, { token: eneco });
    const dutch = read.body.report.conflicts.find((c: { assetId: string }) => c.assetId === 'water-hudsonstraat');
    expect(dutch.message).toEqual(water.message);
    expect(dutch.explanation).toMatch(/^De sleuf voor warmte ligt op 0,60 m \(rand tot rand\) van drinkwaterleiding water-hudsonstraat \(Evides\)/);
  });

  it('answers in WGS84 by default and defaults the kind of a route to heat', async () => {
    const wgs = transformGeometry(elsewhere, RD_NEW, WGS84);
    const { status, body } = await submit({ name: 'Tracé achterstraat', feature: { type: 'Feature', geometry: wgs, properties: { width_m: 0.6, depth_m: 1 } } });
    expect(status).toBe(201);
    expect(body.feature.properties.kind).toBe('heat');
    expect(body.feature.geometry.coordinates[0][0]).toBeCloseTo(wgs.coordinates[0]![0]!, 7);
  });

  it('refuses a route without a name or with a bad geometry, naming the field, and stores nothing', async () => {
    const before = (await store.routes.list()).length;
    const noName = await submit({ feature: route(along) });
    expect(noName.status).toBe(400);
    expect(noName.type).toContain('application/problem+json');
    expect(noName.body.detail).toContain('name');
    const polygon = await submit({ name: 'vlak', feature: route({ type: 'Polygon', coordinates: [[[89_500, 435_900], [89_510, 435_900], [89_510, 435_910], [89_500, 435_900]]] }) });
    expect(polygon.status).toBe(400);
    expect(polygon.body.detail).toContain('LineString');
    const tooWide = await submit({ name: 'breed', feature: route(along, { width_m: 60 }) });
    expect(tooWide.status).toBe(400);
    expect(tooWide.body.errors[0].field).toBe('feature.properties.width_m');
    expect((await store.routes.list()).length).toBe(before);
  });

  it("shows a heat company only its own routes, and refuses another company's route with 403", async () => {
    const { body: mine } = await submit({ name: 'Tracé Vattenfall', feature: route(elsewhere) }, vattenfall);
    const listed = await server.call('/api/routes', 'GET', undefined, { token: eneco });
    expect(listed.body.routes.length).toBeGreaterThan(0);
    expect(listed.body.routes.every((r: { owner: string }) => r.owner === 'Eneco')).toBe(true);
    expect((await server.call(`/api/routes/${mine.id}`, 'GET', undefined, { token: eneco })).status).toBe(403);
    const resubmit = await server.call(`/api/routes/${mine.id}/resubmit`, 'POST', { feature: route(elsewhere), version: 1 }, { token: eneco });
    expect(resubmit.status).toBe(403);
    const all = await server.call('/api/routes', 'GET', undefined, { token: engineer });
    expect(new Set(all.body.routes.map((r: { owner: string }) => r.owner))).toEqual(new Set(['Eneco', 'Vattenfall']));
  });

  it('lets only the municipality decide, and needs a reason to reject', async () => {
    const { body } = await submit({ name: 'Tracé te beoordelen', feature: route(along) });
    expect((await server.call(`/api/routes/${body.id}/decision`, 'POST', { decision: 'approved' }, { token: eneco })).status).toBe(403);
    const noReason = await server.call(`/api/routes/${body.id}/decision`, 'POST', { decision: 'rejected' }, { token: engineer });
    expect(noReason.status).toBe(400);
    expect(noReason.body.detail).toContain('reason');
    const rejected = await server.call(`/api/routes/${body.id}/decision`, 'POST', { decision: 'rejected', reason: 'binnen 1 m van de drinkwaterleiding', version: 1 }, { token: engineer });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', decision_reason: 'binnen 1 m van de drinkwaterleiding' });
    const again = await server.call(`/api/routes/${body.id}/decision`, 'POST', { decision: 'approved' }, { token: engineer });
    expect(again.status).toBe(409);
  });

  it('keeps the history when a rejected route is resubmitted, and turns an approved one into a planned heat feature and a heat work', async () => {
    const { body: first } = await submit({ name: 'Tracé v1', feature: route(along) });
    await server.call(`/api/routes/${first.id}/decision`, 'POST', { decision: 'rejected', reason: 'te dicht bij water', version: 1 }, { token: engineer });
    const second = await server.call(`/api/routes/${first.id}/resubmit?crs=EPSG:28992`, 'POST', { name: 'Tracé v2', feature: route(elsewhere), version: 1 }, { token: eneco });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ status: 'submitted', version: 2, name: 'Tracé v2' });
    expect(second.body.report.summary.bySeverity.blocking).toBe(0);
    const stale = await server.call(`/api/routes/${first.id}/resubmit`, 'POST', { feature: route(elsewhere), version: 1 }, { token: eneco });
    expect(stale.status).toBe(409);

    const approved = await server.call(`/api/routes/${first.id}/decision`, 'POST', { decision: 'approved', version: 2 }, { token: engineer });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');

    const { body: read } = await server.call(`/api/routes/${first.id}`, 'GET', undefined, { token: eneco });
    expect(read.history.map((e: { event: string; version: number }) => `${e.event}@${e.version}`)).toEqual(['submitted@1', 'rejected@1', 'submitted@2', 'approved@2']);
    // Each version keeps what its own check found: the first was blocked by the water main, the second was not.
    expect(read.versions.map((v: { version: number; actor: string; summary: { bySeverity: { blocking: number } } }) => [v.version, v.actor, v.summary.bySeverity.blocking > 0])).toEqual([[1, 'Eneco', true], [2, 'Eneco', false]]);

    const planned = await store.features.get('heat', `route-${first.id}`);
    expect(planned?.properties).toMatchObject({ owner: 'Eneco', status: 'planned', depth_m: 1, width_m: 0.6 });
    expect(planned?.geometry).toEqual(elsewhere);
    const work = await store.works.bySource(`route:${first.id}`);
    expect(work?.properties).toMatchObject({ type: 'heat', owner: 'Eneco', preferred_start: '2027-03-01', depth_m: 1 });

    const audited = await store.access.auditLog({ objectType: 'route', objectId: first.id });
    expect(audited.map((a) => a.action).sort()).toEqual(['approve', 'reject', 'resubmit', 'submit']);
  });

  it('answers 404 for a route that does not exist', async () => {
    const missing = await server.call('/api/routes/00000000-0000-4000-8000-000000000000', 'GET', undefined, { token: engineer });
    expect(missing.status).toBe(404);
    expect((await server.call('/api/routes/not-an-id', 'GET', undefined, { token: engineer })).status).toBe(404);
  });
});
