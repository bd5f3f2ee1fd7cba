import { TRENCH_KINDS, type TrenchKind } from '../check/check.types.ts';
import { TRENCH_RANGES } from '../check/trench.validation.ts';
import type { BBox } from '../../geo/types.ts';
import { type Invalid, invalid, quoted } from '../validation.ts';

/**
 * What a space scan may be asked: a trench kind and width as the check takes them, an area in RD New no larger
 * than one scan takes, or a list of segment ids. Bounds are values, so a scan of a province is refused with the
 * limit named before any query runs.
 */

export interface SpaceLimits {
  /** Largest bbox area, km². */
  maxArea_km2: number;
  /** Most street segments one scan takes. */
  maxSegments: number;
}

export const SPACE_LIMITS: SpaceLimits = { maxArea_km2: 25, maxSegments: 5_000 };

export interface SpaceRequest {
  kind: TrenchKind;
  width_m: number;
  bbox?: BBox;
  segments?: string[];
}

export type SpaceRequestValidation =
  | { valid: true; request: SpaceRequest }
  | { valid: false; tooLarge: boolean; errors: Invalid[] };

/**
 * Checks a scan request with its bbox already in RD New (or undefined) and its segment ids split.
 *
 * @example validateSpaceRequest({ kind: 'heat', width_m: 0.9, bbox: [89240, 435730, 89810, 436190] })
 *   // { valid: true, request: { kind: 'heat', width_m: 0.9, bbox: [89240, 435730, 89810, 436190] } }
 * @example validateSpaceRequest({ kind: 'steam', width_m: 0.9, bbox }).errors[0].code // 'validation.trench.kind-unknown'
 */
export function validateSpaceRequest(input: { kind: unknown; width_m: unknown; bbox?: BBox; segments?: readonly string[] }, limits: SpaceLimits = SPACE_LIMITS): SpaceRequestValidation {
  const errors: Invalid[] = [];
  const kinds = [...TRENCH_KINDS];
  if (input.kind === undefined) errors.push(invalid('kind', 'validation.trench.kind-missing', { kinds }));
  else if (!TRENCH_KINDS.includes(input.kind as TrenchKind)) errors.push(invalid('kind', 'validation.trench.kind-unknown', { value: quoted(input.kind), kinds }));
  const [min, max] = TRENCH_RANGES.width_m;
  const what = { code: 'validation.trench.what.width_m' };
  const width = typeof input.width_m === 'string' && input.width_m.trim() !== '' ? Number(input.width_m) : input.width_m;
  if (width === undefined) errors.push(invalid('width_m', 'validation.trench.required', { name: 'width_m', what }));
  else if (typeof width !== 'number' || !Number.isFinite(width)) errors.push(invalid('width_m', 'validation.trench.not-a-number', { name: 'width_m', value: quoted(input.width_m), what }));
  else if (width < min || width > max) errors.push(invalid('width_m', 'validation.trench.out-of-range', { name: 'width_m', value: width, min, max, what }));
  const { bbox, segments } = input;
  if (!bbox && !segments?.length) errors.push(invalid('bbox', 'validation.space.area-missing'));
  if (segments && segments.length > limits.maxSegments) errors.push(invalid('segments', 'validation.space.segments', { max: limits.maxSegments }));
  if (bbox && !(bbox.every(Number.isFinite) && bbox[0] < bbox[2] && bbox[1] < bbox[3])) errors.push(invalid('bbox', 'validation.space.bbox', { value: quoted(bbox) }));
  if (errors.length) return { valid: false, tooLarge: false, errors };
  if (bbox) {
    const area_km2 = ((bbox[2] - bbox[0]) * (bbox[3] - bbox[1])) / 1e6;
    if (area_km2 > limits.maxArea_km2) return { valid: false, tooLarge: true, errors: [invalid('bbox', 'validation.space.bbox-too-large', { area_km2, max_km2: limits.maxArea_km2 })] };
  }
  return { valid: true, request: { kind: input.kind as TrenchKind, width_m: width as number, ...(bbox ? { bbox } : {}), ...(segments?.length ? { segments: [...segments] } : {}) } };
}
