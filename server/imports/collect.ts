import type { Feature } from 'geojson';
import { type Crs, RD_NEW } from '../geo/crs.ts';
import { validateFeature } from '../domain/assets/asset.validation.ts';
import { render } from '../messages/render.ts';
import type { LayerName } from '../domain/assets/layers.ts';
import {
  IMPORT_FAILURES,
  type ImportFormat,
  type ImportReport,
  type ImportResult,
  type ImportWarning,
  type ImportedAsset,
  type SkippedObject,
  importFailure,
} from './types.ts';

/**
 * Gathers what an importer produces: every candidate feature goes through the same validation the API applies
 * (`validateFeature` in RD New), an invalid one becomes a skipped entry with the validator's reason instead of
 * failing the file, and a repeated source id is skipped rather than silently overwriting the first.
 */
export interface AssetCollector {
  /** Validates `feature` (coordinates in `crs`, RD New by default) for `layer` and keeps it or reports it skipped. */
  add(layer: LayerName, feature: Feature, kind: string, crs?: Crs): void;
  skip(id: string, kind: string, reason: string): void;
  warn(id: string, reason: string): void;
  ignore(kind: string, count?: number): void;
  finish(meta: { format: ImportFormat; source: string; bytes: number; startedAt: number }): ImportResult;
}

/**
 * Creates an empty collector.
 *
 * @example
 * const out = createCollector();
 * out.add('trees', { type: 'Feature', id: 't1', geometry: point, properties: { owner: 'Gemeente Rotterdam' } }, 'tree');
 * out.finish({ format: 'tree-register', source: 'rotterdam-trees', bytes: 0, startedAt: performance.now() });
 */
export function createCollector(): AssetCollector {
  const assets: ImportedAsset[] = [];
  const skipped: SkippedObject[] = [];
  const warnings: ImportWarning[] = [];
  const ignored: Record<string, number> = {};
  const seen = new Set<string>();
  return {
    add(layer, feature, kind, crs = RD_NEW) {
      const id = String(feature.id ?? '');
      const checked = validateFeature(feature, layer, crs);
      if ('code' in checked) {
        // Import reports are English throughout; the code leads, as before, so a reader can search for it.
        skipped.push({ id, kind, reason: `${checked.code.replace(/^validation\.(geometry\.)?/, '')}: ${checked.field}: ${render(checked, 'en')}` });
      } else if (checked.id === '') {
        skipped.push({ id, kind, reason: 'no source id; the importer cannot match it on a later import' });
      } else if (seen.has(checked.id)) {
        skipped.push({ id, kind, reason: `id ${JSON.stringify(checked.id)} occurs twice in the source; the first is kept` });
      } else {
        seen.add(checked.id);
        assets.push({ layer, asset: checked });
      }
    },
    skip: (id, kind, reason) => void skipped.push({ id, kind, reason }),
    warn: (id, reason) => void warnings.push({ id, reason }),
    ignore: (kind, count = 1) => void (ignored[kind] = (ignored[kind] ?? 0) + count),
    finish({ format, source, bytes, startedAt }) {
      if (assets.length === 0) {
        const why = skipped.length > 0 ? `; ${skipped.length} objects were skipped, the first because ${skipped[0]!.reason}` : '';
        return importFailure(IMPORT_FAILURES.noFeatures, `${source}: no importable features found${why}`);
      }
      const counts: ImportReport['counts'] = {};
      for (const { layer } of assets) counts[layer] = (counts[layer] ?? 0) + 1;
      const report: ImportReport = {
        format,
        source,
        counts,
        skipped,
        warnings,
        ignored,
        bytes,
        duration_ms: Math.round(performance.now() - startedAt),
      };
      return { ok: true, assets, report };
    },
  };
}

/**
 * Drops properties whose value is undefined, so assets carry only what the source said.
 *
 * @example withoutUndefined({ owner: 'Liander', depth_m: undefined }) // { owner: 'Liander' }
 */
export function withoutUndefined<T extends Record<string, unknown>>(props: T): T {
  for (const key of Object.keys(props)) if (props[key] === undefined) delete props[key];
  return props;
}
