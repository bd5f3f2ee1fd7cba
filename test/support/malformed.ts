import { seeded } from '../../server/demo/seeded.ts';

/** One malformed request body: raw bytes as sent, its content type and a short name of what is wrong with it. */
export interface MalformedBody {
  kind: string;
  contentType: string;
  text: string | Blob;
}

export const FUZZ_LAYER_ID = 'fuzz-c1';
const RD = { crs: { type: 'name', properties: { name: 'EPSG:28992' } } };
const line = [[89_000, 436_000], [89_030, 436_010]];
const trench = { type: 'Feature', geometry: { type: 'LineString', coordinates: line }, properties: { kind: 'heat', width_m: 0.8, depth_m: 1 } };

/**
 * Plausible bodies for the write routes, each already refused somewhere (an id that exists, a stale version), so a
 * mutation that happens to leave them valid still stores nothing. Mutations then break them further.
 */
const TEMPLATES: (() => Record<string, unknown>)[] = [
  () => ({ type: 'FeatureCollection', ...RD, features: [{ type: 'Feature', id: FUZZ_LAYER_ID, geometry: { type: 'LineString', coordinates: line }, properties: { network: 'lv', depth_m: 0.6 } }] }),
  () => ({ type: 'Feature', id: FUZZ_LAYER_ID, ...RD, geometry: { type: 'LineString', coordinates: line }, properties: { network: 'lv', version: 99 } }),
  () => ({ ...trench, ...RD }),
  () => ({ name: 7, feature: { ...trench, ...RD, properties: { kind: 'heat', width_m: -1, depth_m: 1 } } }),
  () => ({ name: 'fuzz', feature: { ...trench, geometry: { type: 'Polygon', coordinates: [[[89_000, 436_000], [89_010, 436_010], [89_000, 436_010], [89_010, 436_000], [89_000, 436_000]]] } }, version: 1 }),
  () => ({ decision: 'maybe', reason: '', version: 1 }),
  () => ({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[4.43, 51.9], [4.44, 51.9], [4.44, 51.91]]] }, properties: { kind: 'sewer', start: 'yesterday' } }] }),
  () => ({ options: { horizonYears: 'ten', start: 'not a date', weights: [NaN] } }),
  () => ({ organisation: '', kind: 'martian', role: 'root' }),
];

/** Values of the wrong type or out of any sane range; strings mimic what a careless client serialises. */
const WRONG: unknown[] = [
  null, true, false, 0, -1, -0, 1e308, -1e308, 5e-324, 9_007_199_254_740_993, 'NaN', 'Infinity', '-Infinity', '1e400', '',
  ' ', 'x'.repeat(5_000), [], [[]], [[[]]], {}, { type: 'Point' }, [1e308, 1e308], [Number.MAX_VALUE, -Number.MAX_VALUE],
  ['4.4', '51.9'], [4.4], [4.4, 51.9, 1e308, 7], '2026-02-30', '../../etc/passwd', '<script>alert(1)</script>', "'; DROP TABLE features; --",
  '\u0000', '\ud800', { $gt: '' }, [null, null], { coordinates: 'Infinity' },
];

