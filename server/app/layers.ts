import type { Message } from '../domain/message.ts';
import { MUNICIPAL_LAYERS, type Principal, canWriteLayer } from '../domain/access/policy.ts';
import type { Asset, LayerName } from '../domain/assets/layers.ts';
import { type FeatureValidationOptions, validateFeature, validateFeatureCollection } from '../domain/assets/asset.validation.ts';
import type { Invalid } from '../domain/validation.ts';
import type { Crs } from '../geo/crs.ts';
import type { Store } from '../store/index.ts';

/** Why a layer write was refused; `refusal` is the policy's message, `current` the newer stored feature (RD New). */
export type LayerRefusal =
  | { ok: false; reason: 'invalid'; errors: Invalid[] }
  | { ok: false; reason: 'forbidden'; refusal: Message }
  | { ok: false; reason: 'id-exists'; ids: string[] }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'stale-version'; current: Asset };

export interface AddFeaturesInput {
  layer: LayerName;
  /** The FeatureCollection as sent (owners already defaulted), in `crs`. */
  collection: unknown;
  crs: Crs;
  limits: FeatureValidationOptions;
}

/**
 * Adds a collection to a layer for `who`, all or nothing: every feature valid, every owner one `who` may write for,
 * no id already taken. Each created feature is audited in the same transaction.
 *
 * @example const result = await addFeatures(store, principal, { layer: 'cables', collection, crs: 'EPSG:28992', limits: { maxFeatures: 1000 } });
 *   result.ok ? result.ids : result.reason // ['c1'] or 'id-exists'
 */
export async function addFeatures(store: Store, who: Principal, { layer, collection, crs, limits }: AddFeaturesInput): Promise<{ ok: true; ids: string[]; created: number } | Extract<LayerRefusal, { reason: 'invalid' | 'forbidden' | 'id-exists' }>> {
  const result = validateFeatureCollection(collection, layer, crs, limits);
  if (!result.valid) return { ok: false, reason: 'invalid', errors: result.errors };
  for (const owner of new Set(result.assets.map((a) => a.properties.owner))) {
    const refusal = refused(who, layer, owner);
    if (refusal) return refusal;
  }
  return store.transaction(async (tx) => {
    const inserted = await tx.features.insert(layer, result.assets);
    if (!inserted.ok) return inserted;
    await tx.access.auditMany(who, inserted.ids.map((id) => ({ action: 'create', objectType: layer, objectId: id, afterVersion: 1 })));
    return { ok: true, ids: inserted.ids, created: inserted.created } as const;
  });
}

export interface ReplaceFeatureInput {
  layer: LayerName;
  id: string;
  /** The Feature as sent (owner already defaulted), in `crs`. */
  feature: unknown;
  crs: Crs;
  /** The version the caller last read. */
  version: number;
  limits: Pick<FeatureValidationOptions, 'maxCoordinates' | 'vertexLimits'>;
}

/**
 * Replaces a feature at the version `who` last read. Ownership is checked against the STORED feature (so an asset
 * cannot be taken over by sending another owner) and against the one sent.
 *
 * @example const result = await replaceFeature(store, principal, { layer: 'trees', id: 't1', feature, crs: 'EPSG:28992', version: 1, limits: {} });
 *   result.ok ? result.asset.properties.version : result.reason // 2, or 'stale-version'
 */
export async function replaceFeature(store: Store, who: Principal, { layer, id, feature, crs, version, limits }: ReplaceFeatureInput): Promise<{ ok: true; asset: Asset } | LayerRefusal> {
  const asset = validateFeature(feature, layer, crs, limits.maxCoordinates, limits.vertexLimits);
  if ('code' in asset) return { ok: false, reason: 'invalid', errors: [asset] };
  const stored = await store.features.get(layer, id);
  const refusal = refused(who, layer, stored?.properties.owner) ?? refused(who, layer, asset.properties.owner);
  if (refusal) return refusal;
  return store.transaction(async (tx) => {
    const updated = await tx.features.update(layer, id, asset, version);
    if (updated.ok) await tx.access.audit(who, { action: 'update', objectType: layer, objectId: id, beforeVersion: version, afterVersion: updated.asset.properties.version });
    return updated;
  });
}

/**
 * Deletes a feature at the version `who` last read, when `who` may write for its stored owner.
 *
 * @example const result = await removeFeature(store, principal, { layer: 'trees', id: 't1', version: 2 }); result.ok || result.reason // true, or 'forbidden'
 */
export async function removeFeature(store: Store, who: Principal, { layer, id, version }: { layer: LayerName; id: string; version: number }): Promise<{ ok: true } | Extract<LayerRefusal, { reason: 'forbidden' | 'not-found' | 'stale-version' }>> {
  const stored = await store.features.get(layer, id);
  const refusal = refused(who, layer, stored?.properties.owner);
  if (refusal) return refusal;
  return store.transaction(async (tx) => {
    const removed = await tx.features.remove(layer, id, version);
    if (!removed.ok) return removed;
    await tx.access.audit(who, { action: 'delete', objectType: layer, objectId: id, beforeVersion: version });
    return { ok: true } as const;
  });
}

/**
 * The refusal when `who` may not write features of `layer` owned by `owner`; none for an unknown (not stored) owner,
 * except on a municipal layer, which a non-municipality may not write at all.
 */
export function refused(who: Principal, layer: LayerName, owner: string | undefined): Extract<LayerRefusal, { reason: 'forbidden' }> | undefined {
  if (owner === undefined && !MUNICIPAL_LAYERS.includes(layer)) return undefined;
  const decision = canWriteLayer(who, layer, owner);
  return decision.allowed ? undefined : { ok: false, reason: 'forbidden', refusal: decision.reason };
}
