import { randomUUID } from 'node:crypto';
import { type Principal, can } from '../domain/access/policy.ts';
import type { Message } from '../domain/message.ts';
import type { Asset, LayerName } from '../domain/assets/layers.ts';
import type { ImportedAsset, ImportReport } from '../imports/types.ts';
import type { KnownGround } from '../domain/coverage/coverage.ts';
import type { AuditWrite } from '../store/access-store.ts';
import type { FeatureStamp } from '../store/feature-store.ts';
import type { Repositories, Store } from '../store/index.ts';
import { holdLock } from '../store/locks.ts';

export interface StoredImport {
  report: ImportReport;
  /** Coverage areas and precaution zones stored for the import's source (replacing what that source had). */
  coverage?: { areas: number; precautions: number };
  /** Per layer: features created and features changed by this import (unchanged ones count in neither). */
  stored: Partial<Record<LayerName, { created: number; updated: number }>>;
}

/** At most this many refused ids are listed; the count says how many there were. */
export const REFUSED_IDS_LISTED = 50;

export type PersistImportResult =
  | ({ ok: true } & StoredImport)
  /** The import names an owner the caller may not import for; `refusal` is the policy's reason, rendered at the edge. */
  | { ok: false; reason: 'forbidden-owner'; owner: string; refusal: Message }
  /** Stored features the import would change belong to organisations the caller may not edit. */
  | { ok: false; reason: 'forbidden-features'; ids: { layer: LayerName; id: string; owner: string }[]; count: number };

/**
 * Stores an import in one transaction: every layer upserted by source id (so a newer delivery updates rather than
 * duplicates). A caller (`who`; none for the local CLI, which owns its store) may only name owners it may import
 * for and may only change stored features it may already edit: an IMKL file can carry any `gml:id`, and an upsert
 * by id would otherwise hand another organisation's cable to whoever names it. The stored records are read and
 * locked first, so nothing is written unless all of the import may be. The audit log gets one entry per feature
 * created or changed (with its before and after version) and one naming the source and the counts. With `known` (the
 * import's coverage areas and precaution zones) the same transaction replaces what that source covered before, so a
 * re-import of a delivery replaces its areas. Imports of the same source take turns (an advisory lock on the source,
 * e.g. the KLIC order number), also across servers on one PostgreSQL.
 *
 * @example const result = await persistImport(store, imported.assets, imported.report, principal, imported);
 *   result.ok ? result.stored : result.reason // { cables: { created: 17, updated: 0 } } or 'forbidden-features'
 */
export async function persistImport(store: Store, assets: readonly ImportedAsset[], report: ImportReport, who?: Principal, known?: KnownGround): Promise<PersistImportResult> {
  if (who) {
    for (const owner of new Set(assets.map((a) => a.asset.properties.owner ?? ''))) {
      const decision = can(who, 'imports:run', owner);
      if (!decision.allowed) return { ok: false, reason: 'forbidden-owner', owner, refusal: decision.reason };
    }
  }
  const byLayer = new Map<LayerName, Asset[]>();
  for (const { layer, asset } of assets) {
    // Ids are given here, not by the store, so the audit can name every feature the import created.
    const withId = asset.id === '' ? { ...asset, id: randomUUID() } : asset;
    const list = byLayer.get(layer);
    if (list) list.push(withId);
    else byLayer.set(layer, [withId]);
  }
  return store.transaction<PersistImportResult>(async (tx) => {
    // Two imports of one delivery at once (two servers, or a double upload) take turns, so the second reads what the
    // first stored and replaces it, rather than both inserting coverage beside each other's.
    await holdLock(tx.sql, 'import', report.source);
    const before = new Map<LayerName, Map<string, FeatureStamp>>();
    for (const [layer, layerAssets] of byLayer) {
      const stamps = await tx.features.stamps(layer, layerAssets.map((a) => a.id), { lock: true });
      before.set(layer, new Map(stamps.map((s) => [s.id, s])));
    }
    if (who) {
      const refused = [...before].flatMap(([layer, stamps]) => [...stamps.values()].filter((s) => !can(who, 'imports:run', s.owner).allowed).map((s) => ({ layer, id: s.id, owner: s.owner })));
      if (refused.length > 0) return { ok: false, reason: 'forbidden-features', ids: refused.slice(0, REFUSED_IDS_LISTED), count: refused.length } as const;
    }
    const stored: StoredImport['stored'] = {};
    const changes: AuditWrite[] = [];
    for (const [layer, layerAssets] of byLayer) {
      const result = await tx.features.insert(layer, layerAssets, { upsert: true });
      if (!result.ok) throw new Error(`upsert of ${layer} reported existing ids, which it must not`);
      stored[layer] = { created: result.created, updated: result.updated };
      changes.push(...changed(layer, layerAssets, result.written ?? [], before.get(layer)!, report.source));
    }
    await auditChanges(tx, who, changes);
    const covered = known ? await tx.coverage.replace(report.source, known.coverage, known.precautions) : undefined;
    const coverage = covered ? { areas: covered.areas, precautions: covered.zones } : undefined;
    await tx.access.audit(who, {
      action: 'import',
      objectType: 'import',
      objectId: report.source,
      detail: { format: report.format, counts: report.counts, stored, skipped: report.skipped.length, warnings: report.warnings.length, ...(coverage ? { coverage } : {}) },
    });
    return { ok: true, report, stored, ...(coverage ? { coverage } : {}) } as const;
  });
}

/** Audit entries for the features of a layer the upsert created or changed, with the versions before and after. */
function changed(layer: LayerName, assets: readonly Asset[], written: readonly { id: string; version: number }[], before: ReadonlyMap<string, FeatureStamp>, source: string): AuditWrite[] {
  const ownerNow = new Map(assets.map((a) => [a.id, a.properties.owner]));
  return written.map((now) => {
    const was = before.get(now.id);
    const owner = ownerNow.get(now.id);
    return {
      action: was ? 'update' : 'create',
      objectType: layer,
      objectId: now.id,
      beforeVersion: was?.version ?? null,
      afterVersion: now.version,
      // A change of owner is the one an auditor looks for first.
      detail: { import: source, ...(was && owner !== undefined && was.owner !== owner ? { owner: { before: was.owner, after: owner } } : {}) },
    };
  });
}

/** Audit rows per statement: a 4 000-feature delivery is one or two statements, not thousands. */
const AUDIT_BATCH = 2_000;

async function auditChanges(tx: Repositories, who: Principal | undefined, entries: readonly AuditWrite[]): Promise<void> {
  for (let i = 0; i < entries.length; i += AUDIT_BATCH) await tx.access.auditMany(who, entries.slice(i, i + AUDIT_BATCH));
}