const GEOMETRIES: unknown[] = [
  { type: 'LineString', coordinates: [[1e308, 1e308], [-1e308, 1e308]] },
  { type: 'LineString', coordinates: [[89_000, 436_000]] },
  { type: 'LineString', coordinates: [[89_000, 436_000], [89_000, 436_000]] },
  { type: 'LineString', coordinates: [] },
  { type: 'LineString', coordinates: [['89000', '436000'], ['x', 'y']] },
  { type: 'Polygon', coordinates: [[[89_000, 436_000], [89_010, 436_000], [89_010, 436_010]]] },
  { type: 'Polygon', coordinates: [[[89_000, 436_000], [89_010, 436_010], [89_000, 436_010], [89_010, 436_000], [89_000, 436_000]]] },
  { type: 'Polygon', coordinates: [[]] },
  { type: 'Polygon', coordinates: [] },
  { type: 'Polygon', coordinates: [[[1e308, 0], [0, 1e308], [-1e308, 0], [1e308, 0]]] },
  { type: 'MultiPolygon', coordinates: [[[[]]]] },
  { type: 'MultiPolygon', coordinates: [[]] },
  { type: 'MultiPolygon', coordinates: [] },
  { type: 'MultiLineString', coordinates: [] },
  { type: 'GeometryCollection', geometries: [] },
  { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [0, 0] }] },
  { type: 'Point', coordinates: [5e-324, -5e-324] },
  { type: 'LineString', coordinates: [[4.43, 51.9], [200, 95]] },
  { type: 'LineString', coordinates: Array.from({ length: 200_001 }, (_, i) => [89_000 + i / 1000, 436_000]) },
  { type: 'Circle', coordinates: [89_000, 436_000], radius: 5 },
];

const BROKEN_TEXT = [
  '', ' ', '{', '}', '[', '{"type":', '{"type":"FeatureCollection","features":[', "{'type':'Feature'}", '{"a":1,}', '[1,2,,3]',
  '{"x": NaN}', '{"x": Infinity}', '{"x": -Infinity}', '{"x": 1e400}', '{"x": -1e400}', '{"x": 0x10}', '{"x": .5}', '{"x": 01}',
  'null', 'true', '0', '"a string"', '[]', '\ufeff{}', '{"a":"\\ud800"}', '{"a":"\\u0000"}', '{"a" 1}', '\u0000\u0001\u0002',
  '{"type":"Feature"}{"type":"Feature"}', '{"__proto__":', 'undefined', '{"a":"unterminated}',
];

/** Keys that pollute prototypes when code merges objects naively. Written as text: an object literal cannot carry them. */
const POLLUTERS = [
  '{"__proto__":{"polluted":"yes","owner":"root","role":"admin"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"type":"FeatureCollection","features":[{"type":"Feature","__proto__":{"polluted":"yes"},"geometry":{"type":"Point","coordinates":[89000,436000]},"properties":{"__proto__":{"polluted":"yes","owner":"root"}}}]}',
  '{"type":"Feature","geometry":{"type":"LineString","coordinates":[[89000,436000],[89030,436010]]},"properties":{"constructor":{"prototype":{"polluted":"yes"}},"kind":"heat","width_m":"x"}}',
  '{"name":"x","feature":{"__proto__":{"type":"Feature"}},"options":{"__proto__":{"polluted":"yes"}}}',
  '{"organisation":"x","role":"viewer","__proto__":{"role":"admin"},"kind":{"__proto__":null}}',
];

/** `depth` nested arrays (or objects), built as text so the generator itself does not recurse. */
export function nested(depth: number, object = false, inside = ''): string {
  return object ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : inside + '['.repeat(depth) + ']'.repeat(depth);
}

/** A multipart upload with one `file` field of garbage for the import route. */
function multipart(random: () => number, name: string, content: Uint8Array | string): MalformedBody {
  const boundary = `fuzz${Math.floor(random() * 1e9)}`;
  const head = `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${name}"\r\ncontent-type: application/octet-stream\r\n\r\n`;
  const body = Buffer.concat([Buffer.from(head), Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { kind: `multipart ${name}`, contentType: `multipart/form-data; boundary=${boundary}`, text: new Blob([body]) };
}

function garbageFiles(random: () => number): MalformedBody[] {
  const bytes = (n: number) => new Uint8Array(Array.from({ length: n }, () => Math.floor(random() * 256)));
  const zipHead = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...bytes(200)]);
  return [
    multipart(random, 'delivery.zip', zipHead),
    multipart(random, 'delivery.zip', bytes(1_000)),
    multipart(random, 'delivery.xml', '<?xml version="1.0"?><gml:FeatureCollection><imkl:Elektriciteitskabel><net:link xlink:href="#nowhere"/>'),
    multipart(random, 'delivery.xml', '<a>'.repeat(10_000)),
    multipart(random, 'trees.geojson', '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1e308,"x"]},"properties":{"DIAMETER":"NaN"}}]}'),
    multipart(random, 'trees.geojson', nested(10_000)),
    multipart(random, 'unknown.bin', bytes(64)),
    { kind: 'multipart without boundary', contentType: 'multipart/form-data', text: 'garbage' },
  ];
}

