import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../server/demo/load.ts';
import { readCsv } from '../exports/read-back.ts';
import { serverForFile, startTestServer } from '../support/http.ts';

const { store, server } = await serverForFile('pglite', { spaceLimits: { maxArea_km2: 1, maxSegments: 30 } });
beforeAll(async () => {
  await loadDemoIfEmpty(store);
});

const DISTRICT = '89240,435730,89810,436190';
const scan = (query: string) => server.call(`/api/space?${query}`);
// Answers are read as the JSON they are.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const segments = (body: any): any[] => body.features.filter((f: { properties: { role: string } }) => f.properties.role === 'segment');

async function download(path: string) {
  const response = await fetch(server.url + path, { headers: { authorization: `Bearer ${server.token}` } });
  return { status: response.status, type: response.headers.get('content-type') ?? '', disposition: response.headers.get('content-disposition') ?? '', text: await response.text() };
}

describe('GET /api/space', () => {
  it('answers every demo segment with a verdict, its corridor and its narrowest point, in RD New on request', async () => {
    const { status, type, body } = await scan(`kind=heat&width_m=0.9&bbox=${DISTRICT}&crs=EPSG:28992`);
    expect(status).toBe(200);
    expect(type).toContain('application/geo+json');
    expect(segments(body)).toHaveLength(24);
    expect(body.summary).toEqual({ fits: 12, tight: 0, 'does-not-fit': 12, unknown: 0 });
    const hudson = body.features.find((f: { id: string }) => f.id === 'hudsonstraat-1');
    expect(hudson.properties).toMatchObject({ street: 'Hudsonstraat', verdict: 'does-not-fit', verdict_text: 'past niet', narrowest_m: 0 });
    expect(hudson.properties.taken_by).toContainEqual(expect.objectContaining({ layer: 'trees', reason: 'tree-zone' }));
    expect(hudson.properties.explanation).toMatch(/^Een sleuf van 0,90 m \(Warmte\) past niet over de hele lengte/);
    const corridor = body.features.find((f: { id: string }) => f.id === 'schiedamseweg-1/corridor');
    expect(corridor.geometry.type).toBe('MultiPolygon');
    expect(corridor.geometry.coordinates[0][0][0][0]).toBeGreaterThan(89_000);
    expect(body.features.filter((f: { properties: { role: string } }) => f.properties.role === 'narrowest')).toHaveLength(24);
  });

  it('calls a street where the store knows nothing unknown, naming the layers, never "fits"', async () => {
    // A street far from the demo district: no delivery, no register covers it.
    const far = { type: 'Feature', id: 'nowhere-1', geometry: { type: 'LineString', coordinates: [[140_000, 455_000], [140_100, 455_000]] }, properties: { name: 'Nergensstraat', segment_id: 'nowhere-1', width_m: 16, owner: 'Gemeente Rotterdam' } };
    expect((await server.call('/api/layers/streets/features?crs=EPSG:28992', 'POST', { type: 'FeatureCollection', features: [far] })).status).toBe(201);
    const { status, body } = await scan('kind=heat&width_m=0.9&bbox=139990,454990,140110,455010&crs=EPSG:28992');
    expect(status).toBe(200);
    expect(body.summary).toEqual({ fits: 0, tight: 0, 'does-not-fit': 0, unknown: 1 });
    const [street] = segments(body);
    expect(street.properties.verdict).toBe('unknown');
    expect(street.properties.unknown_layers).toEqual(['cables', 'pipes', 'sewers', 'heat', 'trees', 'stations']);
  });

  it('names the fix for RD New metres sent as degrees, and a segment that is not there', async () => {
    const rd = await scan(`kind=heat&width_m=0.9&bbox=${DISTRICT}`);
    expect(rd.status).toBe(400);
    expect(rd.body.errors).toMatchObject([{ field: 'bbox', code: 'validation.space.bbox-rd' }]);
    expect(rd.body.errors[0].reason).toContain('stuur ?crs=EPSG:28992 mee');
    const typo = await scan(`kind=heat&width_m=0.9&segments=hudsonstraat-1,hudsonstraat-9&crs=EPSG:28992`);
    expect(typo.status).toBe(400);
    expect(typo.body.errors).toMatchObject([{ field: 'segments', code: 'validation.space.segment-unknown', params: { value: '"hudsonstraat-9"' } }]);
  });

  it('takes and answers WGS84 by default, in English on request', async () => {
    // The district's bbox in WGS84, a little wider.
    const { status, body } = await scan('kind=heat&width_m=0.9&bbox=4.4310,51.9060,4.4400,51.9106&lang=en');
    expect(status).toBe(200);
    expect(segments(body)).toHaveLength(24);
    const first = segments(body)[0];
    expect(first.geometry.coordinates[0][0]).toBeCloseTo(4.435, 2);
    expect(first.properties.explanation).toMatch(/^A 0\.90 m trench \(Heat\)/);
  });

  it('scans only the named segments', async () => {
    const { body } = await scan('kind=cables&width_m=0.4&segments=hudsonstraat-2,schiedamseweg-1&crs=EPSG:28992');
    expect(segments(body).map((f: { id: string }) => f.id).sort()).toEqual(['hudsonstraat-2', 'schiedamseweg-1']);
  });

  it('refuses an unknown kind, a width out of range and a malformed bbox with reason codes', async () => {
    const kind = await scan(`kind=steam&width_m=0.9&bbox=${DISTRICT}&crs=EPSG:28992`);
    expect(kind.status).toBe(400);
    expect(kind.body.errors).toMatchObject([{ field: 'kind', code: 'validation.trench.kind-unknown' }]);
    const width = await scan(`kind=heat&width_m=90&bbox=${DISTRICT}&crs=EPSG:28992&lang=en`);
    expect(width.body.errors).toMatchObject([{ field: 'width_m', code: 'validation.trench.out-of-range', params: { max: 10 } }]);
    expect(width.body.detail).toContain('width_m 90 is outside 0.05–10');
    for (const bbox of ['1,2,3', 'a,b,c,d', '5,5,1,1', '1e400,0,1,1', '']) {
      const bad = await scan(`kind=heat&width_m=0.9&bbox=${encodeURIComponent(bbox)}&crs=EPSG:28992`);
      expect(bad.status, bbox).toBe(400);
      expect(bad.body.errors[0].code).toMatch(/^validation\.space\.(bbox|area-missing)$/);
    }
    const notANumber = await scan(`kind=heat&width_m=abc&bbox=${DISTRICT}&crs=EPSG:28992`);
    expect(notANumber.body.errors).toMatchObject([{ field: 'width_m', code: 'validation.trench.not-a-number' }]);
    const ids = Array.from({ length: 31 }, (_, i) => `s${i}`).join(',');
    const tooManyIds = await scan(`kind=heat&width_m=0.9&segments=${ids}`);
    expect(tooManyIds.status).toBe(400);
    expect(tooManyIds.body.errors).toMatchObject([{ field: 'segments', code: 'validation.space.segments', params: { max: 30 } }]);
    const nothing = await scan('kind=heat&width_m=0.9');
    expect(nothing.body.errors).toMatchObject([{ code: 'validation.space.area-missing' }]);
  });

  it('refuses an area or a segment count over the limit with 413, naming the limit', async () => {
    const wide = await scan('kind=heat&width_m=0.9&bbox=0,300000,280000,620000&crs=EPSG:28992&lang=en');
    expect(wide.status).toBe(413);
    expect(wide.type).toContain('application/problem+json');
    expect(wide.body.detail).toContain('more than the 1 km² one scan takes');
    const many = await server.call('/api/space?kind=heat&width_m=0.9&bbox=89000,435500,89900,436400&crs=EPSG:28992&lang=en');
    // 0.81 km² holds all 24 segments: under the limit of 30.
    expect(many.status).toBe(200);
    const strict = await startTestServer(store, { spaceLimits: { maxArea_km2: 1, maxSegments: 10 } });
    try {
      const refused = await strict.call('/api/space?kind=heat&width_m=0.9&bbox=89000,435500,89900,436400&crs=EPSG:28992&lang=en');
      expect(refused.status).toBe(413);
      expect(refused.body.errors).toMatchObject([{ code: 'validation.space.too-many-segments', params: { max: 10 } }]);
      expect(refused.body.detail).toContain('more street segments than the 10 one scan takes');
    } finally {
      await strict.close();
    }
  });

  it('exports CSV with Dutch headers and decimal commas, and reads back', async () => {
    const { status, type, disposition, text } = await download(`/api/space.csv?kind=heat&width_m=0.9&bbox=${DISTRICT}&crs=EPSG:28992`);
    expect(status).toBe(200);
    expect(type).toBe('text/csv; charset=utf-8');
    expect(disposition).toBe('attachment; filename="ruimtescan-heat.csv"');
    const rows = readCsv(text.replace(/^\uFEFF/, ''), ';');
    expect(rows[0]).toEqual(['straatvak', 'straat', 'oordeel', 'smalste vrije breedte (m)', 'bij (m)', 'x (RD)', 'y (RD)', 'ruimte genomen door', 'kruisingen', 'toelichting']);
    expect(rows).toHaveLength(25);
    const schiedam = rows.find((r) => r[0] === 'schiedamseweg-1')!;
    expect(schiedam[2]).toBe('past');
    expect(schiedam[3]).toMatch(/^\d+,\d\d$/);
    // RD coordinates without thousands grouping, with the Dutch decimal comma.
    expect(schiedam[5]).toMatch(/^89\d{3},\d\d$/);
    expect(schiedam[6]).toMatch(/^435\d{3},\d\d$/);
  });

  it('exports CSV in English and GeoJSON as files', async () => {
    const csv = await download(`/api/space?format=csv&kind=heat&width_m=0.9&bbox=${DISTRICT}&crs=EPSG:28992&lang=en`);
    const rows = readCsv(csv.text.replace(/^\uFEFF/, ''), ',');
    expect(rows[0]![0]).toBe('segment');
    expect(rows.find((r) => r[0] === 'schiedamseweg-1')![3]).toMatch(/^\d+\.\d\d$/);
    expect(rows.find((r) => r[0] === 'schiedamseweg-1')![5]).toMatch(/^89\d{3}\.\d\d$/);
    expect(csv.disposition).toBe('attachment; filename="space-scan-heat.csv"');
    const geojson = await download(`/api/space.geojson?kind=heat&width_m=0.9&bbox=${DISTRICT}&crs=EPSG:28992`);
    expect(geojson.type).toContain('application/geo+json');
    expect(geojson.disposition).toBe('attachment; filename="ruimtescan-heat.geojson"');
    const back = JSON.parse(geojson.text);
    expect(back.features.filter((f: { properties: { role: string } }) => f.properties.role === 'segment')).toHaveLength(24);
    const bad = await scan(`kind=heat&width_m=0.9&bbox=${DISTRICT}&format=xlsx`);
    expect(bad.body.errors).toMatchObject([{ code: 'validation.space.format' }]);
  });
});
