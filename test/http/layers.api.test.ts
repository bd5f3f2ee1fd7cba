import { describe, expect, it } from 'vitest';
import { RD_NEW, WGS84, transformPosition } from '../../server/geo/crs.ts';
import { serverForFile } from '../support/http.ts';

const RD = { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } } };
const waterMain = (id: string, x = 89_500) => ({
  type: 'Feature',
  id,
  geometry: { type: 'LineString', coordinates: [[x, 436_000.123], [x + 80.456, 436_000.123]] },
  properties: { owner: 'Evides', medium: 'water', diameter_mm: 110, depth_m: 1.0, leidingcode: 'W-12' },
});

const { store, server } = await serverForFile('pglite');

describe('the layer API', () => {
  it('lists every layer with its count and extent', async () => {
    const { status, body } = await server.call(`/api/layers`);
    expect(status).toBe(200);
    expect(body).toHaveLength(8);
    expect(body[0]).toEqual({ layer: 'cables', count: 0, extent: null });
  });

  it('stores an RD New collection and answers with its ids, keeping unknown properties', async () => {
    const { status, body } = await server.call(`/api/layers/pipes/features`, 'POST', { type: 'FeatureCollection', ...RD, features: [waterMain('W-12')] });
    expect(status).toBe(201);
    expect(body).toEqual({ layer: 'pipes', ids: ['W-12'], created: 1 });
    const back = await server.call(`/api/layers/pipes/features/W-12?crs=EPSG:28992`);
    expect(back.body.geometry.coordinates).toEqual([[89_500, 436_000.123], [89_580.456, 436_000.123]]);
    expect(back.body.properties).toMatchObject({ leidingcode: 'W-12', owner: 'Evides', version: 1, status: 'existing' });
  });

  it('round-trips RD New through WGS84 and back within 1 mm', async () => {
    const wgs = await server.call(`/api/layers/pipes/features/W-12`);
    const [lon, lat] = wgs.body.geometry.coordinates[1];
    expect(lon).toBeCloseTo(4.4366, 3);
    expect(lat).toBeCloseTo(51.9086, 3);
    const [x, y] = transformPosition([lon, lat], WGS84, RD_NEW) as [number, number];
    expect(Math.hypot(x - 89_580.456, y - 436_000.123)).toBeLessThan(0.001);
  });

  it('round-trips WGS84 through RD New and back within 1 mm', async () => {
    const lonlat = [[4.4321234567, 51.9081234567], [4.4331234567, 51.9082234567]];
    const posted = await server.call(`/api/layers/cables/features`, 'POST', {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', id: 'lv-1', geometry: { type: 'LineString', coordinates: lonlat }, properties: { owner: 'Stedin', network: 'lv' } }],
    });
    expect(posted.status).toBe(201);
    const back = await server.call(`/api/layers/cables/features/lv-1`);
    back.body.geometry.coordinates.forEach(([lon, lat]: number[], i: number) => {
      const metresPerDegree = 111_320;
      const dx = (lon! - lonlat[i]![0]!) * metresPerDegree * Math.cos((lat! * Math.PI) / 180);
      const dy = (lat! - lonlat[i]![1]!) * metresPerDegree;
      expect(Math.hypot(dx, dy)).toBeLessThan(0.001);
    });
  });

  it('answers features inside a WGS84 or RD bbox and leaves out the rest', async () => {
    await server.call(`/api/layers/pipes/features`, 'POST', { type: 'FeatureCollection', ...RD, features: [waterMain('W-far', 95_000)] });
    const rd = await server.call(`/api/layers/pipes?bbox=89400,435900,89600,436100&crs=EPSG:28992`);
    expect(rd.type).toContain('application/geo+json');
    expect(rd.body.features.map((f: { id: string }) => f.id)).toEqual(['W-12']);
    const wgs = await server.call(`/api/layers/pipes?bbox=4.43,51.90,4.44,51.91`);
    expect(wgs.body.features.map((f: { id: string }) => f.id)).toEqual(['W-12']);
  });

  it('rejects a collection with bad features with 400 listing each by index, and stores none of it', async () => {
    const before = (await server.call(`/api/layers`)).body.find((l: { layer: string }) => l.layer === 'pipes').count;
    const { status, type, body } = await server.call(`/api/layers/pipes/features`, 'POST', {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [[4.43, 51.9], [4.44, 51.91]] }, properties: { owner: 'Evides', medium: 'water' } },
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [[51.9, 4.43], [51.91, 4.44]] }, properties: { owner: 'Evides', medium: 'water' } },
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [[89_500, 436_000], [89_510, 436_000]] }, properties: { owner: 'Evides', medium: 'water' } },
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [[4.43, 51.9], [4.44, 51.91]] }, properties: { owner: 'Evides', medium: 'steam' } },
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [[4.43, 51.9], [4.44, 51.91]] }, properties: { owner: 'Evides', medium: 'water', depth: 1.2 } },
      ],
    });
    expect(status).toBe(400);
    expect(type).toContain('application/problem+json');
    expect(body.detail).toMatch(/^4 features could not be accepted; nothing was stored: features\[1\]\.geometry: /);
    expect(body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['features[1].geometry', 'validation.geometry.coordinate-axes-swapped'],
      ['features[2].geometry', 'validation.geometry.coordinate-wrong-crs'],
      ['features[3].properties.medium', 'validation.feature.property-not-allowed'],
      ['features[4].properties.depth', 'validation.feature.property-without-unit'],
    ]);
    expect(body.errors[1].reason).toContain('crs=EPSG:28992');
    const after = (await server.call(`/api/layers`)).body.find((l: { layer: string }) => l.layer === 'pipes').count;
    expect(after).toBe(before);
  });

  it('rejects an unclosed ring and a self-intersecting one with the reason', async () => {
    const ring = (coordinates: number[][]) => ({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [coordinates] }, properties: { owner: 'Stedin', type: 'electric-substation' } });
    const { status, body } = await server.call(`/api/layers/stations/features?crs=EPSG:28992`, 'POST', {
      type: 'FeatureCollection',
      features: [
        ring([[89_000, 436_000], [89_003, 436_000], [89_003, 436_002], [89_000, 436_002]]),
        ring([[89_000, 436_000], [89_003, 436_002], [89_003, 436_000], [89_000, 436_002], [89_000, 436_000]]),
      ],
    });
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({ field: 'features[0].geometry', code: 'validation.geometry.ring-not-closed' });
    expect(body.errors[0].reason).toContain('first [89000, 436000] ≠ last [89000, 436002]');
    expect(body.errors[1]).toMatchObject({ field: 'features[1].geometry', code: 'validation.geometry.ring-self-intersection' });
  });

  it('answers 404 for an unknown layer, an unknown feature and an unknown route', async () => {
    expect((await server.call(`/api/layers/lampposts`)).status).toBe(404);
    const missing = await server.call(`/api/layers/pipes/features/nope`);
    expect(missing.status).toBe(404);
    expect(missing.type).toContain('application/problem+json');
    const route = await server.call(`/api/nothing-here`);
    expect(route.body.detail).toContain('no route GET /api/nothing-here');
  });

  it('answers 409 for an id that exists, storing nothing', async () => {
    const { status, body } = await server.call(`/api/layers/pipes/features`, 'POST', { type: 'FeatureCollection', ...RD, features: [waterMain('W-new', 89_700), waterMain('W-12')] });
    expect(status).toBe(409);
    expect(body.ids).toEqual(['W-12']);
    expect((await server.call(`/api/layers/pipes/features/W-new`)).status).toBe(404);
  });

  it('replaces a feature at its version and answers 409 to a stale version, keeping the newer data', async () => {
    const read = (await server.call(`/api/layers/pipes/features/W-12?crs=EPSG:28992`)).body;
    const deeper = { ...read, ...RD, properties: { ...read.properties, depth_m: 1.2 } };
    const first = await server.call(`/api/layers/pipes/features/W-12?crs=EPSG:28992`, 'PUT', deeper);
    expect(first.status).toBe(200);
    expect(first.body.properties).toMatchObject({ version: 2, depth_m: 1.2 });
    const stale = await server.call(`/api/layers/pipes/features/W-12`, 'PUT', { ...read, ...RD, properties: { ...read.properties, depth_m: 0.4 } });
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toContain('is at version 2, not 1');
    expect(stale.body.current.properties.depth_m).toBe(1.2);
    expect((await server.call(`/api/layers/pipes/features/W-12`)).body.properties.depth_m).toBe(1.2);
  });

  it('deletes only with the version last read', async () => {
    expect((await server.call(`/api/layers/pipes/features/W-far`, 'DELETE')).status).toBe(400);
    expect((await server.call(`/api/layers/pipes/features/W-far?version=7`, 'DELETE')).status).toBe(409);
    const ok = await server.call('/api/layers/pipes/features/W-far?version=1', 'DELETE');
    expect(ok.status).toBe(204);
    expect((await server.call(`/api/layers/pipes/features/W-far`)).status).toBe(404);
  });

  it('answers 400 for broken JSON and a bad bbox', async () => {
    const broken = await server.call(`/api/layers/pipes/features`, 'POST', '{"type": "FeatureCollection", ');
    expect(broken.status).toBe(400);
    expect(broken.body.detail).toContain('not valid JSON');
    const bbox = await server.call(`/api/layers/pipes?bbox=1,2,3`);
    expect(bbox.status).toBe(400);
    expect(bbox.body.detail).toContain('minx,miny,maxx,maxy');
  });

  it('answers 413 for a body over the limit', async () => {
    const big = { type: 'FeatureCollection', features: [], padding: 'x'.repeat(1_200_000) };
    const { status, type, body } = await server.call(`/api/layers/pipes/features`, 'POST', big);
    expect(status).toBe(413);
    expect(type).toContain('application/problem+json');
    // Dutch by default since problems speak through the catalogue.
    expect(body.detail).toContain('meer dan de limiet van 1048576 bytes');
  });

  it('describes every registered route in /api/openapi.json', async () => {
    const { body } = await server.call(`/api/openapi.json`);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/layers', '/api/layers/{layer}', '/api/layers/{layer}/features', '/api/layers/{layer}/features/{id}']));
    expect(server.app.doc.routes().length).toBeGreaterThanOrEqual(8);
    for (const route of server.app.doc.routes()) {
      const [method, path] = route.split(' ') as [string, string];
      const response = await server.call(path.replace('{layer}', 'pipes').replace('{id}', 'W-12'), method);
      expect(String(response.body?.detail ?? ''), route).not.toContain('see /api/openapi.json for the routes');
    }
  });

  it('answers 401 without a token or with an unknown one, except for health and the API description', async () => {
    const none = await server.call('/api/layers', 'GET', undefined, { token: null });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(none.body.detail).toContain('Authorization: Bearer');
    expect((await server.call('/api/layers', 'GET', undefined, { token: 'og_nope' })).status).toBe(401);
    expect((await server.call('/api/health', 'GET', undefined, { token: null })).status).toBe(200);
    expect((await server.call('/api/openapi.json', 'GET', undefined, { token: null })).status).toBe(200);
  });

  it('lets a grid operator write its own assets only, and records every write in the audit log', async () => {
    const stedin = await server.tokenFor('Stedin', 'submitter', 'grid-operator');
    const own = { type: 'FeatureCollection', ...RD, features: [{ type: 'Feature', id: 'lv-own', geometry: { type: 'LineString', coordinates: [[89_000, 436_100], [89_020, 436_100]] }, properties: { network: 'lv' } }] };
    const created = await server.call('/api/layers/cables/features', 'POST', own, { token: stedin });
    expect(created.status).toBe(201);
    expect((await server.call('/api/layers/cables/features/lv-own')).body.properties.owner).toBe('Stedin');
    const foreign = await server.call('/api/layers/pipes/features/W-12?version=2&lang=en', 'DELETE', undefined, { token: stedin });
    expect(foreign.status).toBe(403);
    expect(foreign.body.detail).toContain('only for Stedin, not for Evides');
    const audit = await store.access.auditLog({ objectType: 'cables', objectId: 'lv-own' });
    expect(audit).toMatchObject([{ organisation: 'Stedin', role: 'submitter', action: 'create', after_version: 1 }]);
  });

  it('reports health with the store in use', async () => {
    expect((await server.call(`/api/health`)).body).toEqual({ status: 'ok', store: 'pglite' });
  });
});
