import { z } from 'zod';
import type { Geometry } from 'geojson';
import type { Crs } from '../../geo/crs.ts';
import { validateGeometry } from '../../geo/geometry.validation.ts';
import { isRouteSource, routeWorkId } from '../heat-routes/approved-route.ts';
import { type Invalid, fieldOf, geometryInvalid, invalid, quoted, schemaInvalid, valueAt } from '../validation.ts';
import { dependencyCycle } from './constraints.ts';
import { dayOf, isIsoDate } from './dates.ts';
import { SERIES_MONTHS } from './flexibility-series.ts';
import { blackoutSchema, districtLimitsSchema } from './planning-rules.ts';
import { type BlackoutPeriod, type FlexibilityRequest, type PlanOptions, WORK_TYPES, type Work } from './plan.types.ts';

/** Reason codes (catalogue keys) for a work that cannot be stored; a bad property gets a `validation.*` schema code. */
export const WORK_REASONS = {
  notFeature: 'validation.work.not-a-feature',
  window: 'validation.work.window-inverted',
  preferred: 'validation.work.preferred-outside-window',
  badId: 'validation.id-invalid',
  duplicateId: 'validation.id-duplicate',
  notCollection: 'validation.work.not-a-collection',
  tooMany: 'validation.work.too-many',
  serverSource: 'validation.work.source-server-set',
  serverSourceChanged: 'validation.work.source-server-kept',
  reservedId: 'validation.work.id-reserved',
} as const;

export type WorkValidation = { valid: true; work: Work } | { valid: false; errors: Invalid[] };
export type WorksValidation = { valid: true; works: Work[] } | { valid: false; errors: Invalid[] };

const isoDate = z.string().refine(isIsoDate, { message: 'validation.not-a-date' });

/** The properties of a work as sent; unknown extra properties are kept. */
export const workPropertiesSchema = z.looseObject({
  // An enum issue carries its values: schemaInvalid answers validation.not-one-of with them.
  type: z.enum(WORK_TYPES),
  owner: z.string().min(1).max(200),
  name: z.string().max(300).optional(),
  duration_days: z.number().positive().max(3_650).nullish(),
  preferred_start: isoDate.optional(),
  earliest_start: isoDate.optional(),
  latest_end: isoDate.optional(),
  // Metres below the surface; above 15 m is a unit mistake, which validation.too-big says.
  depth_m: z.number().min(0).max(15).optional(),
  source: z.string().max(300).optional(),
  version: z.number().int().min(1).optional(),
});

