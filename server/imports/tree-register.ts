import type { Feature } from 'geojson';
import { createCollector, withoutUndefined } from './collect.ts';
import { readGeoJson, textProperty } from './geojson-source.ts';
import { type TreeMapping, TreeMappingSchema, loadMapping } from './mapping.ts';
import type { ImportOptions, ImportResult } from './types.ts';

/**
 * Imports a municipal tree register (GeoJSON points) into the `trees` layer through a mapping file; the default is
 * data/mappings/rotterdam-trees.json. Each tree gets id `<id_prefix>:<register id>`, owner = the municipality,
 * `stem_diameter_cm`, `crown_diameter_m` (from the crown-class table), `protected`, `street`, `species`; the
 * register's own properties are kept untouched under `source_properties`.
 *
 * @example
 * const result = await importTreeRegister('bomen_bospolder_tussendijken.geojson');
 * if (result.ok) result.report.counts // { trees: 1957 }
 */
export async function importTreeRegister(source: string, mapping: TreeMapping | string = 'rotterdam-trees', options: Pick<ImportOptions, 'name' | 'limits'> = {}): Promise<ImportResult> {
  const startedAt = performance.now();
  const checked = await loadMapping(TreeMappingSchema, mapping);
  if (!checked.ok) return checked;
  const m = checked.mapping;
  const read = await readGeoJson(source, options);
  if (!read.ok) return read;
  const { features, crs, bytes } = read.source;
  const out = createCollector();
  const protectedValues = new Set(m.protected_values.map((v) => v.trim().toLowerCase()));

  features.forEach((feature, index) => {
    const props = (feature?.properties ?? {}) as Record<string, unknown>;
    const registerId = textProperty(props, m.fields.id);
    if (!registerId) return out.skip(`#${index}`, 'tree', `no ${m.fields.id} (register id); the tree cannot be matched on a later import`);
    const id = `${m.id_prefix}:${registerId}`;
    const number = (name: string | undefined) => {
      const text = name ? textProperty(props, name) : undefined;
      const value = text === undefined ? undefined : Number(text.replace(',', '.'));
      return value !== undefined && Number.isFinite(value) && value > 0 ? value : undefined;
    };
    const crownClass = textProperty(props, m.fields.crown_class ?? '');
    let crown = number(m.fields.crown_diameter_m);
    if (crown === undefined && crownClass !== undefined) {
      crown = m.crown_diameter_m_by_class[crownClass];
      if (crown === undefined) out.warn(id, `crown class ${JSON.stringify(crownClass)} is not in the mapping's class table; crown diameter left empty`);
    }
    const protection = textProperty(props, m.fields.protection ?? '');
    const tree: Feature = {
      type: 'Feature',
      id,
      geometry: feature?.geometry ?? null,
      properties: withoutUndefined({
        owner: m.owner,
        status: 'existing',
        source: m.source,
        source_id: registerId,
        stem_diameter_cm: number(m.fields.stem_diameter_cm),
        crown_diameter_m: crown,
        crown_class: crownClass,
        protected: protection !== undefined && protectedValues.has(protection.toLowerCase()),
        protection,
        street: textProperty(props, m.fields.street ?? ''),
        species: textProperty(props, m.fields.species ?? ''),
        source_properties: props,
      }),
    };
    out.add('trees', tree, 'tree', crs);
  });
  // The register knows its trees inside the area it declares, else inside the hull of its trees.
  out.coverFeatures('trees', m.owner, m.coverage_area);
  return out.finish({ format: 'tree-register', source: m.source, bytes, startedAt });
}

