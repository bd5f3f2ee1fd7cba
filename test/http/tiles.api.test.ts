import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import type { Asset } from '../../server/domain/assets/layers.ts';
import type { BBox } from '../../server/geo/crs.ts';
import { rdTileBounds, rdTilesCovering } from '../../server/geo/rd-tile-grid.ts';
import { MERGED_BELOW_Z, readTile, TILE_BUFFER, TILE_EXTENT } from '../../server/store/tile-store.ts';
import { serverForFile } from '../support/http.ts';
import { storeKinds } from '../support/store.ts';

// A level-12 tile (0.84 m per pixel, 215 m wide) over a few Rotterdam cables, a station and a tree.
const TILE = rdTilesCovering([90_050, 436_050, 90_050, 436_050], 12)[0]!;
const [minX, minY, maxX, maxY] = rdTileBounds(TILE);
const span = maxX - minX;
const edge = (span * TILE_BUFFER) / TILE_EXTENT;
const BUFFERED: BBox = [minX - edge, minY - edge, maxX + edge, maxY + edge];

const asset = (id: string, geometry: Asset['geometry'], properties: Record<string, unknown> = {}): Asset => ({
  type: 'Feature',
  id,
  geometry,
  properties: { owner: 'Stedin', status: 'existing', version: 1, ...properties },
});
const line = (id: string, from: [number, number], to: [number, number], properties?: Record<string, unknown>) =>
  asset(id, { type: 'LineString', coordinates: [from, to] }, properties);
const square = (x: number, y: number, side: number): Asset['geometry'] => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]]],
});

/** Tile units (y down from the tile's top) back to RD New metres. */
const toRd = ({ x, y }: { x: number; y: number }): [number, number] => [minX + (x * span) / TILE_EXTENT, maxY - (y * span) / TILE_EXTENT];

