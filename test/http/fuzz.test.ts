import { describe, expect, it } from 'vitest';
import { seeded as seededRandom } from '../../server/demo/seeded.ts';
import { MAX_JSON_DEPTH } from '../../server/http/body-limits.ts';
import type { GuardedRoute } from '../../server/http/openapi.ts';
import type { Store } from '../../server/store/index.ts';
import { serverForFile } from '../support/http.ts';
import { FUZZ_LAYER_ID, type MalformedBody, malformedBodies, nested } from '../support/malformed.ts';

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

/** A copy of `value` with a NUL put into one string value, or one key of an object, at a seeded random place. */
function withNul(random: () => number, value: unknown, inKey: boolean): unknown {
  if (Array.isArray(value) && value.length && !inKey) {
    const i = Math.floor(random() * value.length);
    return value.map((v, j) => (j === i ? withNul(random, v, inKey) : v));
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length) {
    const entries = Object.entries(value);
    const i = Math.floor(random() * entries.length);
    const [key, child] = entries[i]!;
    const deeper = typeof child === 'object' && child !== null && (!inKey || !Array.isArray(child)) && random() >= 0.3;
    if (!deeper && inKey) return Object.fromEntries(entries.map(([k, v], j) => (j === i ? [`${k}\u0000x`, v] : [k, v])));
    return { ...value, [key]: deeper ? withNul(random, child, inKey) : `${String(child)}\u0000` };
  }
  return `${String(value)}\u0000`;
}

const WORK = { type: 'Feature', id: 'nul-work', crs: { type: 'name', properties: { name: 'EPSG:28992' } }, geometry: { type: 'LineString', coordinates: [[89_000, 436_000], [89_030, 436_010]] }, properties: { type: 'sewer', name: 'Riool Hudsonstraat', network: 'lv', depth_m: 2, extra: { note: 'n', tags: ['a', 'b'] } } };

describe('NUL characters and deep nesting in any request (regression: both were 500s)', () => {
  it('refuses a NUL in a string of a valid work with 400 naming the field, where it was a 500 from PostgreSQL', async () => {
    const answer = await server.call('/api/works?crs=EPSG:28992', 'POST', { ...WORK, properties: { ...WORK.properties, name: 'Riool\u0000' } });
    expect(answer.status).toBe(400);
    expect(answer.type).toContain('application/problem+json');
    expect(answer.body.detail).toContain('body.properties.name holds a NUL character');
  });

  it(`refuses properties nested 5 000 deep with 400 before the route runs, where JSON.stringify overflowed`, async () => {
    const text = `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:28992"}},"features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[89000,436000],[89030,436010]]},"properties":{"network":"lv","deep":${nested(5_000, true)}}}]}`;
    const answer = await server.call('/api/layers/cables/features', 'POST', text);
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toContain(`deeper than ${MAX_JSON_DEPTH} levels`);
  });

  it.each(writes.map((r, i) => [`${r.method.toUpperCase()} ${fill(r)}`, r, i] as const))('%s refuses generated bodies with a NUL in a value or a key, and nesting past the limit, naming where', async (_, route, index) => {
    const random = seededRandom(SEED + 7 * index);
    const before = await snapshot(store);
    for (let n = 0; n < 12; n++) {
      const inKey = n % 2 === 1;
      const answer = await server.call(fill(route), route.method.toUpperCase(), withNul(random, WORK, inKey));
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      expect(answer.body.detail).toMatch(inKey ? /^a key of body(\.\w+)* \(".*\\u0000x"\) holds a NUL/ : /^body(\.\w+)+ holds a NUL/);
    }
    const depth = MAX_JSON_DEPTH + 1 + Math.floor(random() * 10_000);
    const deep = await server.call(fill(route), route.method.toUpperCase(), `{"a":${nested(depth - 1, random() < 0.5)}}`);
    expect(deep.status).toBe(400);
    expect(deep.body.detail).toContain(`deeper than ${MAX_JSON_DEPTH} levels`);
    expect(await snapshot(store)).toEqual(before);
  });

  it.each(server.app.doc.guards().map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s refuses a NUL in a query parameter or a path parameter with 400 naming it', async (_, route) => {
    const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'layer' ? 'cables' : DUMMY_ID));
    const query = await server.call(`${path}?crs=EPSG%3A28992%00`, route.method.toUpperCase());
    expect(query.status).toBe(400);
    expect(query.body.detail).toBe('query.crs holds a NUL character (\\u0000), which no text may contain; remove it');
    if (!route.path.includes('{')) return;
    const param = await server.call(route.path.replace(/\{(\w+)\}/g, 'a%00b'), route.method.toUpperCase());
    expect(param.status).toBe(400);
    expect(param.body.detail).toMatch(/^path segment \d+ \("a%00b"\) holds a NUL/);
  });

  it(`accepts a work whose extra properties nest ${MAX_JSON_DEPTH - 10} deep: the limit leaves room for real data`, async () => {
    const text = JSON.stringify({ ...WORK, id: 'nested-ok', properties: { ...WORK.properties, extra: 0 } }).replace('"extra":0', `"extra":${nested(MAX_JSON_DEPTH - 10, true)}`);
    const answer = await server.call('/api/works?crs=EPSG:28992', 'POST', text);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  });
});
