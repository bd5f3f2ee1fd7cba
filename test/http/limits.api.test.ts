import { describe, expect, it } from 'vitest';
import { serverForFile } from '../support/http.ts';

const { server } = await serverForFile('pglite', { rateLimit: 5, maxFeatures: 2, maxCoordinates: 4 });

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
