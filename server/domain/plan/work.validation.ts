import { z } from 'zod';
import type { Geometry } from 'geojson';
import type { Crs } from '../../geo/crs.ts';
import { validateGeometry } from '../../geo/geometry.validation.ts';
import { isRouteSource, routeWorkId } from '../routes/approved-route.ts';
import { dayOf, isIsoDate } from './dates.ts';
import { type PlanOptions, WORK_TYPES, type Work } from './plan.types.ts';

/** Reason codes for a work that cannot be stored. */
export const WORK_REASONS = {
  notFeature: 'not-a-feature',
  property: 'property-invalid',
  window: 'window-inverted',
  preferred: 'preferred-outside-window',
  badId: 'id-invalid',
  duplicateId: 'id-duplicate',
  notCollection: 'not-a-feature-collection',
  tooMany: 'too-many-features',
  serverSource: 'source-server-set',
  reservedId: 'id-reserved',
} as const;

export interface WorkError {
  /** Index in the request's `features` (0 for a single Feature). */
  index: number;
  code: string;
  reason: string;
}

export type WorkValidation = { valid: true; work: Work } | { valid: false; errors: WorkError[] };
export type WorksValidation = { valid: true; works: Work[] } | { valid: false; errors: WorkError[] };

const isoDate = z.string().refine(isIsoDate, { message: 'must be a calendar date written YYYY-MM-DD' });

/** The properties of a work as sent; unknown extra properties are kept. */
export const workPropertiesSchema = z.looseObject({
  type: z.enum(WORK_TYPES, { message: `type must be one of ${WORK_TYPES.join(', ')}` }),
  owner: z.string().min(1).max(200),
  name: z.string().max(300).optional(),
  duration_days: z.number().positive().max(3_650).nullish(),
  preferred_start: isoDate.optional(),
  earliest_start: isoDate.optional(),
  latest_end: isoDate.optional(),
  depth_m: z.number().min(0).max(15, { message: 'depth_m is metres below the surface; above 15 m check the unit' }).optional(),
  source: z.string().max(300).optional(),
  version: z.number().int().min(1).optional(),
});

const GEOMETRIES = ['Point', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'] as const;

/**
 * Validates one work Feature received in `crs` and returns it in RD New, or every reason it cannot be used.
 * A work without `duration_days` gets one derived from its length when planned.
 *
 * @example
 * validateWork({ type: 'Feature', geometry, properties: { type: 'sewer', owner: 'Gemeente Rotterdam',
 *   earliest_start: '2027-01-01', latest_end: '2027-12-31' } }, 'EPSG:28992')
 *   // { valid: true, work: { type: 'Feature', id: '', geometry, properties: { type: 'sewer', ... } } }
 */
export function validateWork(input: unknown, crs: Crs, index = 0, maxCoordinates?: number): WorkValidation {
  const fail = (code: string, reason: string): WorkValidation => ({ valid: false, errors: [{ index, code, reason }] });
  const feature = input as { type?: unknown; id?: unknown; geometry?: unknown; properties?: unknown };
  if (typeof input !== 'object' || input === null || feature.type !== 'Feature') return fail(WORK_REASONS.notFeature, 'not a GeoJSON Feature (type must be "Feature")');
  const errors: WorkError[] = [];
  const geometry = validateGeometry(feature.geometry, crs, { allowed: GEOMETRIES, maxCoordinates });
  if (!geometry.valid) errors.push({ index, code: geometry.code, reason: `work geometry: ${geometry.reason}` });
  const parsed = workPropertiesSchema.safeParse(feature.properties ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = issue.path.join('.') || 'properties';
      const value = issue.path.length ? (feature.properties as Record<string, unknown> | undefined)?.[String(issue.path[0])] : undefined;
      errors.push({ index, code: WORK_REASONS.property, reason: `${name}${value === undefined ? '' : ` ${JSON.stringify(value)?.slice(0, 40)}`}: ${issue.message}` });
    }
  } else {
    const p = parsed.data;
    if (p.earliest_start && p.latest_end && dayOf(p.earliest_start) > dayOf(p.latest_end)) {
      errors.push({ index, code: WORK_REASONS.window, reason: `earliest_start ${p.earliest_start} is after latest_end ${p.latest_end}; swap them or widen the window` });
    }
    if (p.preferred_start && ((p.earliest_start && p.preferred_start < p.earliest_start) || (p.latest_end && p.preferred_start > p.latest_end))) {
      errors.push({ index, code: WORK_REASONS.preferred, reason: `preferred_start ${p.preferred_start} lies outside the window ${p.earliest_start ?? '…'} – ${p.latest_end ?? '…'}; move it inside` });
    }
  }
  const id = feature.id ?? (feature.properties as { id?: unknown } | null | undefined)?.id;
  if (id !== undefined && !((typeof id === 'string' && id.length > 0 && id.length <= 200) || Number.isSafeInteger(id))) {
    errors.push({ index, code: WORK_REASONS.badId, reason: `id ${JSON.stringify(id)?.slice(0, 40)} must be a non-empty string of at most 200 characters or an integer` });
  }
  if (errors.length || !parsed.success || !geometry.valid) return { valid: false, errors };
  const { id: _id, duration_days, ...properties } = parsed.data as typeof parsed.data & { id?: unknown };
  return {
    valid: true,
    work: {
      type: 'Feature',
      id: id === undefined ? '' : String(id),
      geometry: geometry.geometry as Geometry,
      properties: { ...properties, ...(duration_days != null ? { duration_days } : {}) },
    },
  };
}