const GEOMETRIES = ['Point', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'] as const;

/**
 * Validates one work Feature received in `crs` and returns it in RD New, or every reason it cannot be used, each
 * under `prefix` (`features[3]` in a collection). A work without `duration_days` gets one derived from its length
 * when planned.
 *
 * @example
 * validateWork({ type: 'Feature', geometry, properties: { type: 'sewer', owner: 'Gemeente Rotterdam',
 *   earliest_start: '2027-01-01', latest_end: '2027-12-31' } }, 'EPSG:28992')
 *   // { valid: true, work: { type: 'Feature', id: '', geometry, properties: { type: 'sewer', ... } } }
 */
export function validateWork(input: unknown, crs: Crs, prefix = '', maxCoordinates?: number): WorkValidation {
  const at = (path: string) => fieldOf(prefix, path);
  const feature = input as { type?: unknown; id?: unknown; geometry?: unknown; properties?: unknown };
  if (typeof input !== 'object' || input === null || feature.type !== 'Feature') return { valid: false, errors: [invalid(at('type'), WORK_REASONS.notFeature)] };
  const errors: Invalid[] = [];
  const geometry = validateGeometry(feature.geometry, crs, { allowed: GEOMETRIES, maxCoordinates });
  if (!geometry.valid) errors.push(geometryInvalid(at('geometry'), geometry));
  const parsed = workPropertiesSchema.safeParse(feature.properties ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors.push(schemaInvalid(issue, at('properties'), valueAt(feature.properties, issue.path)));
  } else {
    const p = parsed.data;
    if (p.earliest_start && p.latest_end && dayOf(p.earliest_start) > dayOf(p.latest_end)) {
      errors.push(invalid(at('properties.earliest_start'), WORK_REASONS.window, { from: p.earliest_start, to: p.latest_end }));
    }
    if (p.preferred_start && ((p.earliest_start && p.preferred_start < p.earliest_start) || (p.latest_end && p.preferred_start > p.latest_end))) {
      errors.push(invalid(at('properties.preferred_start'), WORK_REASONS.preferred, { preferred: p.preferred_start, from: p.earliest_start ?? '…', to: p.latest_end ?? '…' }));
    }
  }
  const id = feature.id ?? (feature.properties as { id?: unknown } | null | undefined)?.id;
  if (id !== undefined && !((typeof id === 'string' && id.length > 0 && id.length <= 200) || Number.isSafeInteger(id))) {
    errors.push(invalid(at('id'), WORK_REASONS.badId, { value: quoted(id), max: 200 }));
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
 *   // [{ field: 'properties.source', code: 'validation.work.source-server-set', params: { value: '"route:a1"' } }]
 */
export function serverSetErrors(work: Pick<Work, 'id' | 'properties'>, stored?: { properties: { source?: string } }, prefix = ''): Invalid[] {
  const sent = work.properties.source;
  const errors: Invalid[] = [];
  if (stored && sent !== stored.properties.source && isRouteSource(stored.properties.source)) {
    errors.push(invalid(fieldOf(prefix, 'properties.source'), WORK_REASONS.serverSourceChanged, { value: quoted(stored.properties.source) }));
  } else if (sent !== stored?.properties.source && isRouteSource(sent)) {
    errors.push(invalid(fieldOf(prefix, 'properties.source'), WORK_REASONS.serverSource, { value: quoted(sent) }));
  }
  if (!stored && work.id.startsWith(routeWorkId(''))) {
    errors.push(invalid(fieldOf(prefix, 'id'), WORK_REASONS.reservedId, { value: quoted(work.id) }));
  }
  return errors;
}

/**
 * Validates a Feature or a FeatureCollection of new works: all of them, or every bad one by field (`features[3].…`).
 *
 * @example validateWorks({ type: 'FeatureCollection', features: [a, b] }, 'EPSG:4326') // { valid: true, works: [...] }
 */
export function validateWorks(input: unknown, crs: Crs, { maxFeatures = 50_000, maxCoordinates }: { maxFeatures?: number; maxCoordinates?: number } = {}): WorksValidation {
  const body = input as { type?: unknown; features?: unknown };
  if (typeof input === 'object' && input !== null && body.type === 'Feature') {
    const one = validateWork(input, crs, '', maxCoordinates);
    if (!one.valid) return one;
    const serverSet = serverSetErrors(one.work);
    return serverSet.length ? { valid: false, errors: serverSet } : { valid: true, works: [one.work] };
  }
  if (typeof input !== 'object' || input === null || body.type !== 'FeatureCollection' || !Array.isArray(body.features)) {
    return { valid: false, errors: [invalid('(body)', WORK_REASONS.notCollection)] };
  }
  if (body.features.length > maxFeatures) {
    return { valid: false, errors: [invalid('features', WORK_REASONS.tooMany, { count: body.features.length, max: maxFeatures })] };
  }
  const errors: Invalid[] = [];
  const works: Work[] = [];
  const seen = new Set<string>();
  body.features.forEach((feature, index) => {
    const result = validateWork(feature, crs, `features[${index}]`, maxCoordinates);
    if (!result.valid) return void errors.push(...result.errors);
    const serverSet = serverSetErrors(result.work, undefined, `features[${index}]`);
    if (serverSet.length) return void errors.push(...serverSet);
    if (result.work.id !== '' && seen.has(result.work.id)) {
      return void errors.push(invalid(`features[${index}].id`, WORK_REASONS.duplicateId, { value: quoted(result.work.id) }));
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
  solveSeconds: z.number().min(1).max(30).optional(),
  // Whole months up to five years: the what-if series of issue 14 stops at 60.
  flexibility: z.object({
    months: z.number().int().min(0).max(60).optional(),
    parties: z.array(z.string().min(1).max(200)).min(1).max(1_000).optional(),
    series: z.union([z.boolean(), z.array(z.number().int().min(0).max(60)).min(1).max(12)]).optional(),
  }).strict().optional(),
  // Constraints planners meet (issue 14); work and segment ids are checked against the store by the use case.
  blackouts: z.array(blackoutSchema).max(1_000).optional(),
  maxOpenPerDistrict: districtLimitsSchema.optional(),
  dependencies: z.array(z.object({
    before: z.string().min(1).max(200),
    after: z.string().min(1).max(200),
    gapDays: z.number().int().min(0).max(3_650).optional(),
  }).strict()).max(50_000).optional(),
  diversions: z.array(z.object({ segment: z.string().min(1).max(200), via: z.string().min(1).max(200) }).strict()
    .refine((d) => d.segment !== d.via, { message: 'validation.plan.diversion-self', path: ['via'] })).max(50_000).optional(),
}).strict().superRefine((o, ctx) => {
  const cycle = o.dependencies && dependencyCycle(o.dependencies);
  if (cycle) ctx.addIssue({ code: 'custom', path: ['dependencies'], message: 'validation.plan.dependency-cycle', params: { cycle: cycle.join(' → ') } });
});

/** The flexibility asked for, `series: true` as the default months and nothing for a request that asks nothing. */
function flexibilityOf({ months, parties, series }: NonNullable<z.infer<typeof planOptionsSchema>['flexibility']>): Pick<PlanOptions, 'flexibility'> {
  const flexibility: FlexibilityRequest = {
    ...(months ? { months } : {}),
    ...(parties ? { parties } : {}),
    ...(series === true ? { series: [...SERIES_MONTHS] } : Array.isArray(series) ? { series: [...new Set(series)].sort((a, b) => a - b) } : {}),
  };
  return flexibility.months || flexibility.series ? { flexibility } : {};
}

export type PlanOptionsValidation = { valid: true; options: PlanOptions } | { valid: false; errors: Invalid[] };

/**
 * Plan options with their defaults: the horizon starts `today` (given by the caller, the domain reads no clock)
 * and the moratorium comes from the rule set.
 *
 * @example planOptions({ maxOpenSegments: 3 }, { today: '2026-05-01', moratoriumYears: 3 })
 *   // { valid: true, options: { horizonStart: '2026-05-01', moratoriumYears: 3, maxOpenSegments: 3, separateNeighbours: false } }
 */
export function planOptions(input: unknown, defaults: { today: string; moratoriumYears: number }): PlanOptionsValidation {
  const parsed = planOptionsSchema.safeParse(input ?? {});
  if (!parsed.success) {
    return { valid: false, errors: parsed.error.issues.map((i) => withParams(schemaInvalid(i, 'options', valueAt(input, i.path)), i)) };
  }
  const o = parsed.data;
  return {
    valid: true,
    options: {
      horizonStart: o.horizonStart ?? defaults.today,
      moratoriumYears: o.moratoriumYears ?? defaults.moratoriumYears,
      separateNeighbours: o.separateNeighbours,
      ...(o.maxOpenSegments !== undefined ? { maxOpenSegments: o.maxOpenSegments } : {}),
      ...(o.crews ? { crews: o.crews } : {}),
      ...(o.solveSeconds !== undefined ? { solveSeconds: o.solveSeconds } : {}),
      ...(o.flexibility ? flexibilityOf(o.flexibility) : {}),
      // The schema refuses a blackout without reason, which its type cannot say.
      ...(o.blackouts?.length ? { blackouts: o.blackouts as BlackoutPeriod[] } : {}),
      ...(o.maxOpenPerDistrict && Object.keys(o.maxOpenPerDistrict).length ? { maxOpenPerDistrict: o.maxOpenPerDistrict } : {}),
      ...(o.dependencies?.length ? { dependencies: o.dependencies } : {}),
      ...(o.diversions?.length ? { diversions: o.diversions } : {}),
    },
  };
}

/** A refinement's own parameters (the cycle's ids) beside those schemaInvalid takes from the value. */
function withParams(item: Invalid, issue: object): Invalid {
  const own = (issue as { params?: Record<string, unknown> }).params;
  if (!own) return item;
  const params = Object.fromEntries(Object.entries(own).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return { ...item, params: { ...item.params, ...params } };
}
