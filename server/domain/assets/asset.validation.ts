import type { Geometry } from 'geojson';
import type { Crs } from '../../geo/crs.ts';
import { type VertexLimits, assetBounds, validateGeometry } from '../../geo/geometry.validation.ts';
import {
  type Asset,
  type AssetProperties,
  type LayerName,
  LAYER_SPECS,
  NUMERIC_RANGES,
  STATUSES,
  UNITLESS_NAMES,
} from './layers.ts';

/** Reason codes for a feature that cannot be stored, beside the geometry reasons. */
export const FEATURE_REASONS = {
  notFeature: 'not-a-feature',
  missingProperty: 'property-missing',
  badEnum: 'property-not-allowed',
  badNumber: 'property-not-a-number',
  outOfRange: 'property-out-of-range',
  unitless: 'property-without-unit',
  badId: 'id-invalid',
  duplicateId: 'id-duplicate',
  notCollection: 'not-a-feature-collection',
  tooMany: 'too-many-features',
} as const;

export interface FeatureError {
  /** Index of the feature in the request's `features` array; -1 for the collection itself. */
  index: number;
  code: string;
  reason: string;
}

export type FeaturesValidation = { valid: true; assets: Asset[] } | { valid: false; errors: FeatureError[] };

export interface FeatureValidationOptions {
  maxFeatures?: number;
  maxCoordinates?: number;
  /** Positions allowed on an asset line and an asset polygon (defaults: DEFAULT_VERTEX_LIMITS). */
  vertexLimits?: Partial<VertexLimits>;
}

const MAX_ID_LENGTH = 200;

/**
 * Validates a FeatureCollection for one layer and returns its features as RD New assets, or every bad feature
 * with its index and reason (one bad feature fails the whole collection; nothing partial is returned).
 * Assets get `version: 1` and `status: 'existing'` when not given; unknown properties are kept.
 *
 * @example
 * validateFeatureCollection({ type: 'FeatureCollection', features: [cable] }, 'cables', 'EPSG:28992')
 *   // { valid: true, assets: [{ type: 'Feature', id: 'c1', geometry: {...}, properties: { owner: 'Stedin', network: 'lv', status: 'existing', version: 1 } }] }
 */
export function validateFeatureCollection(
  input: unknown,
  layer: LayerName,
  crs: Crs,
  { maxFeatures = 50_000, maxCoordinates, vertexLimits }: FeatureValidationOptions = {},
): FeaturesValidation {
  const body = input as { type?: unknown; features?: unknown };
  if (typeof input !== 'object' || input === null || body.type !== 'FeatureCollection' || !Array.isArray(body.features)) {
    return { valid: false, errors: [{ index: -1, code: FEATURE_REASONS.notCollection, reason: 'body is not a GeoJSON FeatureCollection with a features array' }] };
  }
  if (body.features.length > maxFeatures) {
    return { valid: false, errors: [{ index: -1, code: FEATURE_REASONS.tooMany, reason: `${body.features.length} features sent, more than the limit of ${maxFeatures} per request; split the collection` }] };
  }
  const errors: FeatureError[] = [];
  const assets: Asset[] = [];
  const seen = new Set<string>();
  body.features.forEach((feature, index) => {
    const result = validateFeature(feature, layer, crs, maxCoordinates, vertexLimits);
    if ('code' in result) {
      errors.push({ index, ...result });
    } else if (seen.has(result.id)) {
      errors.push({ index, code: FEATURE_REASONS.duplicateId, reason: `id ${JSON.stringify(result.id)} appears twice in this request` });
    } else {
      if (result.id !== '') seen.add(result.id);
      assets.push(result);
    }
  });
  return errors.length > 0 ? { valid: false, errors } : { valid: true, assets };
}

/**
 * Validates one feature for a layer. An asset without an id gets `id: ''`: the store assigns one.
 *
 * @example validateFeature(feature, 'trees', 'EPSG:4326') // Asset, or { code, reason }
 */
export function validateFeature(
  input: unknown,
  layer: LayerName,
  crs: Crs,
  maxCoordinates?: number,
  vertexLimits?: Partial<VertexLimits>,
): Asset | { code: string; reason: string } {
  const feature = input as { type?: unknown; id?: unknown; geometry?: unknown; properties?: unknown };
  if (typeof input !== 'object' || input === null || feature.type !== 'Feature') {
    return { code: FEATURE_REASONS.notFeature, reason: 'not a GeoJSON Feature (type must be "Feature")' };
  }
  const spec = LAYER_SPECS[layer];
  const geometry = validateGeometry(feature.geometry, crs, { allowed: spec.geometry, maxCoordinates, bounds: assetBounds(vertexLimits) });
  if (!geometry.valid) return { code: geometry.code, reason: `${layer}: ${geometry.reason}` };

  const raw = feature.properties ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { code: FEATURE_REASONS.notFeature, reason: 'properties must be an object or null' };
  }
  const properties = { ...(raw as Record<string, unknown>) };
  const problem = checkProperties(properties, layer);
  if (problem) return problem;

  const id = feature.id ?? properties.id;
  if (id !== undefined && !((typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH) || Number.isSafeInteger(id))) {
    return { code: FEATURE_REASONS.badId, reason: `id ${JSON.stringify(id)?.slice(0, 40)} must be a non-empty string of at most ${MAX_ID_LENGTH} characters or an integer` };
  }
  delete properties.id;
  properties.status ??= 'existing';
  properties.version ??= 1;
  return {
    type: 'Feature',
    id: id === undefined ? '' : String(id),
    geometry: geometry.geometry as Geometry,
    properties: properties as AssetProperties,
  };
}

function checkProperties(properties: Record<string, unknown>, layer: LayerName): { code: string; reason: string } | undefined {
  const spec = LAYER_SPECS[layer];
  for (const name of spec.required) {
    const value = properties[name];
    if (value === undefined || value === null || value === '') {
      return { code: FEATURE_REASONS.missingProperty, reason: `${layer}: property "${name}" is required` };
    }
  }
  const enums = { ...spec.enums, status: STATUSES };
  for (const [name, allowed] of Object.entries(enums)) {
    const value = properties[name];
    if (value !== undefined && !(allowed as readonly unknown[]).includes(value)) {
      return { code: FEATURE_REASONS.badEnum, reason: `${layer}: ${name} ${JSON.stringify(value)} is not one of ${allowed.join(', ')}` };
    }
  }
  for (const [name, [min, max]] of Object.entries(NUMERIC_RANGES)) {
    const value = properties[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return { code: FEATURE_REASONS.badNumber, reason: `${layer}: ${name} must be a finite number, got ${JSON.stringify(value)?.slice(0, 40)}` };
    }
    if (value < min || value > max) {
      return { code: FEATURE_REASONS.outOfRange, reason: `${layer}: ${name} ${value} is outside ${min}–${max}; check the unit in the name` };
    }
  }
  for (const [name, instead] of Object.entries(UNITLESS_NAMES)) {
    if (name in properties) {
      return { code: FEATURE_REASONS.unitless, reason: `${layer}: property "${name}" has no unit; use ${instead}` };
    }
  }
  if (properties.owner !== undefined && (typeof properties.owner !== 'string' || properties.owner.length > 200)) {
    return { code: FEATURE_REASONS.badEnum, reason: `${layer}: owner must be a string of at most 200 characters` };
  }
  if (properties.protected !== undefined && typeof properties.protected !== 'boolean') {
    return { code: FEATURE_REASONS.badEnum, reason: `${layer}: protected must be true or false, got ${JSON.stringify(properties.protected)}` };
  }
  return undefined;
}
