import type { LineString } from 'geojson';
import { type Principal, can } from '../domain/access/policy.ts';
import type { CheckReport, Trench } from '../domain/check/check.types.ts';
import { heatWork, ownRouteWork, plannedHeatAsset, plannedHeatId, routeWorkId } from '../domain/heat-routes/approved-route.ts';
import type { Repositories, Store } from '../store/index.ts';
import { type Route, type RouteResult, outcome, readRoute } from './heat-routes.ts';

export interface DecideRouteInput {
  id: string;
  decision: 'approved' | 'rejected';
  /** Required by the edge for a rejection: what the heat company must change. */
  reason?: string;
  /** The version decided on; the current one when absent. */
  version?: number;
}

/**
 * Approves or rejects the current version of a route for `who`; approval adds a planned heat feature and a heat
 * work, a later rejection takes them out again. One transaction: the decision, its audit and its effects.
 *
 * @example const result = await decideRoute(store, principal, { id, decision: 'rejected', reason: 'te dicht bij water', version: 1 });
 *   result.ok ? result.route.status : result.reason // 'rejected', or 'already-decided'
 */
export async function decideRoute(store: Store, who: Principal, { id, decision, reason, version }: DecideRouteInput): Promise<RouteResult> {
  const current = await readRoute(store, who, id);
  if (!current.ok) return current;
  const allowed = can(who, 'routes:decide', current.route.owner);
  if (!allowed.allowed) return { ok: false, reason: 'forbidden', refusal: allowed.reason };
  const written = await store.transaction(async (tx) => {
    const result = await tx.routes.decide<CheckReport>(id, decision, reason ?? null, who.organisation, version);
    if (!result.ok) return result;
    await tx.access.audit(who, { action: decision === 'approved' ? 'approve' : 'reject', objectType: 'route', objectId: id, beforeVersion: result.route.version, afterVersion: result.route.version, detail: { reason: reason ?? null } });
    await applyDecision(tx, who, result.route);
    return result;
  });
  return outcome(written);
}

/**
 * The heat layer and the works follow the latest decision: approval writes (or replaces) the planned feature and
 * the heat work; rejecting a later version takes them out again.
 *
 * @example await store.transaction((tx) => applyDecision(tx, principal, decidedRoute))
 */
export async function applyDecision(tx: Repositories, who: Principal, route: Route): Promise<void> {
  const approved = { id: route.id, name: route.name, owner: route.owner, version: route.version, trench: route.feature as Trench & { geometry: LineString } };
  // Only the work this route made itself (same id, source and owner): a work another company labelled with this
  // route's source is never adopted.
  const existingWork = ownRouteWork(approved, await tx.works.get(routeWorkId(route.id)));
  if (route.status === 'approved') {
    await tx.features.insert('heat', [plannedHeatAsset(approved)], { upsert: true });
    const work = heatWork(approved);
    const stored = existingWork
      ? await tx.works.update(existingWork.id, { ...work, id: existingWork.id, properties: { ...work.properties, version: existingWork.properties.version } }, existingWork.properties.version)
      : { ok: true as const, work: await tx.works.create({ ...work, properties: { ...work.properties, version: 1 } }) };
    if (stored.ok) await tx.access.audit(who, { action: existingWork ? 'update' : 'create', objectType: 'work', objectId: stored.work.id, afterVersion: stored.work.properties.version });
    await tx.access.audit(who, { action: 'upsert', objectType: 'heat', objectId: plannedHeatId(route.id), detail: { route: route.id } });
    return;
  }
  const planned = await tx.features.get('heat', plannedHeatId(route.id));
  if (planned) await tx.features.remove('heat', planned.id, planned.properties.version);
  if (existingWork) await tx.works.remove(existingWork.id, existingWork.properties.version);
}
