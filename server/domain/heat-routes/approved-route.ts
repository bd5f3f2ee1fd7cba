import type { LineString } from 'geojson';
import type { Asset } from '../assets/layers.ts';
import type { Trench } from '../check/check.types.ts';
import type { Work, WorkProperties } from '../plan/plan.types.ts';

/** What an approved route is known by in the layers and in the works: one id, derived from the route's. */
export const routeSource = (routeId: string) => `route:${routeId}`;
export const plannedHeatId = (routeId: string) => `route-${routeId}`;
/** The id of the heat work an approved route brings to the planner. */
export const routeWorkId = (routeId: string) => `work-${plannedHeatId(routeId)}`;
/** True for a `source` only the server writes: the link from a work to the approved route it came from. */
export const isRouteSource = (source: unknown): source is string => typeof source === 'string' && source.startsWith('route:');

export interface ApprovedRoute {
  id: string;
  name: string;
  owner: string;
  version: number;
  /** The checked trench, in RD New. */
  trench: Trench & { geometry: LineString };
}

/** Window properties a submitter may put on the route feature, carried over to the heat work as they are. */
const WINDOW_FIELDS = ['preferred_start', 'earliest_start', 'latest_end', 'duration_days'] as const;

/**
 * The `planned` feature an approved heat route becomes in the `heat` layer, so later checks see it as an obstacle.
 *
 * @example plannedHeatAsset({ id: 'a1', name: 'Tracé Hudsonstraat', owner: 'Eneco', version: 2, trench })
 *   // { id: 'route-a1', properties: { owner: 'Eneco', status: 'planned', depth_m: 1, width_m: 0.8, route_id: 'a1', ... } }
 */
export function plannedHeatAsset(route: ApprovedRoute): Asset<LineString> {
  const { depth_m, width_m, diameter_mm } = route.trench.properties;
  return {
    type: 'Feature',
    id: plannedHeatId(route.id),
    geometry: route.trench.geometry,
    properties: {
      owner: route.owner,
      status: 'planned',
      version: 1,
      name: route.name,
      depth_m,
      width_m,
      ...(typeof diameter_mm === 'number' ? { diameter_mm } : {}),
      route_id: route.id,
      route_version: route.version,
    },
  };
}

/**
 * The `heat` work an approved route brings to the planner, with the windows the submitter gave on the route.
 *
 * @example heatWork(route).properties // { type: 'heat', owner: 'Eneco', source: 'route:a1', depth_m: 1, ... }
 */
export function heatWork(route: ApprovedRoute): Work {
  const given = route.trench.properties as Record<string, unknown>;
  const properties: WorkProperties = {
    type: 'heat',
    owner: route.owner,
    name: route.name,
    depth_m: route.trench.properties.depth_m,
    source: routeSource(route.id),
  };
  for (const field of WINDOW_FIELDS) if (given[field] !== undefined) (properties as Record<string, unknown>)[field] = given[field];
  return { type: 'Feature', id: routeWorkId(route.id), geometry: route.trench.geometry, properties };
}

/**
 * The stored work a decision on `route` may rewrite or remove: only the one the route made itself, with the route's
 * id, source and owner. A work another party labelled with the route's source or id is left alone, so an approval
 * never hands someone else's work over to the route's owner.
 *
 * @example ownRouteWork({ id: 'a1', owner: 'Eneco' }, { id: 'work-route-a1', properties: { owner: 'Stedin', source: 'route:a1' } }) // undefined
 */
export function ownRouteWork<W extends { id: string; properties: { owner: string; source?: string } }>(route: Pick<ApprovedRoute, 'id' | 'owner'>, stored: W | undefined): W | undefined {
  const own = stored && stored.id === routeWorkId(route.id) && stored.properties.owner === route.owner && stored.properties.source === routeSource(route.id);
  return own ? stored : undefined;
}
