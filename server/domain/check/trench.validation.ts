import type { LineString, Polygon } from 'geojson';
import type { Crs } from '../../geo/crs.ts';
import { lineLength } from '../../geo/length.ts';
import { type VertexLimits, trenchBounds, validateGeometry } from '../../geo/geometry.validation.ts';
import { type Invalid, geometryInvalid, invalid, quoted } from '../validation.ts';
import { TRENCH_KINDS, TRENCH_RANGES, type Trench, type TrenchKind } from './check.types.ts';

/** Reason codes (catalogue keys) for a trench that cannot be checked. */
export const TRENCH_REASONS = {
  notAFeature: 'validation.trench.not-a-feature',
  featureCount: 'validation.trench.feature-count',
  type: 'validation.trench.type',
  kindMissing: 'validation.trench.kind-missing',
  kind: 'validation.trench.kind-unknown',
  required: 'validation.trench.required',
  notANumber: 'validation.trench.not-a-number',
  outOfRange: 'validation.trench.out-of-range',
  tooLong: 'validation.trench.too-long',
} as const;
export type TrenchReason = (typeof TRENCH_REASONS)[keyof typeof TRENCH_REASONS];

export type TrenchValidation = { valid: true; trench: Trench } | { valid: false; errors: Invalid[] };

export interface TrenchValidationOptions {
  /** Kind used when the input names none (route submissions default to heat); without it, kind is required. */
  defaultKind?: TrenchKind;
  maxCoordinates?: number;
  /** Positions allowed on a centreline and on a footprint (defaults: DEFAULT_VERTEX_LIMITS). */
  vertexLimits?: Partial<VertexLimits>;
  /** Longest centreline (or footprint outline) in metres; default MAX_TRENCH_LENGTH_M. */
  maxLength_m?: number;
}

/**
 * The longest trench one check takes: a heat transport main runs a few kilometres, so 30 km is ample, and it bounds
 * the candidate search (one lookup per 100 m piece) of a request: a 3 000-vertex zig-zag across a district, 1 200 km
 * of centreline, held the embedded store for 26 s.
 */
export const MAX_TRENCH_LENGTH_M = 30_000;

/** Plausible ranges; a value outside is almost always a unit mistake (centimetres sent as metres). */
export { TRENCH_RANGES };

/**
 * Checks a trench design received in `crs` (a Feature, or a FeatureCollection holding exactly one) and returns it
 * in RD New, or every reason it cannot be checked, each naming its field. A LineString centreline needs `width_m`;
 * a Polygon footprint carries its own width. `depth_m` is the top of what is laid, below the surface.
 *
 * @example validateTrench({ type: 'Feature', geometry: line, properties: { kind: 'heat', width_m: 0.6, depth_m: 1 } }, 'EPSG:28992')
 *   // { valid: true, trench: { ... } }
 * @example validateTrench({ type: 'Feature', geometry: line, properties: { kind: 'heat', width_m: 60, depth_m: 1 } }, 'EPSG:28992')
 *   // { valid: false, errors: [{ field: 'properties.width_m', code: 'validation.trench.out-of-range', params: { name: 'width_m', value: 60, min: 0.05, max: 10, what: … } }] }
 */
export function validateTrench(input: unknown, crs: Crs, options: TrenchValidationOptions = {}): TrenchValidation {
  const fail = (field: string, code: TrenchReason, params?: Invalid['params']): TrenchValidation => ({ valid: false, errors: [invalid(field, code, params)] });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail('(body)', TRENCH_REASONS.notAFeature);
  let feature = input as { type?: unknown; features?: unknown; geometry?: unknown; properties?: unknown };
  let prefix = '';
  if (feature.type === 'FeatureCollection') {
    const features = Array.isArray(feature.features) ? feature.features : [];
    if (features.length !== 1) return fail('features', TRENCH_REASONS.featureCount, { count: features.length });
    feature = features[0] as typeof feature;
    prefix = 'features[0].';
    if (typeof feature !== 'object' || feature === null) return fail('features[0]', TRENCH_REASONS.notAFeature);
  }
  if (feature.type !== 'Feature') return fail(`${prefix}type`, TRENCH_REASONS.type, { type: quoted(feature.type) });

  const errors: Invalid[] = [];
  const geometry = validateGeometry(feature.geometry, crs, { allowed: ['LineString', 'Polygon'], ...(options.maxCoordinates ? { maxCoordinates: options.maxCoordinates } : {}), bounds: trenchBounds(options.vertexLimits) });
  if (!geometry.valid) errors.push(geometryInvalid(`${prefix}geometry`, geometry));
  else {
    const g = geometry.geometry as LineString | Polygon;
    const length_m = lineLength(g.type === 'LineString' ? g.coordinates : (g.coordinates[0] ?? []));
    const max_m = options.maxLength_m ?? MAX_TRENCH_LENGTH_M;
    if (length_m > max_m) errors.push(invalid(`${prefix}geometry`, TRENCH_REASONS.tooLong, { length_m: Math.round(length_m), max_m }));
  }

  const raw = typeof feature.properties === 'object' && feature.properties !== null ? (feature.properties as Record<string, unknown>) : {};
  const isPolygon = (feature.geometry as { type?: unknown } | null)?.type === 'Polygon';
  const field = (name: string) => `${prefix}properties.${name}`;

  const kind = raw.kind ?? options.defaultKind;
  if (!TRENCH_KINDS.includes(kind as TrenchKind)) {
    errors.push(kind === undefined
      ? invalid(field('kind'), TRENCH_REASONS.kindMissing, { kinds: [...TRENCH_KINDS] })
      : invalid(field('kind'), TRENCH_REASONS.kind, { value: quoted(kind), kinds: [...TRENCH_KINDS] }));
  }
  const number = (name: keyof typeof TRENCH_RANGES, required: boolean) => {
    const value = raw[name];
    const [min, max] = TRENCH_RANGES[name];
    // What the number means, so the sender knows what to send instead.
    const what = { code: `validation.trench.what.${name}` };
    if (value === undefined) {
      if (required) errors.push(invalid(field(name), TRENCH_REASONS.required, { name, what }));
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      errors.push(invalid(field(name), TRENCH_REASONS.notANumber, { name, value: quoted(value), what }));
    } else if (value < min || value > max) {
      errors.push(invalid(field(name), TRENCH_REASONS.outOfRange, { name, value, min, max, what }));
    }
    return value as number;
  };
  const width = number('width_m', !isPolygon);
  const depth = number('depth_m', true);
  number('diameter_mm', false);

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
