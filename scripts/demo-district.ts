/**
 * Writes the demo district as GeoJSON files (RD New), one per layer plus works.geojson, to look at in any GIS
 * or to post to the API.
 *
 *   npm run demo -- [out-folder]      (default: data/demo)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { demoDistrict } from '../server/demo/district.ts';

const out = resolve(process.argv[2] ?? 'data/demo');
const crs = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } };
const { layers, works } = demoDistrict();
mkdirSync(out, { recursive: true });
for (const [layer, features] of Object.entries(layers)) {
  writeFileSync(join(out, `${layer}.geojson`), JSON.stringify({ type: 'FeatureCollection', crs, features }, null, 1));
}
const workFeatures = works.map(({ geometry, ...properties }) => ({ type: 'Feature', id: properties.id, geometry, properties }));
writeFileSync(join(out, 'works.geojson'), JSON.stringify({ type: 'FeatureCollection', crs, features: workFeatures }, null, 1));
console.log(`demo district written to ${out}: ${Object.entries(layers).map(([l, f]) => `${l} ${f.length}`).join(', ')}, works ${works.length}`);