/** A copy of `value` with the thing at a random path replaced by `replacement`. */
function mutate(random: () => number, value: unknown, replacement: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null || depth > 6 || random() < 0.25) return replacement;
  if (Array.isArray(value)) {
    if (value.length === 0) return replacement;
    const i = Math.floor(random() * value.length);
    return value.map((v, j) => (j === i ? mutate(random, v, replacement, depth + 1) : v));
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[Math.floor(random() * keys.length)]!;
  return { ...value, [key]: mutate(random, (value as Record<string, unknown>)[key], replacement, depth + 1) };
}

/**
 * `count` malformed bodies from `seed`: broken JSON text, wrong types, NaN/Infinity as strings, huge numbers and
 * coordinates, unclosed and self-intersecting rings, prototype-pollution keys; with `extremes`, also 10 MB strings
 * and 10 000-deep nesting (slow to send, so a few per route); with `multipart`, garbage uploads.
 */
export function malformedBodies(seed: number, count: number, { extremes = true, multipart = false } = {}): MalformedBody[] {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const json = (kind: string, text: string): MalformedBody => ({ kind, contentType: pick(['application/json', 'application/geo+json']), text });
  const out: MalformedBody[] = [];
  if (extremes) {
    const big = 'x'.repeat(10 * 1024 * 1024);
    out.push(json('10 MB name', JSON.stringify({ name: big, feature: trench })));
    // RD New and an id that exists: valid but for its size, so the 10 MB owner travels all the way to the store.
    out.push(json('10 MB property', `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:28992"}},"features":[{"type":"Feature","id":"${FUZZ_LAYER_ID}","geometry":{"type":"LineString","coordinates":[[89000,436000],[89030,436010]]},"properties":{"network":"lv","owner":"${big}"}}]}`));
    out.push(json('10 000-deep arrays', nested(10_000)));
    out.push(json('10 000-deep coordinates', `{"type":"Feature","geometry":{"type":"LineString","coordinates":${nested(10_000)}},"properties":{}}`));
    out.push(json('10 000-deep objects', nested(10_000, true)));
    out.push(json('10 000-deep features', `{"type":"FeatureCollection","features":${nested(10_000)}}`));
  }
  if (multipart) out.push(...garbageFiles(random));
  for (const text of POLLUTERS) out.push(json('prototype pollution', text));
  while (out.length < count) {
    const roll = random();
    if (roll < 0.15) out.push(json('broken JSON', pick(BROKEN_TEXT)));
    else if (roll < 0.25) {
      const text = JSON.stringify(pick(TEMPLATES)());
      out.push(json('truncated JSON', text.slice(0, Math.floor(random() * text.length))));
    } else if (roll < 0.6) out.push(json('wrong type', JSON.stringify(mutate(random, pick(TEMPLATES)(), pick(WRONG)))));
    else if (roll < 0.85) {
      const geometry = pick(GEOMETRIES);
      out.push(json('bad geometry', JSON.stringify(pick([
        { type: 'FeatureCollection', features: [{ type: 'Feature', id: FUZZ_LAYER_ID, geometry, properties: { network: 'lv' } }] },
        { type: 'Feature', geometry, properties: { kind: 'heat', width_m: 0.8, depth_m: 1, version: 99 } },
        { name: 'fuzz', feature: { type: 'Feature', geometry, properties: { kind: 'heat', width_m: 0.8, depth_m: 1 } } },
      ]))));
    } else out.push(json('wrong type at the top', JSON.stringify(pick(WRONG))));
  }
  return out;
}
