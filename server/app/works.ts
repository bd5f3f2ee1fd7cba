import type { Message } from '../domain/message.ts';
import { type Principal, can } from '../domain/access/policy.ts';
import type { Work } from '../domain/plan/plan.types.ts';
import { serverSetErrors, validateWork, validateWorks } from '../domain/plan/work.validation.ts';
import type { Invalid } from '../domain/validation.ts';
import type { Crs } from '../geo/crs.ts';
import type { Store } from '../store/index.ts';
import type { WorkFeature } from '../store/work-store.ts';

/** Why a works write was refused; `refusal` is the policy's message, `current` the newer stored work (RD New). */
export type WorkRefusal =
  | { ok: false; reason: 'invalid'; errors: Invalid[] }
  | { ok: false; reason: 'forbidden'; refusal: Message }
  | { ok: false; reason: 'id-exists'; ids: string[] }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'stale-version'; current: WorkFeature };

export interface CreateWorksInput {
  /** A Feature or FeatureCollection of works as sent (owners already defaulted), in `crs`. */
  works: unknown;
  crs: Crs;
  limits: { maxFeatures: number; maxCoordinates: number };
}

/**
 * Adds works for `who`, all or nothing: every work valid, every owner one `who` may write for, no id already taken.
 * Each created work is audited in the same transaction.
 *
 * @example const result = await createWorks(store, principal, { works: collection, crs: 'EPSG:4326', limits: { maxFeatures: 1000, maxCoordinates: 10_000 } });
 *   result.ok ? result.ids : result.reason // ['6f1c…'] or 'id-exists'
 */
export async function createWorks(store: Store, who: Principal, { works, crs, limits }: CreateWorksInput): Promise<{ ok: true; ids: string[] } | Extract<WorkRefusal, { reason: 'invalid' | 'forbidden' | 'id-exists' }>> {
  const result = validateWorks(works, crs, limits);
  if (!result.valid) return { ok: false, reason: 'invalid', errors: result.errors };
  for (const owner of new Set(result.works.map((w) => w.properties.owner))) {
    const decision = can(who, 'works:write', owner);
    if (!decision.allowed) return { ok: false, reason: 'forbidden', refusal: decision.reason };
  }
  return store.transaction(async (tx) => {
    const taken: string[] = [];
    for (const w of result.works) if (w.id !== '' && (await tx.works.get(w.id))) taken.push(w.id);
    // Nothing is written before this answer, so returning (not throwing) leaves the transaction empty.
    if (taken.length) return { ok: false, reason: 'id-exists', ids: taken } as const;
    const created: string[] = [];
    for (const w of result.works) created.push((await tx.works.create(toStored(w))).id);
    await tx.access.auditMany(who, created.map((id) => ({ action: 'create', objectType: 'work', objectId: id, afterVersion: 1 })));
    return { ok: true, ids: created } as const;
  });
}

export interface UpdateWorkInput {
  id: string;
  /** The work as sent (owner already defaulted), in `crs`. */
  work: unknown;
  crs: Crs;
  /** The version the caller last read. */
  version: number;
  maxCoordinates: number;
}

/**
 * Replaces a work at the version `who` last read. Ownership is checked against the STORED work (so a work cannot be
 * taken over by sending another owner) and against the one sent; fields the server sets (a route's source) stay.
 *
 * @example const result = await updateWork(store, principal, { id, work: feature, crs: 'EPSG:28992', version: 1, maxCoordinates: 10_000 });
 *   result.ok ? result.work.properties.version : result.reason // 2, or 'stale-version'
 */
export async function updateWork(store: Store, who: Principal, { id, work, crs, version, maxCoordinates }: UpdateWorkInput): Promise<{ ok: true; work: WorkFeature } | WorkRefusal> {
  const checked = validateWork(work, crs, '', maxCoordinates);
  if (!checked.valid) return { ok: false, reason: 'invalid', errors: checked.errors };
  const stored = await store.works.get(id);
  const refusal = refused(who, stored?.properties.owner) ?? refused(who, checked.work.properties.owner);
  if (refusal) return refusal;
  const serverSet = stored ? serverSetErrors(checked.work, stored) : [];
  if (serverSet.length) return { ok: false, reason: 'invalid', errors: serverSet };
  return store.transaction(async (tx) => {
    const updated = await tx.works.update(id, { ...toStored(checked.work), id }, version);
    if (updated.ok) await tx.access.audit(who, { action: 'update', objectType: 'work', objectId: id, beforeVersion: version, afterVersion: updated.work.properties.version });
    return updated;
  });
}

/**
 * Deletes a work at the version `who` last read, when `who` may write for its stored owner.
 *
 * @example const result = await deleteWork(store, principal, { id, version: 2 }); result.ok || result.reason // true, or 'forbidden'
 */
export async function deleteWork(store: Store, who: Principal, { id, version }: { id: string; version: number }): Promise<{ ok: true } | Extract<WorkRefusal, { reason: 'forbidden' | 'not-found' | 'stale-version' }>> {
  const stored = await store.works.get(id);
  const refusal = refused(who, stored?.properties.owner);
  if (refusal) return refusal;
  return store.transaction(async (tx) => {
    const removed = await tx.works.remove(id, version);
    if (!removed.ok) return removed;
    await tx.access.audit(who, { action: 'delete', objectType: 'work', objectId: id, beforeVersion: version });
    return { ok: true } as const;
  });
}

/** The refusal when `who` may not write works of `owner`; none for an unknown (not stored) owner. */
function refused(who: Principal, owner: string | undefined): Extract<WorkRefusal, { reason: 'forbidden' }> | undefined {
  if (owner === undefined) return undefined;
  const decision = can(who, 'works:write', owner);
  return decision.allowed ? undefined : { ok: false, reason: 'forbidden', refusal: decision.reason };
}

function toStored(work: Work): Omit<WorkFeature, 'id'> & { id?: string } {
  const { version: _v, ...properties } = work.properties;
  return { type: 'Feature', ...(work.id ? { id: work.id } : {}), geometry: work.geometry, properties: { ...properties, version: 1 } };
}
