import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import type { LayeredAsset, LayerName } from '../../server/domain/assets/layers.ts';
import type { Trench } from '../../server/domain/check/check.types.ts';
import { validateTrench } from '../../server/domain/check/trench.validation.ts';

export const CHECK_FIXTURES = 'test/fixtures/check';

export interface CheckFixture {
  name: string;
  description: string;
  input: FeatureCollection;
  trench: Trench;
  assets: LayeredAsset[];
}

/** Every golden case of the check: the trench (role: trench) and the assets (properties.layer) of one file, RD New. */
export function checkFixtures(): CheckFixture[] {
  return readdirSync(CHECK_FIXTURES)
    .filter((f) => f.endsWith('.in.geojson'))
    .sort()
    .map((file) => {
      const input = JSON.parse(readFileSync(join(CHECK_FIXTURES, file), 'utf8')) as FeatureCollection & { description: string };
      const [trenchFeature, ...rest] = input.features;
      const { role: _role, ...props } = trenchFeature!.properties ?? {};
      const validated = validateTrench({ ...trenchFeature, properties: props }, 'EPSG:28992');
      if (!validated.valid) throw new Error(`${file}: ${JSON.stringify(validated.errors)}`);
      return { name: file.replace('.in.geojson', ''), description: input.description, input, trench: validated.trench, assets: rest.map(toAsset) };
    });
}

function toAsset(f: Feature): LayeredAsset {
  const { layer, ...properties } = f.properties as { layer: LayerName; owner: string; status: 'existing' };
  return { type: 'Feature', id: String(f.id), layer, geometry: f.geometry, properties: { version: 1, ...properties } };
}
