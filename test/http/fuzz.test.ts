import { describe, expect, it } from 'vitest';
import type { GuardedRoute } from '../../server/http/openapi.ts';
import type { Store } from '../../server/store/index.ts';
import { serverForFile } from '../support/http.ts';
import { FUZZ_LAYER_ID, type MalformedBody, malformedBodies } from '../support/malformed.ts';

/**
 * Malformed bodies to every documented write route, found in the app's own document, so routes added later are
 * fuzzed too. FUZZ_BODIES sets the bodies per route; by default about 3 000 in all, 150–400 per route, so the run
 * stays near a minute however many routes there are.
 */
const SEED = 20_260_707;
const DUMMY_ID = '00000000-0000-4000-8000-000000000000';
const CONCURRENCY = 4;

// The production body limit, so 10 MB strings reach the parsers instead of stopping at the size check.
const { store, server } = await serverForFile('pglite', { bodyLimit: '20mb' });

const seeded = await server.call('/api/layers/cables/features?crs=EPSG:28992', 'POST', {
  type: 'FeatureCollection',
  features: [{ type: 'Feature', id: FUZZ_LAYER_ID, geometry: { type: 'LineString', coordinates: [[89_000, 436_000], [89_030, 436_010]] }, properties: { network: 'lv' } }],
  crs: { type: 'name', properties: { name: 'EPSG:28992' } },
});
if (seeded.status !== 201) throw new Error(`could not seed the fuzz store: ${JSON.stringify(seeded.body)}`);

/** A layer of lines and one of polygons: each accepts other geometry types, so each reaches other validation paths. */
const FUZZ_LAYERS = ['cables', 'streets'];
type FuzzedRoute = GuardedRoute & { layer: string | undefined };
const writes: FuzzedRoute[] = server.app.doc.guards().filter((r) => r.method !== 'get')
  .flatMap((r): FuzzedRoute[] => (r.path.includes('{layer}') ? FUZZ_LAYERS.map((layer) => ({ ...r, layer })) : [{ ...r, layer: undefined }]));
const PER_ROUTE = Number(process.env.FUZZ_BODIES ?? Math.max(150, Math.min(400, Math.floor(3_000 / Math.max(writes.length, 1)))));

/** What "the store is unchanged" compares: features per layer, works and routes. */
async function snapshot(s: Store) {
  const layers = Object.fromEntries((await s.features.summaries()).map((l) => [l.layer, l.count]));
  return { layers, works: await s.works.count(), routes: (await s.routes.list()).length, fuzzed: await s.features.get('cables', FUZZ_LAYER_ID) };
}

function fill(route: FuzzedRoute): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'layer' ? route.layer! : route.path.startsWith('/api/layers/') ? FUZZ_LAYER_ID : DUMMY_ID));
}

/** Query strings worth mixing in: the CRS switch and the version of a delete, sane and not. */
const QUERIES = ['', '', '?crs=EPSG:28992', '?crs=EPSG:99999', '?version=NaN', '?version=1e308', '?version=-1', '?version=2', '?crs=EPSG:28992&version=Infinity', '?layer=cables,nope'];

interface Outcome {
  body: MalformedBody;
  query: string;
  status: number;
  type: string;
  detail: string;
}

async function send(route: FuzzedRoute, body: MalformedBody, query: string): Promise<Outcome> {
  try {
    const response = await fetch(`${server.url}${fill(route)}${query}`, {
      method: route.method.toUpperCase(),
      headers: { authorization: `Bearer ${server.token}`, 'content-type': body.contentType },
      body: body.text,
    });
    const text = await response.text();
    return { body, query, status: response.status, type: response.headers.get('content-type') ?? '', detail: text.slice(0, 200) };
  } catch (error) {
    return { body, query, status: 0, type: '', detail: String(error) };
  }
}

const sent: number[] = [];
const statuses: Record<number, number> = {};

describe('malformed bodies to every write route', () => {
  it('finds write routes in the document', () => {
    expect(writes.length).toBeGreaterThan(0);
  });

  it.each(writes.map((r, i) => [`${r.method.toUpperCase()} ${fill(r)}`, r, i] as const))('%s answers every one with a 4xx problem, never a 5xx, and stores nothing', async (_, route, index) => {
    const before = await snapshot(store);
    const multipart = route.path === '/api/imports';
    const bodies = malformedBodies(SEED + index, PER_ROUTE, { multipart });
    const outcomes: Outcome[] = [];
    for (let i = 0; i < bodies.length; i += CONCURRENCY) {
      const batch = bodies.slice(i, i + CONCURRENCY);
      outcomes.push(...(await Promise.all(batch.map((b, j) => send(route, b, QUERIES[(i + j) % QUERIES.length]!)))));
    }
    sent.push(outcomes.length);
    for (const o of outcomes) statuses[o.status] = (statuses[o.status] ?? 0) + 1;
    const failures = outcomes
      .filter((o) => o.status === 0 || o.status >= 500 || (o.status >= 400 && !o.type.includes('application/problem+json')))
      .map((o) => `${o.status} ${o.body.kind}${o.query}: ${o.detail}`);
    expect(failures).toEqual([]);
    expect((await server.call('/api/health', 'GET', undefined, { token: null })).status).toBe(200);
    expect(await snapshot(store)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('leaves the server answering and the prototypes clean afterwards', async () => {
    const health = await server.call('/api/health', 'GET', undefined, { token: null });
    expect(health.body).toMatchObject({ status: 'ok' });
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('role');
    console.log(`fuzz: ${sent.reduce((a, b) => a + b, 0)} malformed bodies to ${writes.length} write routes; statuses ${JSON.stringify(statuses)}`);
  });
});
