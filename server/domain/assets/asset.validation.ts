import type { Geometry } from 'geojson';
import type { Crs } from '../../geo/crs.ts';
import { type VertexLimits, assetBounds, validateGeometry } from '../../geo/geometry.validation.ts';
import { type Invalid, fieldOf, geometryInvalid, invalid, quoted } from '../validation.ts';
import { reservationProblem } from './reservation.validation.ts';
import {
  type Asset,
  type AssetProperties,
  type LayerName,
  LAYER_SPECS,
  NUMERIC_RANGES,
  STATUSES,
  UNITLESS_NAMES,
} from './layers.ts';

/** Reason codes (catalogue keys) for a feature that cannot be stored, beside the geometry reasons. */
export const FEATURE_REASONS = {
  notFeature: 'validation.feature.not-a-feature',
  propertiesNotObject: 'validation.feature.properties-not-an-object',
  missingProperty: 'validation.feature.property-missing',
  badEnum: 'validation.feature.property-not-allowed',
  badNumber: 'validation.feature.property-not-a-number',
  outOfRange: 'validation.feature.property-out-of-range',
  unitless: 'validation.feature.property-without-unit',
  badOwner: 'validation.feature.owner',
  badProtected: 'validation.feature.protected',
  badId: 'validation.id-invalid',
  duplicateId: 'validation.id-duplicate',
  notCollection: 'validation.feature.not-a-collection',
  tooMany: 'validation.too-many-features',
} as const;

export type FeaturesValidation = { valid: true; assets: Asset[] } | { valid: false; errors: Invalid[] };

export interface FeatureValidationOptions {
  maxFeatures?: number;
  maxCoordinates?: number;
  /** Positions allowed on an asset line and an asset polygon (defaults: DEFAULT_VERTEX_LIMITS). */
  vertexLimits?: Partial<VertexLimits>;
}

const MAX_ID_LENGTH = 200;

/**
 * Validates a FeatureCollection for one layer and returns its features as RD New assets, or every bad feature
 * with its field (`features[3].properties.depth_m`) and reason code (one bad feature fails the whole collection;
 * nothing partial is returned).
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
    return { valid: false, errors: [invalid('(body)', FEATURE_REASONS.notCollection)] };
  }
  if (body.features.length > maxFeatures) {
    return { valid: false, errors: [invalid('features', FEATURE_REASONS.tooMany, { count: body.features.length, max: maxFeatures })] };
  }
  const errors: Invalid[] = [];
  const assets: Asset[] = [];
  const seen = new Set<string>();
  body.features.forEach((feature, index) => {
    const result = validateFeature(feature, layer, crs, maxCoordinates, vertexLimits);
    if ('code' in result) {
      errors.push({ ...result, field: fieldOf(`features[${index}]`, result.field) });
    } else if (seen.has(result.id)) {
      errors.push(invalid(`features[${index}].id`, FEATURE_REASONS.duplicateId, { value: quoted(result.id) }));
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
 * @example validateFeature(feature, 'trees', 'EPSG:4326') // Asset, or { field: 'properties.protected', code: 'validation.feature.protected', params }
 */
export function validateFeature(
  input: unknown,
  layer: LayerName,
  crs: Crs,
  maxCoordinates?: number,
  vertexLimits?: Partial<VertexLimits>,
): Asset | Invalid {
  const feature = input as { type?: unknown; id?: unknown; geometry?: unknown; properties?: unknown };
  if (typeof input !== 'object' || input === null || feature.type !== 'Feature') return invalid('type', FEATURE_REASONS.notFeature);
  const spec = LAYER_SPECS[layer];
  const geometry = validateGeometry(feature.geometry, crs, { allowed: spec.geometry, maxCoordinates, bounds: assetBounds(vertexLimits) });
  if (!geometry.valid) return geometryInvalid('geometry', geometry);

  const raw = feature.properties ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) return invalid('properties', FEATURE_REASONS.propertiesNotObject);
  const properties = { ...(raw as Record<string, unknown>) };
  const problem = checkProperties(properties, layer) ?? (layer === 'reservations' ? reservationProblem(properties, (geometry.geometry as Geometry).type) : undefined);
  if (problem) return problem;

  const id = feature.id ?? properties.id;
  if (id !== undefined && !((typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH) || Number.isSafeInteger(id))) {
    return invalid('id', FEATURE_REASONS.badId, { value: quoted(id), max: MAX_ID_LENGTH });
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

function checkProperties(properties: Record<string, unknown>, layer: LayerName): Invalid | undefined {
  const spec = LAYER_SPECS[layer];
  const field = (name: string) => `properties.${name}`;
  for (const name of spec.required) {
    const value = properties[name];
    if (value === undefined || value === null || value === '') return invalid(field(name), FEATURE_REASONS.missingProperty, { layer, name });
  }
  const enums = { ...spec.enums, status: STATUSES };
  for (const [name, allowed] of Object.entries(enums)) {
    const value = properties[name];
    if (value !== undefined && !(allowed as readonly unknown[]).includes(value)) {
      return invalid(field(name), FEATURE_REASONS.badEnum, { layer, name, value: quoted(value), allowed: [...allowed] });
    }
  }
  for (const [name, [min, max]] of Object.entries(NUMERIC_RANGES)) {
    const value = properties[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) return invalid(field(name), FEATURE_REASONS.badNumber, { layer, name, value: quoted(value) });
    if (value < min || value > max) return invalid(field(name), FEATURE_REASONS.outOfRange, { layer, name, value, min, max });
  }
  for (const [name, instead] of Object.entries(UNITLESS_NAMES)) {
    if (name in properties) return invalid(field(name), FEATURE_REASONS.unitless, { layer, name, instead });
  }
  if (properties.owner !== undefined && (typeof properties.owner !== 'string' || properties.owner.length > 200)) {
    return invalid(field('owner'), FEATURE_REASONS.badOwner, { layer });
  }
  if (properties.protected !== undefined && typeof properties.protected !== 'boolean') {
    return invalid(field('protected'), FEATURE_REASONS.badProtected, { layer, value: quoted(properties.protected) });
  }
  return undefined;
}
