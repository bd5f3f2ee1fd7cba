import type { Feature, Geometry, LineString } from 'geojson';
import { type Principal, can } from '../domain/access/policy.ts';
import type { Message } from '../domain/message.ts';
import type { CheckReport, Trench } from '../domain/check/check.types.ts';
import type { Invalid } from '../domain/validation.ts';
import type { VertexLimits } from '../geo/geometry.validation.ts';
import type { RuleSet } from '../domain/rules/rule-set.ts';
import type { Crs } from '../geo/crs.ts';
import type { Repositories, Store } from '../store/index.ts';
import type { RouteRecord, RouteStatus, RouteWrite } from '../store/route-store.ts';
import { UUID } from './record-check.ts';
import { runCheck } from './run-check.ts';

export type Route = RouteRecord<CheckReport>;

/** Why a route use case wrote nothing; each maps to one answer at the edge. */
export type RouteRefusal =
  | { ok: false; reason: 'not-found' }
  /** `refusal` is the policy's reason (role, organisation), rendered at the edge. */
  | { ok: false; reason: 'forbidden'; refusal: Message }
  /** The feature failed the trench validation; fields are prefixed with `feature.`. */
  | { ok: false; reason: 'invalid-route'; errors: Invalid[] }
  /** A Polygon footprint can be checked but is no route. */
  | { ok: false; reason: 'not-a-line' }
  | { ok: false; reason: 'stale-version'; current: number }
  | { ok: false; reason: 'already-decided'; current: number; status: RouteStatus };

export type RouteResult = { ok: true; route: Route } | RouteRefusal;

export interface RouteCheckSettings {
  rules: RuleSet;
  maxCoordinates: number;
  vertexLimits?: Partial<VertexLimits>;
}

export interface SubmitRouteInput {
  name: string;
  /** The route as it arrived, in `crs`. */
  feature: unknown;
  crs: Crs;
  /** The heat company the route is for; the caller's organisation when absent. */
  owner?: string;
}

/**
 * Submits a heat route for `who`: checked at once, stored with its report, waiting for review.
 *
 * @example const result = await submitRoute(store, principal, settings, { name: 'Tracé Hudsonstraat', feature, crs: 'EPSG:4326' });
 *   result.ok ? result.route.status : result.reason // 'submitted', or e.g. 'invalid-route'
 */
export async function submitRoute(store: Store, who: Principal, settings: RouteCheckSettings, input: SubmitRouteInput): Promise<RouteResult> {
  const owner = input.owner ?? who.organisation;
  const decision = can(who, 'routes:submit', owner);
  if (!decision.allowed) return { ok: false, reason: 'forbidden', refusal: decision.reason };
  const checked = await checkRoute(store, settings, input.feature, input.crs, owner);
  if (!checked.ok) return checked;
  const route = await store.transaction(async (tx) => {
    const stored = await tx.routes.submit(owner, input.name, checked.trench as Feature<Geometry>, checked.report, who.organisation);
    await tx.access.audit(who, { action: 'submit', objectType: 'route', objectId: stored.id, afterVersion: 1 });
    return stored;
  });
  return { ok: true, route };
}

export interface ResubmitRouteInput {
  id: string;
  /** The version the caller last read. */
  version: number;
  /** A new name; the current one when absent. */
  name?: string;
  feature: unknown;
  crs: Crs;
}

/**
 * Submits a new version of a route: checked again, back to review, if `version` is still the current one.
 *
 * @example const result = await resubmitRoute(store, principal, settings, { id, version: 1, feature, crs: 'EPSG:28992' });
 *   result.ok ? result.route.version : result.reason // 2, or 'stale-version'
 */
export async function resubmitRoute(store: Store, who: Principal, settings: RouteCheckSettings, input: ResubmitRouteInput): Promise<RouteResult> {
  const current = await readRoute(store, who, input.id);
  if (!current.ok) return current;
  const decision = can(who, 'routes:submit', current.route.owner);
  if (!decision.allowed) return { ok: false, reason: 'forbidden', refusal: decision.reason };
  const checked = await checkRoute(store, settings, input.feature, input.crs, current.route.owner);
  if (!checked.ok) return checked;
  const written = await store.transaction(async (tx) => {
    const result = await tx.routes.resubmit(input.id, input.version, input.name ?? current.route.name, checked.trench as Feature<Geometry>, checked.report, who.organisation);
    if (result.ok) await tx.access.audit(who, { action: 'resubmit', objectType: 'route', objectId: input.id, beforeVersion: input.version, afterVersion: result.route.version });
    return result;
  });
  return outcome(written);
}

/**
 * A route `who` may read: not-found when there is none, forbidden when it is another company's.
 *
 * @example const result = await readRoute(store, principal, id); result.ok ? result.route.report : result.reason
 */
export async function readRoute(store: Pick<Repositories, 'routes'>, who: Principal, id: string): Promise<{ ok: true; route: Route } | Extract<RouteRefusal, { reason: 'not-found' | 'forbidden' }>> {
  const route = UUID.test(id) ? await store.routes.get<CheckReport>(id) : undefined;
  if (!route) return { ok: false, reason: 'not-found' };
  const decision = can(who, 'routes:read', route.owner);
  return decision.allowed ? { ok: true, route } : { ok: false, reason: 'forbidden', refusal: decision.reason };
}

/**
 * Routes `who` may read, newest first: all of them for a grant over every owner, its own otherwise.
 *
 * @example await listRoutes(store, principal, 'submitted') // the routes waiting for review
 */
export async function listRoutes(store: Pick<Repositories, 'routes'>, who: Principal, status?: RouteStatus): Promise<Route[]> {
  const decision = can(who, 'routes:read');
  if (!decision.allowed) return [];
  const routes = await store.routes.list<CheckReport>(decision.scope === 'all' ? undefined : who.organisation);
  return routes.filter((r) => !status || r.status === status);
}

/** Checks a submitted feature as laid by `organisation` (the route's owner); a route is a centreline and defaults to kind `heat`. */
async function checkRoute(store: Pick<Repositories, 'features' | 'coverage'>, settings: RouteCheckSettings, feature: unknown, crs: Crs, organisation: string) {
  const result = await runCheck(store, settings.rules, feature, crs, { defaultKind: 'heat', maxCoordinates: settings.maxCoordinates, ...(settings.vertexLimits ? { vertexLimits: settings.vertexLimits } : {}) }, { organisation });
  if (!result.ok) return { ok: false, reason: 'invalid-route', errors: result.errors.map((e) => ({ ...e, field: `feature.${e.field}` })) } as const;
  if (result.trench.geometry.type !== 'LineString') return { ok: false, reason: 'not-a-line' } as const;
  return { ok: true, trench: result.trench as Trench & { geometry: LineString }, report: result.report } as const;
}

/** A store write as a use-case result. */
export function outcome(written: RouteWrite<CheckReport>): RouteResult {
  if (written.ok) return written;
  if (written.reason === 'not-found') return written;
  if (written.reason === 'stale-version') return { ok: false, reason: 'stale-version', current: written.current.version };
  return { ok: false, reason: 'already-decided', current: written.current.version, status: written.current.status };
}
