import { beforeAll, describe, expect, it } from 'vitest';
import { serverForFile } from '../support/http.ts';

const RD = { crs: { type: 'name', properties: { name: 'EPSG:28992' } } };
const cable = (id: string, x: number) => ({
  type: 'Feature',
  id,
  geometry: { type: 'LineString', coordinates: [[x, 436_000], [x + 20, 436_000]] },
  properties: { network: 'lv' },
});

const { server } = await serverForFile('pglite');
let stedin: string;
beforeAll(async () => {
  stedin = await server.tokenFor('Stedin', 'submitter', 'grid-operator');
  await server.call('/api/layers/cables/features', 'POST', { type: 'FeatureCollection', ...RD, features: [cable('c-1', 89_000)] });
  await server.call('/api/layers/cables/features', 'POST', { type: 'FeatureCollection', ...RD, features: [cable('s-1', 89_100)] }, { token: stedin });
  const read = await server.call('/api/layers/cables/features/c-1?crs=EPSG:28992');
  await server.call('/api/layers/cables/features/c-1?crs=EPSG:28992', 'PUT', { ...read.body, ...RD, properties: { ...read.body.properties, depth_m: 0.7 } });
});

describe('the audit API', () => {
  it('lists every write newest first with who, when, what and the versions before and after', async () => {
    const { status, body } = await server.call('/api/audit');
    expect(status).toBe(200);
    const [update, ...older] = body.entries;
    expect(update).toMatchObject({
      who: { organisation: 'Gemeente Rotterdam', role: 'admin' },
      action: 'update',
      object: { type: 'cables', id: 'c-1' },
      beforeVersion: 1,
      afterVersion: 2,
    });
    expect(update.who.tokenId).toEqual(expect.any(String));
    expect(new Date(update.at).toISOString()).toBe(update.at);
    expect(older.map((e: { object: { id: string } }) => e.object.id)).toEqual(['s-1', 'c-1']);
    const seqs = body.entries.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
  });

  it('filters by object, organisation, time and count', async () => {
    const byObject = await server.call('/api/audit?objectType=cables&objectId=c-1');
    expect(byObject.body.entries.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    const byOrg = await server.call('/api/audit?organisation=Stedin');
    expect(byOrg.body.entries).toHaveLength(1);
    expect(byOrg.body.entries[0]).toMatchObject({ who: { organisation: 'Stedin', role: 'submitter' }, object: { id: 's-1' } });
    const newest = await server.call('/api/audit?limit=1');
    expect(newest.body.entries).toHaveLength(1);
    const since = await server.call(`/api/audit?since=${encodeURIComponent(newest.body.entries[0].at)}`);
    expect(since.body.entries.map((e: { seq: number }) => e.seq)).toContain(newest.body.entries[0].seq);
    const future = await server.call('/api/audit?since=2999-01-01T00:00:00Z');
    expect(future.body.entries).toEqual([]);
  });

  it('answers 400 for a limit over 1000 or a time that is not one', async () => {
    const tooMany = await server.call('/api/audit?limit=5000');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.detail).toContain('limit is at most 1000');
    const badTime = await server.call('/api/audit?since=yesterday');
    expect(badTime.status).toBe(400);
    expect(badTime.body.detail).toContain('since must be an ISO 8601 time');
  });

  it('is open to engineers and administrators only', async () => {
    const engineer = await server.tokenFor('Gemeente Rotterdam', 'engineer', 'municipality');
    expect((await server.call('/api/audit', 'GET', undefined, { token: engineer })).status).toBe(200);
    const refused = await server.call('/api/audit', 'GET', undefined, { token: stedin, headers: { 'accept-language': 'en' } });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe('role submitter may not read audit');
  });
});
