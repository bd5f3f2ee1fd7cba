import type { MultiPolygon, Position } from 'geojson';
import { RD_NEW } from '../geo/crs.ts';
import { validateGeometry } from '../geo/geometry.validation.ts';
import { createCollector, withoutUndefined } from './collect.ts';
import { readGeoJson, textProperty } from './geojson-source.ts';
import { type RoadMapping, RoadMappingSchema, loadMapping } from './mapping.ts';
import { minimumRectangleSides } from '../geo/minimum-rectangle.ts';
import { polygonArea } from '../geo/polygon-area.ts';
import type { ImportOptions, ImportResult } from './types.ts';

interface Segment {
  key: string[];
  name: string;
  polygons: Position[][][];
  parts: Record<string, number>;
}

/**
 * Imports road-part polygons (carriageway, footpath, parking, …) as street segments, the unit the planner opens:
 * parts are grouped by the mapping's segment fields (Rotterdam: STRAAT + WEGVAKNUMMER, since WEGVAKNUMMER restarts
 * per street) into one `streets` asset with a MultiPolygon of its parts. Properties: `name`, `segment_id`, `parts`
 * (count per trimmed part type), `area_m2`, and `length_m` — the long side of the minimum rotated rectangle around the
 * parts, which is the street length for a straight segment and an underestimate for a bent one (the planner uses it
 * only to weigh disruption). A part with an invalid polygon is skipped on its own, not with its segment.
 *
 * @example
 * const result = await importRoadSegments('stratenpatroon_terbregge.geojson');
 * if (result.ok) result.report.counts // { streets: 89 }
 */
export async function importRoadSegments(source: string, mapping: RoadMapping | string = 'rotterdam-roads', options: Pick<ImportOptions, 'name' | 'limits'> = {}): Promise<ImportResult> {
  const startedAt = performance.now();
  const checked = await loadMapping(RoadMappingSchema, mapping);
  if (!checked.ok) return checked;
  const m = checked.mapping;
  const read = await readGeoJson(source, options);
  if (!read.ok) return read;
  const { features, crs, bytes } = read.source;
  const out = createCollector();
  const segments = new Map<string, Segment>();

  features.forEach((feature, index) => {
    const props = (feature?.properties ?? {}) as Record<string, unknown>;
    const key = m.fields.segment.map((f) => textProperty(props, f));
    const partId = `${m.source}:part#${index}`;
    if (key.some((k) => k === undefined)) {
      return out.skip(partId, 'road-part', `segment fields ${m.fields.segment.join(' + ')} are not all filled (${key.map((k) => k ?? '∅').join(' + ')})`);
    }
    const geometry = validateGeometry(feature?.geometry, crs, { allowed: ['Polygon', 'MultiPolygon'] });
    if (!geometry.valid) return out.skip(partId, 'road-part', `${geometry.code}: ${geometry.reason}`);
    const polygons = geometry.geometry.type === 'Polygon' ? [geometry.geometry.coordinates] : (geometry.geometry as MultiPolygon).coordinates;
    const id = key.join(':');
    const segment = segments.get(id) ?? { key: key as string[], name: textProperty(props, m.fields.name) ?? id, polygons: [], parts: {} };
    segments.set(id, segment);
    segment.polygons.push(...polygons);
    const type = textProperty(props, m.fields.part_type) ?? 'unknown';
    segment.parts[type] = (segment.parts[type] ?? 0) + 1;
  });

  for (const [segmentId, segment] of segments) {
    const area = segment.polygons.reduce((sum, rings) => sum + polygonArea(rings), 0);
    const [length] = minimumRectangleSides(segment.polygons.flatMap((rings) => rings[0] ?? []));
    out.add(
      'streets',
      {
        type: 'Feature',
        id: `${m.source}:${segmentId}`,
        geometry: { type: 'MultiPolygon', coordinates: segment.polygons },
        properties: withoutUndefined({
          name: segment.name,
          segment_id: segmentId,
          owner: m.source,
          status: 'existing',
          source: m.source,
          source_id: segmentId,
          parts: segment.parts,
          part_count: Object.values(segment.parts).reduce((a, b) => a + b, 0),
          area_m2: Math.round(area * 10) / 10,
          length_m: Math.round(length * 10) / 10,
        }),
      },
      'road-segment',
      RD_NEW,
    );
  }
  out.coverFeatures('streets', m.source, m.coverage_area);
  return out.finish({ format: 'road-segments', source: m.source, bytes, startedAt });
}
