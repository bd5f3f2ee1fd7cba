import type { Feature, Polygon, Position } from 'geojson';
import { type Crs, RD_NEW } from '../geo/crs.ts';
import { validateFeature } from '../domain/assets/asset.validation.ts';
import { render } from '../messages/render.ts';
import type { LayerName } from '../domain/assets/layers.ts';
import type { CoverageArea, CoverageKind, PrecautionZone } from '../domain/coverage/coverage.ts';
import { convexHull } from '../geo/convex-hull.ts';
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
  /** `message` is the reason's catalogue code and parameters, kept beside the English `reason`. */
  skip(id: string, kind: string, reason: string, message?: { code: string; params?: Record<string, string | number> }): void;
  warn(id: string, reason: string): void;
  ignore(kind: string, count?: number): void;
  /** Records where the import knows the ground (and, for KLIC, its precaution zones). */
  cover(areas: readonly CoverageArea[], zones?: readonly PrecautionZone[]): void;
  /**
   * At finish, records for `layer` the area the mapping declares (RD New) or else the convex hull of the layer's
   * kept features, under the import's source.
   */
  coverFeatures(layer: LayerName, owner: string, declared?: Polygon): void;
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
  const coverage: CoverageArea[] = [];
  const precautions: PrecautionZone[] = [];
  const hulls: { layer: LayerName; owner: string; declared: Polygon | undefined }[] = [];
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
    skip: (id, kind, reason, message) => void skipped.push({ id, kind, reason, ...(message ? { code: message.code, ...(message.params ? { params: message.params } : {}) } : {}) }),
    warn: (id, reason) => void warnings.push({ id, reason }),
    ignore: (kind, count = 1) => void (ignored[kind] = (ignored[kind] ?? 0) + count),
    cover: (areas, zones = []) => void (coverage.push(...areas), precautions.push(...zones)),
    coverFeatures: (layer, owner, declared) => void hulls.push({ layer, owner, declared }),
    finish({ format, source, bytes, startedAt }) {
      for (const { layer, owner, declared } of hulls) {
        const area = declared ? { kind: 'declared' as const, geometry: declared } : hullOf(assets.filter((a) => a.layer === layer).map((a) => a.asset.geometry));
        if (area) coverage.push({ source, layer, owner, ...area });
      }
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
        ...(coverage.length || precautions.length || hulls.length
          ? { coverage: { areas: coverage.length, precautions: precautions.length, kinds: [...new Set(coverage.map((a) => a.kind))] as CoverageKind[] } }
          : {}),
        bytes,
        duration_ms: Math.round(performance.now() - startedAt),
      };
      return { ok: true, assets, coverage, precautions, report };
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

/** The convex hull of geometries' positions as a closed polygon, or undefined when they span no area. */
function hullOf(geometries: readonly Feature['geometry'][]): { kind: 'hull'; geometry: Polygon } | undefined {
  const points: Position[] = [];
  const collect = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') points.push(c as Position);
    else if (Array.isArray(c)) for (const inner of c) collect(inner);
  };
  for (const g of geometries) if (g && 'coordinates' in g) collect(g.coordinates);
  const ring = convexHull(points);
  if (ring.length < 3) return undefined;
  return { kind: 'hull', geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]!]] } };
}
