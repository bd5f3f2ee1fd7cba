import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { LayerName } from '../domain/assets/layers.ts';
import type { CoverageKind } from '../domain/coverage/coverage.ts';
import type { BBox } from '../geo/crs.ts';
import type { Repositories } from '../store/index.ts';

/** A coverage area as listed: one feature per source and area, with every layer and owner it covers. */
export interface CoverageProperties {
  type: 'coverage';
  source: string;
  kind: CoverageKind;
  layers: LayerName[];
  owners: string[];
  imported_at: string;
}

/** A precaution zone as listed. */
export interface PrecautionProperties {
  type: 'precaution';
  id: string;
  source: string;
  owner: string;
  layer: LayerName;
  demand: string;
  network?: string;
  contact?: { name?: string; phone?: string; email?: string };
  attachment?: { note?: string; file?: string };
  imported_at: string;
}

export type CoverageFeature = Feature<Polygon | MultiPolygon, CoverageProperties | PrecautionProperties>;

/**
 * What is known where, in RD New: the coverage areas meeting `bbox` (all when absent), the areas a source recorded
 * per layer and owner folded into one feature per area, then the precaution zones.
 *
 * @example await listCoverage(store, [89_000, 435_000, 90_000, 437_000]) // { type: 'FeatureCollection', features: [{ properties: { type: 'coverage', kind: 'district', layers: [...] } }, ...] }
 */
export async function listCoverage(store: Pick<Repositories, 'coverage'>, bbox: BBox | undefined): Promise<FeatureCollection<Polygon | MultiPolygon, CoverageProperties | PrecautionProperties>> {
  const { coverage, precautions } = await store.coverage.inBbox(bbox);
  const areas = new Map<string, Feature<Polygon | MultiPolygon, CoverageProperties>>();
  for (const a of coverage) {
    const key = `${a.source}\u0000${a.kind}\u0000${JSON.stringify(a.geometry)}`;
    let f = areas.get(key);
    if (!f) areas.set(key, (f = { type: 'Feature', geometry: a.geometry, properties: { type: 'coverage', source: a.source, kind: a.kind, layers: [], owners: [], imported_at: a.imported_at } }));
    if (!f.properties.layers.includes(a.layer)) f.properties.layers.push(a.layer);
    if (a.owner && !f.properties.owners.includes(a.owner)) f.properties.owners.push(a.owner);
  }
  const zones = precautions.map(({ geometry, network_id: _n, theme: _t, ...z }): Feature<Polygon | MultiPolygon, PrecautionProperties> => ({
    type: 'Feature',
    id: z.id,
    geometry,
    properties: { type: 'precaution', ...z },
  }));
  return { type: 'FeatureCollection', features: [...areas.values(), ...zones] };
}