/**
 * What only the server writes on a work: `source: "route:<id>"` links a work to an approved heat route, whose next
 * decision rewrites or removes that work, and `work-route-<id>` is the id the route's work gets. A client may send
 * them back unchanged when it updates such a work (`stored`), never set or change them; otherwise a company could
 * label its work as another company's route and have the approval rewrite it, or take the id the approval needs.
 *
 * @example serverSetErrors({ id: '', properties: { type: 'heat', owner: 'Stedin', source: 'route:a1' } })
 *   // [{ index: 0, code: 'source-server-set', reason: 'source "route:a1" is set by the server …' }]
 */
export function serverSetErrors(work: Pick<Work, 'id' | 'properties'>, stored?: { properties: { source?: string } }, index = 0): WorkError[] {
  const sent = work.properties.source;
  const errors: WorkError[] = [];
  if (stored && sent !== stored.properties.source && isRouteSource(stored.properties.source)) {
    errors.push({ index, code: WORK_REASONS.serverSource, reason: `source is ${JSON.stringify(stored.properties.source)}, set by the server when the heat route was approved; send it back unchanged` });
  } else if (sent !== stored?.properties.source && isRouteSource(sent)) {
    errors.push({ index, code: WORK_REASONS.serverSource, reason: `source ${JSON.stringify(sent.slice(0, 60))} is set by the server when a heat route is approved; leave source out or name another source` });
  }
  if (!stored && work.id.startsWith(routeWorkId(''))) {
    errors.push({ index, code: WORK_REASONS.reservedId, reason: `id ${JSON.stringify(work.id.slice(0, 60))} is reserved for the work of an approved heat route; choose another id or leave it out` });
  }
  return errors;
}

/**
 * Validates a Feature or a FeatureCollection of new works: all of them, or every bad one by index.
 *
 * @example validateWorks({ type: 'FeatureCollection', features: [a, b] }, 'EPSG:4326') // { valid: true, works: [...] }
 */
export function validateWorks(input: unknown, crs: Crs, { maxFeatures = 50_000, maxCoordinates }: { maxFeatures?: number; maxCoordinates?: number } = {}): WorksValidation {
  const body = input as { type?: unknown; features?: unknown };
  if (typeof input === 'object' && input !== null && body.type === 'Feature') {
    const one = validateWork(input, crs, 0, maxCoordinates);
    if (!one.valid) return one;
    const serverSet = serverSetErrors(one.work);
    return serverSet.length ? { valid: false, errors: serverSet } : { valid: true, works: [one.work] };
  }
  if (typeof input !== 'object' || input === null || body.type !== 'FeatureCollection' || !Array.isArray(body.features)) {
    return { valid: false, errors: [{ index: -1, code: WORK_REASONS.notCollection, reason: 'body is not a GeoJSON Feature or FeatureCollection of works' }] };
  }
  if (body.features.length > maxFeatures) {
    return { valid: false, errors: [{ index: -1, code: WORK_REASONS.tooMany, reason: `${body.features.length} works sent, more than the limit of ${maxFeatures}; split the collection` }] };
  }
  const errors: WorkError[] = [];
  const works: Work[] = [];
  const seen = new Set<string>();
  body.features.forEach((feature, index) => {
    const result = validateWork(feature, crs, index, maxCoordinates);
    if (!result.valid) return void errors.push(...result.errors);
    const serverSet = serverSetErrors(result.work, undefined, index);
    if (serverSet.length) return void errors.push(...serverSet);
    if (result.work.id !== '' && seen.has(result.work.id)) {
      return void errors.push({ index, code: WORK_REASONS.duplicateId, reason: `id ${JSON.stringify(result.work.id)} appears twice in this request` });
    }
    seen.add(result.work.id);
    works.push(result.work);
  });
  return errors.length ? { valid: false, errors } : { valid: true, works };
}

/** Plan options as a request sends them; `horizonStart` defaults to the day the caller passes as today. */
export const planOptionsSchema = z.object({
  horizonStart: isoDate.optional(),
  moratoriumYears: z.number().min(0).max(20).optional(),
  maxOpenSegments: z.number().int().min(1).max(100_000).optional(),
  separateNeighbours: z.boolean().default(false),
  crews: z.partialRecord(z.enum(WORK_TYPES), z.number().int().min(1).max(10_000)).optional(),
}).strict();

export type PlanOptionsValidation = { valid: true; options: PlanOptions } | { valid: false, errors: string[] };

/**
 * Plan options with their defaults: the horizon starts `today` (given by the caller, the domain reads no clock)
 * and the moratorium comes from the rule set.
 *
 * @example planOptions({ maxOpenSegments: 3 }, { today: '2026-05-01', moratoriumYears: 3 })
 *   // { valid: true, options: { horizonStart: '2026-05-01', moratoriumYears: 3, maxOpenSegments: 3, separateNeighbours: false } }
 */
export function planOptions(input: unknown, defaults: { today: string; moratoriumYears: number }): PlanOptionsValidation {
  const parsed = planOptionsSchema.safeParse(input ?? {});
  if (!parsed.success) return { valid: false, errors: parsed.error.issues.map((i) => `options${i.path.length ? '.' + i.path.join('.') : ''}: ${i.message}`) };
  const o = parsed.data;
  return {
    valid: true,
    options: {
      horizonStart: o.horizonStart ?? defaults.today,
      moratoriumYears: o.moratoriumYears ?? defaults.moratoriumYears,
      separateNeighbours: o.separateNeighbours,
      ...(o.maxOpenSegments !== undefined ? { maxOpenSegments: o.maxOpenSegments } : {}),
      ...(o.crews ? { crews: o.crews } : {}),
    },
  };
}
