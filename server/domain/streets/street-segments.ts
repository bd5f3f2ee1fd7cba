import type { Feature, Geometry, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { bboxNear, bboxOf } from '../../geo/bbox.ts';
import type { BBox } from '../../geo/types.ts';
import { lineLength } from '../../geo/length.ts';
import { pointSegmentDistance } from '../../geo/point-segment-distance.ts';

/**
 * A street segment from the `streets` layer: the stretch of street the planner opens as one unit. Not a line piece
 * (two points; `LinePiece` in server/geo/).
 */
export interface StreetSegment {
  id: string;
  street: string;
  geometry: LineString | Polygon | MultiPolygon;
  length_m: number;
  households?: number;
  /** Last repaving date (ISO `YYYY-MM-DD`), for the moratorium. */
  paved_on?: string;
  /** Segments that may not be open at the same time as this one. */
  neighbours?: string[];
  /** Street width; half of it is how far from a centreline a work still lies in this street. */
  width_m?: number;
  /** The district (wijk) it lies in, for district limits and blackouts; absent: only global limits apply. */
  district?: string;
  /** Segments that are its diversion route: never closed on the same day as this one. */
  diversion_via?: string[];
}

const TOUCH_M = 1;

/**
 * Street segments from `streets` features (RD New): `segment_id` (else the feature id), `name`, `length_m`
 * (else measured), `households`, `paved_on`, `width_m`, `neighbours` (else the segments that touch it, within 1 m),
 * `district` (else `wijk`) and `diversion_via` (a segment id or a list). Features of other geometry types are skipped.
 *
 * @example segmentsFromStreets(streets)[0] // { id: 'hudsonstraat-1', street: 'Hudsonstraat', length_m: 170, households: 62, ... }
 */
export function segmentsFromStreets(features: readonly Feature<Geometry, Record<string, unknown> | null>[]): StreetSegment[] {
  const segments: StreetSegment[] = [];
  for (const f of features) {
    const g = f.geometry;
    if (g.type !== 'LineString' && g.type !== 'Polygon' && g.type !== 'MultiPolygon') continue;
    const p = f.properties ?? {};
    const id = typeof p.segment_id === 'string' && p.segment_id ? p.segment_id : String(f.id ?? segments.length);
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);
    const households = num(p.households);
    const width = num(p.width_m);
    const district = [p.district, p.wijk].find((v): v is string => typeof v === 'string' && v.trim() !== '')?.trim();
    const via = (Array.isArray(p.diversion_via) ? p.diversion_via : [p.diversion_via]).filter((v) => typeof v === 'string' && v !== '').map(String);
    segments.push({
      id,
      street: typeof p.name === 'string' && p.name ? p.name : id,
      geometry: g,
      length_m: num(p.length_m) ?? measure(g),
      ...(households ? { households } : {}),
      ...(typeof p.paved_on === 'string' ? { paved_on: p.paved_on } : {}),
      ...(Array.isArray(p.neighbours) ? { neighbours: p.neighbours.map(String) } : {}),
      ...(width ? { width_m: width } : {}),
      ...(district ? { district } : {}),
      ...(via.length ? { diversion_via: via } : {}),
    });
  }
  const missing = segments.filter((s) => !s.neighbours);
  if (missing.length) {
    const boxes = segments.map((s) => bboxOf(edges(s.geometry)));
    for (const s of missing) {
      const i = segments.indexOf(s);
      s.neighbours = segments.filter((t, j) => j !== i && bboxNear(boxes[i]!, boxes[j]!, TOUCH_M) && touches(s.geometry, t.geometry)).map((t) => t.id);
    }
  }
  return segments;
}

/**
 * The RD New extent of street geometries (centrelines or areas): what an area around chosen segments is read from.
 *
 * @example streetExtent([{ type: 'LineString', coordinates: [[0, 0], [100, 5]] }]) // [0, 0, 100, 5]
 */
export function streetExtent(geometries: readonly (LineString | Polygon | MultiPolygon)[]): BBox {
  return bboxOf(geometries.map(vertices));
}

function vertices(g: LineString | Polygon | MultiPolygon): Position[] {
  return g.type === 'LineString' ? g.coordinates : g.type === 'Polygon' ? g.coordinates.flat() : g.coordinates.flat(2);
}

function edges(g: LineString | Polygon | MultiPolygon): Position[][] {
  return g.type === 'LineString' ? [g.coordinates] : g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

function measure(g: LineString | Polygon | MultiPolygon): number {
  if (g.type === 'LineString') return Math.round(lineLength(g.coordinates) * 10) / 10;
  // A polygon street: half its outline approximates its length (the two long sides dominate).
  return Math.round((edges(g).reduce((sum, r) => sum + lineLength(r), 0) / 2) * 10) / 10;
}

function touches(a: LineString | Polygon | MultiPolygon, b: LineString | Polygon | MultiPolygon): boolean {
  const near = (p: Position, g: LineString | Polygon | MultiPolygon) => edges(g).some((line) => {
    for (let i = 0; i + 1 < line.length; i++) if (pointSegmentDistance(p, line[i]!, line[i + 1]!) <= TOUCH_M) return true;
    return false;
  });
  return vertices(a).some((p) => near(p, b)) || vertices(b).some((p) => near(p, a));
}
