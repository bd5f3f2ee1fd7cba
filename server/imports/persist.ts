import type { Principal } from '../domain/access/policy.ts';
import type { LayerName } from '../domain/assets/layers.ts';
import type { Store } from '../store/index.ts';
import type { ImportedAsset, ImportReport } from './types.ts';

export interface StoredImport {
  report: ImportReport;
  /** Per layer: features created and features changed by this import (unchanged ones count in neither). */
  stored: Partial<Record<LayerName, { created: number; updated: number }>>;
}

/**
 * Stores an import in one transaction: every layer upserted by source id (so a newer delivery updates rather than
 * duplicates), with one audit entry naming the source and the counts per layer. Fails whole or lands whole.
 */
export async function persistImport(store: Store, assets: readonly ImportedAsset[], report: ImportReport, who?: Principal): Promise<StoredImport> {
  const byLayer = new Map<LayerName, ImportedAsset['asset'][]>();
  for (const { layer, asset } of assets) byLayer.set(layer, [...(byLayer.get(layer) ?? []), asset]);
  const stored: StoredImport['stored'] = {};
  await store.transaction(async (tx) => {
    for (const [layer, layerAssets] of byLayer) {
      const result = await tx.features.insert(layer, layerAssets, { upsert: true });
      if (!result.ok) throw new Error(`upsert of ${layer} reported existing ids, which it must not`);
      stored[layer] = { created: result.created, updated: result.updated };
    }
    await tx.access.audit(who, {
      action: 'import',
      objectType: 'import',
      objectId: report.source,
      detail: { format: report.format, counts: report.counts, stored, skipped: report.skipped.length, warnings: report.warnings.length },
    });
  });
  return { report, stored };
}
