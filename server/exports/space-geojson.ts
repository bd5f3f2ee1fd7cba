import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { SegmentScan, SpaceVerdict } from '../domain/space/scan.ts';
import type { StreetSegment } from '../domain/streets/street-segments.ts';
import { type Crs, RD_NEW, roundGeometry, transformGeometry } from '../geo/crs.ts';
import type { Language } from '../messages/language.ts';
import { render, translator } from '../messages/render.ts';

export interface SpaceAnswerMeta {
  kind: string;
  width_m: number;
  crs: Crs;
  language: Language;
}

export type SpaceRole = 'segment' | 'corridor' | 'narrowest';

/**
 * A space scan as GeoJSON: per segment its street geometry with the verdict and what takes the space, its free
 * corridor (`role: 'corridor'`) and its narrowest point (`role: 'narrowest'`), the texts in `language` and the
 * geometry in `crs`. The API answer, the GeoJSON export and the CLI's file are this collection.
 *
 * @example spaceCollection(segments, scans, { kind: 'heat', width_m: 0.9, crs: 'EPSG:28992', language: 'en' }).features[0].properties
 *   // { role: 'segment', segment_id: 'hudsonstraat-1', verdict: 'does-not-fit', verdict_text: 'does not fit', narrowest_m: 0, … }
 */
export function spaceCollection(segments: readonly StreetSegment[], scans: readonly SegmentScan[], meta: SpaceAnswerMeta) {
  const t = translator(meta.language);
  const byId = new Map(segments.map((s) => [s.id, s]));
  const out = <G extends Geometry>(g: G): G => roundGeometry(transformGeometry(g, RD_NEW, meta.crs), meta.crs === RD_NEW ? 3 : 9);
  const features: Feature[] = [];
  const summary: Record<SpaceVerdict, number> = { fits: 0, tight: 0, 'does-not-fit': 0, unknown: 0 };
  for (const scan of scans) {
    summary[scan.verdict]++;
    const segment = byId.get(scan.segment_id);
    if (!segment) continue;
    const common = { segment_id: scan.segment_id, verdict: scan.verdict };
    features.push({
      type: 'Feature',
      id: scan.segment_id,
      geometry: out(segment.geometry),
      properties: {
        role: 'segment' satisfies SpaceRole,
        ...common,
        street: scan.street,
        verdict_text: t(`space.verdict.${scan.verdict}`),
        narrowest_m: scan.narrowest_m,
        at_chainage_m: scan.at_chainage_m,
        taken_by: scan.taken_by,
        crossings: scan.crossings,
        crossed: scan.crossed,
        unknown_layers: scan.unknown_layers,
        width_assumed: scan.width_assumed,
        explanation: render(scan.explanation, meta.language),
        message: scan.explanation,
      },
    });
    if (scan.corridor.coordinates.length) {
      features.push({ type: 'Feature', id: `${scan.segment_id}/corridor`, geometry: out(scan.corridor), properties: { role: 'corridor' satisfies SpaceRole, ...common } });
    }
    features.push({
      type: 'Feature',
      id: `${scan.segment_id}/narrowest`,
      geometry: out({ type: 'Point', coordinates: scan.at }),
      properties: { role: 'narrowest' satisfies SpaceRole, ...common, narrowest_m: scan.narrowest_m, at_chainage_m: scan.at_chainage_m },
    });
  }
  return { type: 'FeatureCollection', kind: meta.kind, width_m: meta.width_m, summary, features } satisfies FeatureCollection & Record<string, unknown>;
}
