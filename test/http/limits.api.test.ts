import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { seeded } from '../../server/demo/seeded.ts';
import { serverForFile, startTestServer } from '../support/http.ts';

const { store, server } = await serverForFile('pglite', { rateLimit: 5, maxFeatures: 2, maxCoordinates: 4 });

const line = (n: number) => ({
  type: 'Feature',
  geometry: { type: 'LineString', coordinates: Array.from({ length: n }, (_, i) => [89_000 + i, 436_000]) },
  properties: { owner: 'Gemeente Rotterdam', network: 'lv' },
});
const RD = { crs: { type: 'name', properties: { name: 'EPSG:28992' } } };

describe('the limits', () => {
  it('refuses more features per request than configured, naming the limit', async () => {
    const { status, body } = await server.call('/api/layers/cables/features', 'POST', { type: 'FeatureCollection', ...RD, features: [line(2), line(2), line(2)] });
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({ field: 'features', code: 'validation.too-many-features', params: { count: 3, max: 2 } });
    expect(body.errors[0].reason).toContain('3 objecten verstuurd, meer dan de limiet van 2');
  });

  it('refuses a geometry with more positions than configured', async () => {
    const { status, body } = await server.call('/api/layers/cables/features', 'POST', { type: 'FeatureCollection', ...RD, features: [line(5)] });
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({ field: 'features[0].geometry', code: 'validation.geometry.geometry-too-many-coordinates' });
  });

  it('answers 429 with problem+json once a token passes its requests per minute, and not for another token', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await server.call('/api/layers')).status);
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.at(-1)).toBe(429);
    const limited = await server.call('/api/layers');
    expect(limited.type).toContain('application/problem+json');
    expect(limited.body.detail).toContain('more than 5 requests in a minute');
    const other = await server.tokenFor('Evides', 'viewer');
    expect((await server.call('/api/layers', 'GET', undefined, { token: other })).status).toBe(200);
  });

  it('sends security headers, no CORS headers, and no stack trace', async () => {
    const response = await server.call('/api/health', 'GET', undefined, { token: null, headers: { origin: 'https://elsewhere.example' } });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});

describe('failed authentication per client address (regression: 6 100 random tokens, all 401, each a lookup)', () => {
  const LIMIT = 20;
  const random = seeded(12);
  const bogus = () => `og_${Math.floor(random() * 2 ** 52).toString(36)}${Math.floor(random() * 2 ** 52).toString(36)}`;

  it('answers 429 with Retry-After once an address passes its failures per minute, before any token lookup', async () => {
    const limited = await startTestServer(store, { authFailLimit: LIMIT });
    onTestFinished(() => limited.close());
    const good = await server.tokenFor('Evides', 'viewer');
    // Successes never count: many more good requests than the limit first.
    for (let i = 0; i < LIMIT + 5; i++) expect((await limited.call('/api/layers', 'GET', undefined, { token: good })).status).toBe(200);
    const lookups = vi.spyOn(store.access, 'principal');
    try {
      const statuses: number[] = [];
      for (let i = 0; i < LIMIT + 30; i++) statuses.push((await limited.call('/api/layers', 'GET', undefined, { token: i % 5 === 0 ? null : bogus() })).status);
      expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(401));
      expect(statuses.slice(LIMIT)).toEqual(Array(30).fill(429));
      expect(lookups.mock.calls.length).toBeLessThanOrEqual(LIMIT);
    } finally {
      lookups.mockRestore();
    }
    const refused = await limited.call('/api/plans/x/export.csv?token=og_secret', 'GET', undefined, { token: null });
    expect(refused.status).toBe(429);
    expect(refused.type).toContain('application/problem+json');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(refused.body.detail).toContain(`more than ${LIMIT} requests without a valid API token`);
    expect(refused.body.instance).toBe('/api/plans/x/export.csv?token=REDACTED');
    expect((await limited.call('/api/health', 'GET', undefined, { token: null })).status).toBe(200);
  });
});
