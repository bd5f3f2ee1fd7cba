import { describe, expect, it } from 'vitest';
import { ApiError, createApi, tokenFromUrl, type FetchLike } from '../../client/core/api.ts';

function fakeFetch(answer: { status?: number; body?: unknown; type?: string } = {}) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
    return new Response(text, { status: answer.status ?? 200, headers: { 'content-type': answer.type ?? 'application/json' } });
  };
  return { fetch, calls };
}

describe('the API client', () => {
  it('sends the bearer token and asks layers by bbox in RD New', async () => {
    const { fetch, calls } = fakeFetch({ body: { type: 'FeatureCollection', features: [] } });
    const api = createApi({ token: 'og_secret', fetch });
    await api.layer('pipes', [89_400.123, 435_900, 89_600, 436_100.456]);
    expect(calls[0]!.url).toBe('/api/layers/pipes?bbox=89400.12,435900,89600,436100.46&crs=EPSG:28992');
    expect(new Headers(calls[0]!.init?.headers).get('authorization')).toBe('Bearer og_secret');
  });

  it('asks the server for its rules once, however often the client reads them', async () => {
    const { fetch, calls } = fakeFetch({ body: { check: { id: 'nl-default' } } });
    const api = createApi({ token: 't', fetch });
    const [first, second] = await Promise.all([api.rules(), api.rules()]);
    expect(await api.rules()).toBe(first);
    expect(second).toBe(first);
    expect(calls.map((c) => c.url)).toEqual(['/api/rules']);
  });

  it('asks for the rules again after a failed attempt', async () => {
    let fail = true;
    const api = createApi({ token: 't', fetch: async () => new Response(fail ? '' : '{"check":{}}', { status: fail ? 503 : 200 }) });
    await expect(api.rules()).rejects.toBeInstanceOf(ApiError);
    fail = false;
    expect(await api.rules()).toEqual({ check: {} });
  });

  it('posts a trench as JSON to the check endpoint', async () => {
    const { fetch, calls } = fakeFetch({ status: 201, body: { id: 'c1' } });
    const api = createApi({ token: 't', fetch });
    const trench = { type: 'Feature' as const, geometry: { type: 'LineString' as const, coordinates: [[0, 0], [1, 1]] }, properties: { kind: 'heat' as const, width_m: 0.6, depth_m: 1 } };
    expect(await api.check(trench)).toEqual({ id: 'c1' });
    expect(calls[0]!.init?.method).toBe('POST');
    expect(calls[0]!.url).toBe('/api/checks?crs=EPSG:28992');
    expect(JSON.parse(String(calls[0]!.init?.body))).toEqual(trench);
  });

  it('turns a problem+json answer into an ApiError with the detail a person can act on', async () => {
    const { fetch } = fakeFetch({ status: 409, type: 'application/problem+json', body: { title: 'Conflict', detail: 'the route changed since version 1; reload it' } });
    const api = createApi({ token: 't', fetch });
    const error = await api.decide('r1', 'approved', 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, detail: 'the route changed since version 1; reload it' });
  });

  it('makes export links that carry the token, because downloads cannot send headers', () => {
    const api = createApi({ token: 'og_x', baseUrl: 'http://h' });
    expect(api.exportUrl('p 1', 'xlsx')).toBe('http://h/api/plans/p%201/export.xlsx?token=og_x');
    expect(api.exportUrl('p1', 'geojson')).toBe('http://h/api/plans/p1/export.geojson?crs=EPSG%3A28992&token=og_x');
    expect(api.exportUrl('p1', 'letters.txt')).toBe('http://h/api/plans/p1/letters.txt?token=og_x');
  });

  it('uploads an import through the uploader and reports progress', async () => {
    const seen: number[] = [];
    const api = createApi({
      token: 't',
      upload: async (url, body, headers, onProgress) => {
        expect(url).toBe('/api/imports');
        expect(headers.authorization).toBe('Bearer t');
        expect((body.get('file') as File).name).toBe('x.zip');
        onProgress({ loaded: 5, total: 10 });
        return { status: 201, text: JSON.stringify({ file: 'x.zip', counts: { cables: 3 } }) };
      },
    });
    const report = await api.importFile(new Blob(['zip']), 'x.zip', (p) => seen.push(p.loaded));
    expect(report.counts.cables).toBe(3);
    expect(seen).toEqual([5]);
  });

  it('takes the token from ?token=, remembers it for the tab and removes it from the address', () => {
    const storage = new Map<string, string>();
    const kv = { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) };
    expect(tokenFromUrl(new URL('http://h/?token=og_1&basemap=off'), kv)).toEqual({ token: 'og_1', cleanedUrl: 'http://h/?basemap=off' });
    expect(tokenFromUrl(new URL('http://h/'), kv)).toEqual({ token: 'og_1', cleanedUrl: null });
  });
});