describe.each(await Promise.all(storeKinds().map(async (kind) => [kind, await serverForFile(kind)] as const)))('vector tiles on the %s store', (_kind, { store, server }) => {
  const url = (layer: string, z: number | string, x: number | string, y: number | string) => `${server.url}/api/tiles/${layer}/${z}/${x}/${y}.mvt`;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(path, { headers: { authorization: `Bearer ${server.token}`, ...headers } });
  const decode = async (response: Response) => new VectorTile(new PbfReader(new Uint8Array(await response.arrayBuffer())));

  it('holds the features a bbox query of the same layer finds, with the attributes the map styles by', async () => {
    await store.features.insert('cables', [
      line('c-in', [minX + 20, minY + 30], [minX + 120, minY + 30], { depth_m: 0.6 }),
      line('c-across', [minX - 50, minY + 100], [minX + 50, minY + 100], { status: 'planned', depth_m: 'unknown' }),
      line('c-far', [minX + 5_000, minY + 30], [minX + 5_100, minY + 30]),
    ]);
    await store.features.insert('trees', [asset('t-1', { type: 'Point', coordinates: [minX + 60, minY + 60] }, { owner: 'Gemeente Rotterdam' })]);
    const response = await get(url('cables', TILE.z, TILE.x, TILE.y));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/vnd.mapbox-vector-tile');
    const tile = await decode(response);
    expect(Object.keys(tile.layers)).toEqual(['cables']);
    const layer = tile.layers.cables!;
    const features = Array.from({ length: layer.length }, (_, i) => layer.feature(i));
    const byId = new Map(features.map((f) => [f.properties.id, f]));
    const expected = (await store.features.inBbox('cables', BUFFERED)).map((a) => a.id).sort();
    expect([...byId.keys()].sort()).toEqual(expected);
    expect(expected).toEqual(['c-across', 'c-in']);
    expect(byId.get('c-in')!.properties).toEqual({ id: 'c-in', layer: 'cables', owner: 'Stedin', status: 'existing', depth_m: 0.6 });
    // A depth that is not a number is left out rather than sent as text the style cannot read.
    expect(byId.get('c-across')!.properties).toEqual({ id: 'c-across', layer: 'cables', owner: 'Stedin', status: 'planned' });
    const [a, b] = byId.get('c-in')!.loadGeometry()[0]!;
    expect(toRd(a!)[0]).toBeCloseTo(minX + 20, 0);
    expect(toRd(a!)[1]).toBeCloseTo(minY + 30, 0);
    expect(toRd(b!)[0]).toBeCloseTo(minX + 120, 0);
    // The line across the tile's left edge is cut at the buffer, not carried to its far end.
    const across = byId.get('c-across')!.loadGeometry()[0]!.map(toRd);
    expect(Math.min(...across.map(([x]) => x))).toBeGreaterThanOrEqual(minX - edge - 0.1);
  });

  it('writes polygons with the exterior ring wound as the tile format requires, so a viewer fills them', async () => {
    await store.features.insert('stations', [asset('s-1', square(minX + 100, minY + 100, 20), { owner: 'Stedin' })]);
    const tile = await decode(await get(url('stations', TILE.z, TILE.x, TILE.y)));
    const feature = tile.layers.stations!.feature(0);
    expect(feature.type).toBe(3);
    const ring = feature.loadGeometry()[0]!;
    // Surveyor's formula in tile units: positive for an exterior ring (MVT 2.1, 4.3.4.4).
    const area = ring.reduce((sum, p, i) => { const q = ring[(i + 1) % ring.length]!; return sum + p.x * q.y - q.x * p.y; }, 0) / 2;
    expect(area).toBeGreaterThan(0);
    const xs = ring.map((p) => toRd(p)[0]);
    expect(Math.min(...xs)).toBeCloseTo(minX + 100, 0);
    expect(Math.max(...xs)).toBeCloseTo(minX + 120, 0);
  });

  it('answers 204 for a tile with no features of the layer', async () => {
    expect((await get(url('heat', TILE.z, TILE.x, TILE.y))).status).toBe(204);
    expect((await get(url('cables', TILE.z, TILE.x + 3, TILE.y))).status).toBe(204);
  });

  it('refuses a z/x/y outside the grid or an unknown layer with a 400 problem', async () => {
    for (const [layer, z, x, y] of [['cables', 17, 0, 0], ['cables', 3, 8, 0], ['cables', 3, 0, -1], ['cables', 3, 'a', 0], ['cables', '1.5', 0, 0], ['pylons', 3, 0, 0]] as const) {
      const response = await get(url(layer, z, x, y));
      expect(response.status, `${layer}/${z}/${x}/${y}`).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('asks for the same grant as the layers: no token, no tile', async () => {
    expect((await fetch(url('cables', TILE.z, TILE.x, TILE.y))).status).toBe(401);
  });

  it('revalidates by ETag: 304 while the layer is unchanged, the new tile once it is written', async () => {
    const first = await get(url('cables', TILE.z, TILE.x, TILE.y));
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"\d+-cables-\d+"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect((await get(url('cables', TILE.z, TILE.x, TILE.y), { 'if-none-match': etag })).status).toBe(304);
    // A write to another layer leaves the cables' tiles valid.
    await store.features.insert('trees', [asset('t-2', { type: 'Point', coordinates: [minX + 70, minY + 70] })]);
    expect((await get(url('cables', TILE.z, TILE.x, TILE.y), { 'if-none-match': etag })).status).toBe(304);
    await store.features.insert('cables', [line('c-new', [minX + 10, minY + 10], [minX + 40, minY + 10])]);
    const after = await get(url('cables', TILE.z, TILE.x, TILE.y), { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    // Made once per version: the new version's tile is made now, and kept for the next reader.
    expect(after.headers.get('x-tile-cache')).toBe('miss');
    expect((await get(url('cables', TILE.z, TILE.x, TILE.y))).headers.get('x-tile-cache')).toBe('hit');
    const layer = (await decode(after)).layers.cables!;
    expect(Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties.id)).toContain('c-new');
  });

  it('leaves out lines smaller than a pixel at a city-wide level, and keeps points', async () => {
    const far = rdTilesCovering([minX + 60, minY + 60, minX + 60, minY + 60], 4)[0]!;
    // At level 4 a pixel is 215 m: the 100 m cable would be a dot; the tree is a point and stays.
    expect((await get(url('cables', far.z, far.x, far.y))).status).toBe(204);
    const trees = (await decode(await get(url('trees', far.z, far.x, far.y)))).layers.trees!;
    expect(trees.length).toBeGreaterThan(0);
  });

  it('carries the property a feature is coloured by (network, medium, system, type) where the feature has it', async () => {
    await store.features.insert('cables', [line('c-lv', [minX + 20, minY + 30], [minX + 80, minY + 30], { network: 'lv' })]);
    const layer = (await decode(await get(url('cables', TILE.z, TILE.x, TILE.y)))).layers.cables!;
    const byId = new Map(Array.from({ length: layer.length }, (_, i) => [layer.feature(i).properties.id, layer.feature(i).properties]));
    expect(byId.get('c-lv')).toMatchObject({ network: 'lv', status: 'existing', owner: 'Stedin' });
    expect(byId.get('c-in')).not.toHaveProperty('network');
  });

  it('carries at most the feature limit, so a tile over a whole city has a bounded cost', async () => {
    expect((await readTile(store.db, 'cables', TILE, { limit: 2 })).features).toBe(2);
  });

  it('below level 10 holds one feature per layer, status and colour, lines merged where they meet, points one per pixel, no asset ids', async () => {
    await store.features.insert('cables', [
      line('m-1', [minX + 300, minY + 300], [minX + 400, minY + 300]),
      line('m-2', [minX + 400, minY + 300], [minX + 500, minY + 300]),
      // Another network is another colour on the map: merged apart from the rest, its network kept.
      line('m-mv', [minX + 300, minY + 400], [minX + 500, minY + 400], { network: 'mv' }),
    ]);
    await store.features.insert('trees', [asset('t-near', { type: 'Point', coordinates: [minX + 61, minY + 61] })]);
    const far = rdTilesCovering([minX + 60, minY + 60, minX + 60, minY + 60], MERGED_BELOW_Z - 1)[0]!;
    const [fx0, , fx1] = rdTileBounds(far);
    const metres = (units: number) => (units * (fx1 - fx0)) / TILE_EXTENT;
    const tile = await decode(await get(url('cables', far.z, far.x, far.y)));
    const cables = Array.from({ length: tile.layers.cables!.length }, (_, i) => tile.layers.cables!.feature(i));
    expect(cables.map((f) => f.properties).sort((a, b) => `${a.status}${a.network}`.localeCompare(`${b.status}${b.network}`))).toEqual([
      { layer: 'cables', status: 'existing', network: 'lv' },
      { layer: 'cables', status: 'existing', network: 'mv' },
      { layer: 'cables', status: 'existing' },
      { layer: 'cables', status: 'planned' },
    ]);
    // m-1 and m-2 meet end to end: one line 200 m long, not two of 100 m.
    const lengths = cables.flatMap((f) => f.loadGeometry().map((part) => metres(Math.max(...part.map((p) => p.x)) - Math.min(...part.map((p) => p.x)))));
    expect(lengths.some((m) => Math.abs(m - 200) < 7)).toBe(true);
    // t-1 and t-near are a metre apart, in the same 6.7 m pixel: one point for both.
    const trees = (await decode(await get(url('trees', far.z, far.x, far.y)))).layers.trees!;
    const points = Array.from({ length: trees.length }, (_, i) => trees.feature(i).loadGeometry().flat()).flat();
    expect(points.length).toBeLessThan((await store.features.inBbox('trees', rdTileBounds(far))).length);
  });

  describe('one tile for every layer', () => {
    const all = (z: number | string, x: number | string, y: number | string, query = '') => `${server.url}/api/tiles/${z}/${x}/${y}.mvt${query}`;
    const idsOf = (tile: VectorTile, name: string) => {
      const layer = tile.layers[name]!;
      return Array.from({ length: layer.length }, (_, i) => String(layer.feature(i).properties.id)).sort();
    };

    it('holds each layer with features there as a tile layer named after it, matching a bbox query of that layer', async () => {
      const response = await get(all(TILE.z, TILE.x, TILE.y));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/vnd.mapbox-vector-tile');
      const tile = await decode(response);
      expect(Object.keys(tile.layers).sort()).toEqual(['cables', 'stations', 'trees']);
      for (const name of ['cables', 'stations', 'trees'] as const) {
        expect(idsOf(tile, name), name).toEqual((await store.features.inBbox(name, BUFFERED)).map((a) => a.id).sort());
      }
      expect(Number(response.headers.get('x-tile-features'))).toBe(['cables', 'stations', 'trees'].reduce((n, name) => n + tile.layers[name]!.length, 0));
    });

    it('holds only the layers asked for, and refuses an unknown one with a 400 problem', async () => {
      const tile = await decode(await get(all(TILE.z, TILE.x, TILE.y, '?layers=trees,heat,trees')));
      expect(Object.keys(tile.layers)).toEqual(['trees']);
      for (const query of ['?layers=cables,pylons', '?layers=', '?layers=cables&layers=trees']) {
        const response = await get(all(TILE.z, TILE.x, TILE.y, query));
        expect(response.status, query).toBe(400);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
      }
      const response = await get(all(TILE.z, TILE.x, TILE.y, '?layers=pylons'));
      expect((await response.json() as { detail: string }).detail).toContain('"pylons"');
    });

    it('answers 204 where no layer has features, 400 for a z/x/y outside the grid, 401 without a token', async () => {
      expect((await get(all(TILE.z, TILE.x + 3, TILE.y))).status).toBe(204);
      expect((await get(all(TILE.z, TILE.x, TILE.y, '?layers=heat'))).status).toBe(204);
      for (const [z, x, y] of [[17, 0, 0], [3, 8, 0], [3, 'a', 0]] as const) expect((await get(all(z, x, y))).status, `${z}/${x}/${y}`).toBe(400);
      expect((await fetch(all(TILE.z, TILE.x, TILE.y))).status).toBe(401);
    });

    it('revalidates by the versions of the layers it holds: a write to one of them makes a new tile, to another not', async () => {
      const first = await get(all(TILE.z, TILE.x, TILE.y, '?layers=cables,trees'));
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"\d+-cables-\d+\+trees-\d+"$/);
      expect((await get(all(TILE.z, TILE.x, TILE.y, '?layers=cables,trees'), { 'if-none-match': etag })).status).toBe(304);
      await store.features.insert('stations', [asset('s-2', square(minX + 150, minY + 150, 10))]);
      expect((await get(all(TILE.z, TILE.x, TILE.y, '?layers=cables,trees'), { 'if-none-match': etag })).status).toBe(304);
      await store.features.insert('trees', [asset('t-3', { type: 'Point', coordinates: [minX + 80, minY + 80] })]);
      const after = await get(all(TILE.z, TILE.x, TILE.y, '?layers=cables,trees'), { 'if-none-match': etag });
      expect(after.status).toBe(200);
      expect(idsOf(await decode(after), 'trees')).toContain('t-3');
    });
  });
});
