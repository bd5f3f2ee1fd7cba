import type { LineString, Polygon } from 'geojson';
import type { Crs } from '../../geo/crs.ts';
import { type VertexLimits, trenchBounds, validateGeometry } from '../../geo/geometry.validation.ts';
import { TRENCH_KINDS, type Trench, type TrenchKind } from './check.types.ts';

/** Reason codes for a trench that cannot be checked. */
export const TRENCH_REASONS = {
  notAFeature: 'trench-not-a-feature',
  featureCount: 'trench-feature-count',
  geometry: 'trench-geometry',
  kind: 'trench-kind',
  width: 'trench-width',
  depth: 'trench-depth',
  diameter: 'trench-diameter',
} as const;
export type TrenchReason = (typeof TRENCH_REASONS)[keyof typeof TRENCH_REASONS];

export interface TrenchError {
  /** Where in the input, e.g. `properties.width_m` or `geometry`. */
  field: string;
  code: TrenchReason | string;
  reason: string;
}

export type TrenchValidation = { valid: true; trench: Trench } | { valid: false; errors: TrenchError[] };

export interface TrenchValidationOptions {
  /** Kind used when the input names none (route submissions default to heat); without it, kind is required. */
  defaultKind?: TrenchKind;
  maxCoordinates?: number;
  /** Positions allowed on a centreline and on a footprint (defaults: DEFAULT_VERTEX_LIMITS). */
  vertexLimits?: Partial<VertexLimits>;
}

/** Plausible ranges; a value outside is almost always a unit mistake (centimetres sent as metres). */
export const TRENCH_RANGES = { width_m: [0.05, 10], depth_m: [0, 10], diameter_mm: [1, 3_000] } as const;

/**
 * Checks a trench design received in `crs` (a Feature, or a FeatureCollection holding exactly one) and returns it
 * in RD New, or every reason it cannot be checked, each naming its field. A LineString centreline needs `width_m`;
 * a Polygon footprint carries its own width. `depth_m` is the top of what is laid, below the surface.
 *
 * @example validateTrench({ type: 'Feature', geometry: line, properties: { kind: 'heat', width_m: 0.6, depth_m: 1 } }, 'EPSG:28992')
 *   // { valid: true, trench: { ... } }
 * @example validateTrench({ type: 'Feature', geometry: line, properties: { kind: 'heat', width_m: 60, depth_m: 1 } }, 'EPSG:28992')
 *   // { valid: false, errors: [{ field: 'properties.width_m', code: 'trench-width', reason: 'width_m 60 is outside 0.05–10 m; ...' }] }
 */
export function validateTrench(input: unknown, crs: Crs, options: TrenchValidationOptions = {}): TrenchValidation {
  const fail = (field: string, code: TrenchReason | string, reason: string): TrenchValidation => ({ valid: false, errors: [{ field, code, reason }] });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return fail('(body)', TRENCH_REASONS.notAFeature, 'the trench must be a GeoJSON Feature (or a FeatureCollection with one Feature)');
  }
  let feature = input as { type?: unknown; features?: unknown; geometry?: unknown; properties?: unknown };
  let prefix = '';
  if (feature.type === 'FeatureCollection') {
    const features = Array.isArray(feature.features) ? feature.features : [];
    if (features.length !== 1) {
      return fail('features', TRENCH_REASONS.featureCount, `the FeatureCollection holds ${features.length} features; send exactly one trench per check`);
    }
    feature = features[0] as typeof feature;
    prefix = 'features[0].';
    if (typeof feature !== 'object' || feature === null) return fail('features[0]', TRENCH_REASONS.notAFeature, 'features[0] is not a Feature');
  }
  if (feature.type !== 'Feature') {
    return fail(`${prefix}type`, TRENCH_REASONS.notAFeature, `type is ${JSON.stringify(feature.type)}; send a GeoJSON Feature with a LineString or Polygon`);
  }

  const errors: TrenchError[] = [];
  const geometry = validateGeometry(feature.geometry, crs, { allowed: ['LineString', 'Polygon'], ...(options.maxCoordinates ? { maxCoordinates: options.maxCoordinates } : {}), bounds: trenchBounds(options.vertexLimits) });
  if (!geometry.valid) errors.push({ field: `${prefix}geometry`, code: geometry.code, reason: geometry.reason });

  const raw = typeof feature.properties === 'object' && feature.properties !== null ? (feature.properties as Record<string, unknown>) : {};
  const isPolygon = (feature.geometry as { type?: unknown } | null)?.type === 'Polygon';
  const field = (name: string) => `${prefix}properties.${name}`;

  const kind = raw.kind ?? options.defaultKind;
  if (!TRENCH_KINDS.includes(kind as TrenchKind)) {
    errors.push({
      field: field('kind'),
      code: TRENCH_REASONS.kind,
      reason: kind === undefined
        ? `kind is required: what will be laid in the trench, one of ${TRENCH_KINDS.join(', ')}`
        : `kind ${JSON.stringify(kind)} is not known; use one of ${TRENCH_KINDS.join(', ')}`,
    });
  }
  const number = (name: keyof typeof TRENCH_RANGES, code: TrenchReason, required: boolean, what: string) => {
    const value = raw[name];
    const [min, max] = TRENCH_RANGES[name];
    if (value === undefined) {
      if (required) errors.push({ field: field(name), code, reason: `${name} is required: ${what}` });
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      errors.push({ field: field(name), code, reason: `${name} is ${JSON.stringify(value)}, not a number; send ${what}` });
    } else if (value < min || value > max) {
      errors.push({ field: field(name), code, reason: `${name} ${value} is outside ${min}–${max}; send ${what} (a value this far out is usually a unit mistake)` });
    }
    return value as number;
  };
  const width = number('width_m', TRENCH_REASONS.width, !isPolygon, 'the full trench width in metres');
  const depth = number('depth_m', TRENCH_REASONS.depth, true, 'the depth of the top of what is laid, in metres below the surface');
  number('diameter_mm', TRENCH_REASONS.diameter, false, 'the outer diameter of what is laid, in millimetres');

  if (errors.length || !geometry.valid) return { valid: false, errors };
  return {
    valid: true,
    trench: {
      type: 'Feature',
      geometry: geometry.geometry as LineString | Polygon,
      properties: { ...raw, kind: kind as TrenchKind, width_m: width ?? 0, depth_m: depth! },
    },
  };
}
