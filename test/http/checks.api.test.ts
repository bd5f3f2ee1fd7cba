import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../server/demo/load.ts';
import { RD_NEW, WGS84, transformGeometry } from '../../server/geo/crs.ts';
import type { Store } from '../../server/store/index.ts';
import { type TestServer, startTestServer } from '../support/http.ts';
import { openTestStore, storeKinds } from '../support/store.ts';

// The planned heat route of the demo district on Hudsonstraat (x = 89 450 − 3.05), 0.6 m wide, 1.0 m deep.
const hudsonstraat = { type: 'LineString' as const, coordinates: [[89_446.95, 435_790], [89_446.95, 436_170]] };
const heatRoute = (geometry: object = hudsonstraat, properties: object = {}) => ({
  type: 'Feature',
  geometry,
  properties: { kind: 'heat', width_m: 0.6, depth_m: 1.0, name: 'Warmtenet Hudsonstraat', ...properties },
});

describe.each(storeKinds())('POST and GET /api/checks on the %s store', (kind) => {
  let store: Store;
  let server: TestServer;
  beforeAll(async () => {
    store = await openTestStore(kind);
    await loadDemoIfEmpty(store);
    server = await startTestServer(store);
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  it('when the planned Hudsonstraat heat route passes the water main at 0.6 m, reports a blocking clearance conflict with chainage', async () => {
    const { status, body } = await server.call('/api/checks?crs=EPSG:28992', 'POST', heatRoute());
    expect(status).toBe(201);
    expect(body).toMatchObject({ id: expect.any(String), created_at: expect.any(String), ruleSet: { id: 'nl-default', version: '2025.1' } });
    const water = body.report.conflicts.find((c: { assetId: string }) => c.assetId === 'water-hudsonstraat');
    expect(water).toMatchObject({ rule: 'horizontal-clearance', severity: 'blocking', layer: 'pipes', owner: 'Evides', measured_m: 0.595, required_m: 1, chainage_from_m: 0, chainage_to_m: 380 });
    expect(water.location).toEqual({ type: 'LineString', coordinates: [[89_446.95, 435_790], [89_446.95, 436_170]] });
    expect(body.report.conflicts.some((c: { assetId: string }) => c.assetId === 'heat-planned-hudsonstraat')).toBe(false);
    expect(body.report.conflicts.filter((c: { rule: string }) => c.rule === 'unknown-depth').every((c: { depth_source: string }) => c.depth_source === 'assumed')).toBe(true);
    expect(body.report.summary.bySeverity.blocking).toBeGreaterThan(0);
    expect(body.report.summary.treeZoneLength_m).toBeGreaterThan(0);
  });

  it('takes WGS84 by default and answers conflict locations in WGS84, with the same measurements', async () => {
    const wgs = transformGeometry(hudsonstraat, RD_NEW, WGS84);
    const { status, body } = await server.call('/api/checks', 'POST', { type: 'FeatureCollection', features: [heatRoute(wgs)] });
    expect(status).toBe(201);
    const water = body.report.conflicts.find((c: { assetId: string }) => c.assetId === 'water-hudsonstraat');
    expect(water.measured_m).toBeCloseTo(0.595, 2);
    const [lon, lat] = water.location.coordinates[0];
    expect(lon).toBeCloseTo(4.43, 1);
    expect(lat).toBeCloseTo(51.91, 1);
  });

  it('stores the report: GET answers the same shape, in the asked crs', async () => {
    const posted = await server.call('/api/checks?crs=EPSG:28992', 'POST', heatRoute());
    const { status, body } = await server.call(`/api/checks/${posted.body.id}?crs=EPSG:28992`);
    expect(status).toBe(200);
    expect(body).toEqual(posted.body);
  });

  it('answers each conflict with its message code and numbers, and its explanation in the asked language (Dutch by default)', async () => {
    const dutch = await server.call('/api/checks?crs=EPSG:28992', 'POST', heatRoute());
    const water = dutch.body.report.conflicts.find((c: { assetId: string }) => c.assetId === 'water-hudsonstraat');
    expect(water.message).toMatchObject({ code: 'check.clearance.too-close', params: { measured_m: 0.595, required_m: 1, asset: { code: 'check.asset.water-pipe', params: { id: 'water-hudsonstraat', owner: 'Evides' } } } });
    expect(water.explanation).toContain('ligt op 0,60 m (rand tot rand) van drinkwaterleiding water-hudsonstraat (Evides) tussen 0,0 en 380,0 m langs het tracé');
    const english = await server.call(`/api/checks/${dutch.body.id}?crs=EPSG:28992&lang=en`);
    const again = english.body.report.conflicts.find((c: { assetId: string }) => c.assetId === 'water-hudsonstraat');
    expect(again.message).toEqual(water.message);
    expect(again.explanation).toBe('The heat trench runs 0.60 m edge to edge from drinking-water pipe water-hudsonstraat (Evides) between chainage 0.0 and 380.0 m; heat ↔ water needs at least 1.00 m. Move the trench 0.41 m further away or agree a deviation with Evides.');
    const header = await server.call(`/api/checks/${dutch.body.id}?crs=EPSG:28992`, 'GET', undefined, { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(header.body.report.conflicts.find((c: { assetId: string }) => c.assetId === 'water-hudsonstraat').explanation).toBe(again.explanation);
  });

  it('reads back a report stored before findings had codes, with the sentence it was stored with', async () => {
    const posted = await server.call('/api/checks?crs=EPSG:28992', 'POST', heatRoute());
    const old = { ...posted.body.report, conflicts: posted.body.report.conflicts.map(({ message: _, ...c }: { message: unknown }) => ({ ...c, explanation: 'The heat trench runs 0.60 m edge to edge from an old record.' })) };
    const record = await store.checks.save('Gemeente Rotterdam', old.ruleSet, heatRoute() as never, old);
    const { status, body } = await server.call(`/api/checks/${record.id}?crs=EPSG:28992`);
    expect(status).toBe(200);
    expect(body.report.conflicts.length).toBe(old.conflicts.length);
    for (const c of body.report.conflicts) {
      expect(c.explanation).toBe('The heat trench runs 0.60 m edge to edge from an old record.');
      expect(c.message).toBeUndefined();
    }
  });

  it('when the trench has no width and a depth in centimetres, answers 400 naming both fields', async () => {
    const { status, type, body } = await server.call('/api/checks?crs=EPSG:28992&lang=en', 'POST', heatRoute(hudsonstraat, { width_m: undefined, depth_m: 120 }));
    expect(status).toBe(400);
    expect(type).toContain('application/problem+json');
    expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['properties.width_m', 'properties.depth_m']);
    expect(body.detail).toContain('properties.depth_m: depth_m 120 is outside 0–10');
    expect(body.errors[1]).toMatchObject({ code: 'validation.trench.out-of-range', params: { name: 'depth_m', value: 120, min: 0, max: 10 } });
    const dutch = await server.call('/api/checks?crs=EPSG:28992', 'POST', heatRoute(hudsonstraat, { width_m: undefined, depth_m: 120 }));
    expect(dutch.body.errors[1].reason).toBe('depth_m 120 ligt buiten 0–10; stuur de diepte van de bovenkant van wat er wordt gelegd, in meter onder maaiveld (gronddekking) (een waarde zo ver erbuiten is meestal een eenheidsfout)');
  });

  it('when the body is a point or two features, answers 400 saying what to send', async () => {
    const point = await server.call('/api/checks?crs=EPSG:28992', 'POST', heatRoute({ type: 'Point', coordinates: [89_446, 435_800] }));
    expect(point.status).toBe(400);
    expect(point.body.errors[0]).toMatchObject({ field: 'geometry', code: 'validation.geometry.geometry-type' });
    const two = await server.call('/api/checks', 'POST', { type: 'FeatureCollection', features: [heatRoute(), heatRoute()] });
    expect(two.body).toMatchObject({ status: 400, errors: [{ field: 'features', code: 'validation.trench.feature-count', params: { count: 2 } }] });
  });

  it('when the id is unknown, answers 404', async () => {
    expect((await server.call('/api/checks/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await server.call('/api/checks/not-a-uuid')).status).toBe(404);
  });

  it("a submitter reads its own organisation's checks and gets 404 for another's; a viewer may not run one", async () => {
    const eneco = await server.tokenFor('Eneco', 'submitter', 'heat-company');
    const vattenfall = await server.tokenFor('Vattenfall', 'submitter', 'heat-company');
    const viewer = await server.tokenFor('Eneco', 'viewer');
    const posted = await server.call('/api/checks?crs=EPSG:28992', 'POST', heatRoute(), { token: eneco });
    expect(posted.status).toBe(201);
    expect((await server.call(`/api/checks/${posted.body.id}`, 'GET', undefined, { token: eneco })).status).toBe(200);
    expect((await server.call(`/api/checks/${posted.body.id}`, 'GET', undefined, { token: viewer })).status).toBe(200);
    expect((await server.call(`/api/checks/${posted.body.id}`, 'GET', undefined, { token: vattenfall })).status).toBe(404);
    expect((await server.call(`/api/checks/${posted.body.id}`)).status).toBe(200);
    expect((await server.call('/api/checks', 'POST', heatRoute(), { token: viewer })).status).toBe(403);
  });
});
