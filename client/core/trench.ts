import type { Feature, Geometry, LineString, Polygon, Position } from 'geojson';
import { parseCrs, RD_NEW, transformGeometry } from '../../server/geo/crs.ts';
import { lineLength } from '../../server/geo/length.ts';
import type { TrenchFeature, TrenchInput } from './types.ts';
import { TRENCH_KIND_NAMES, TRENCH_RANGES } from './types.ts';

/** Why a file is not a trench, as a catalogue key (`check.upload.*`) with its values, said in the reader's language. */
export type TrenchParseReason =
  | { key: 'check.upload.notJson' }
  | { key: 'check.upload.featureCount'; params: { count: number } }
  | { key: 'check.upload.geometry'; params: { got: string } }
  | { key: 'check.upload.crs' };
export type TrenchParse = { ok: true; feature: TrenchFeature } | { ok: false; reason: TrenchParseReason };

/**
 * Reads an uploaded GeoJSON trench: a Feature or a FeatureCollection with one LineString or Polygon, in WGS84 or
 * (with a `crs` member, or coordinates that can only be metres) RD New. Returns it in RD New, with the
 * kind/width/depth of the file where it has them and the form's values otherwise.
 *
 * @example parseTrench('{"type":"Feature","geometry":{"type":"LineString","coordinates":[[89447,435790],[89447,436170]]},"properties":{}}', defaults)
 */
export function parseTrench(text: string, defaults: TrenchInput): TrenchParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: { key: 'check.upload.notJson' } };
  }
  const root = value as { type?: string; features?: unknown[]; crs?: unknown };
  let feature = root as Feature | undefined;
  if (root?.type === 'FeatureCollection') {
    if (!Array.isArray(root.features) || root.features.length !== 1) {
      return { ok: false, reason: { key: 'check.upload.featureCount', params: { count: root.features?.length ?? 0 } } };
    }
    feature = root.features[0] as Feature;
  } else if (root?.type === 'LineString' || root?.type === 'Polygon') {
    feature = { type: 'Feature', geometry: root as Geometry, properties: {} };
  }
  const geometry = feature?.geometry;
  if (feature?.type !== 'Feature' || !geometry || (geometry.type !== 'LineString' && geometry.type !== 'Polygon')) {
    return { ok: false, reason: { key: 'check.upload.geometry', params: { got: String(geometry?.type ?? feature?.type ?? typeof value) } } };
  }
  const named = root.crs ?? (feature as { crs?: unknown }).crs;
  const crs = named ? parseCrs(String((named as { properties?: { name?: unknown } }).properties?.name ?? '')) : looksLikeRd(geometry) ? RD_NEW : 'EPSG:4326';
  if (typeof crs !== 'string') return { ok: false, reason: { key: 'check.upload.crs' } };
  const rd = (crs === RD_NEW ? geometry : transformGeometry(geometry, 'EPSG:4326', RD_NEW)) as LineString | Polygon;
  const p = (feature.properties ?? {}) as Record<string, unknown>;
  const kind = TRENCH_KIND_NAMES.find((k) => k === p.kind) ?? defaults.kind;
  const number = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
  return {
    ok: true,
    feature: {
      type: 'Feature',
      geometry: rd,
      properties: { ...p, kind, width_m: number(p.width_m, defaults.width_m), depth_m: number(p.depth_m, defaults.depth_m) },
    },
  };
}

function looksLikeRd(geometry: LineString | Polygon): boolean {
  const first = (geometry.type === 'LineString' ? geometry.coordinates[0] : geometry.coordinates[0]?.[0]) ?? [0, 0];
  return Math.abs(first[0]!) > 180 || Math.abs(first[1]!) > 90;
}

/**
 * The form's numbers that the API would refuse, with the range each must lie in: checked before sending, so an
 * empty or negative width is named in the form rather than sent.
 *
 * @example inputErrors({ kind: 'heat', width_m: -1, depth_m: 1 }) // [{ field: 'width_m', min: 0.05, max: 10 }]
 */
export function inputErrors(input: Pick<TrenchInput, 'width_m' | 'depth_m'>): { field: 'width_m' | 'depth_m'; min: number; max: number }[] {
  return (['width_m', 'depth_m'] as const).flatMap((field) => {
    const [min, max] = TRENCH_RANGES[field];
    const value = input[field];
    return Number.isFinite(value) && value >= min && value <= max && !(field === 'width_m' && value <= 0) ? [] : [{ field, min, max }];
  });
}

/** A trench from drawn RD coordinates and the form's values. */
export function drawnTrench(coordinates: Position[], input: TrenchInput): TrenchFeature {
  return { type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: { ...input } };
}

/** The trench as the API takes it: RD New, said twice (crs member and ?crs=) so no reader can mistake it. */
export function trenchForApi(trench: TrenchFeature, input: TrenchInput): TrenchFeature & { crs: unknown } {
  return {
    ...trench,
    properties: { ...trench.properties, ...input },
    crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } },
  };
}

/** Length of the trench centreline (a polygon has no chainage: its outline length is used for the section slider). */
export function trenchLength(trench: TrenchFeature): number {
  const g = trench.geometry;
  return lineLength(g.type === 'LineString' ? g.coordinates : (g.coordinates[0] ?? []));
}

export function trenchLine(trench: TrenchFeature): Position[] {
  const g = trench.geometry;
  return g.type === 'LineString' ? g.coordinates : (g.coordinates[0] ?? []);
}
