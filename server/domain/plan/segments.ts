import type { Feature, Geometry, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { Segment } from './plan.types.ts';

const TOUCH_M = 1;

/**
 * Street segments from `streets` features (RD New): `segment_id` (else the feature id), `name`, `length_m`
 * (else measured), `households`, `paved_on`, `width_m`, `neighbours` (else the segments that touch it, within 1 m).
 * Features of other geometry types are skipped.
 *
 * @example segmentsFromStreets(streets)[0] // { id: 'hudsonstraat-1', street: 'Hudsonstraat', length_m: 170, households: 62, ... }
 */
export function segmentsFromStreets(features: readonly Feature<Geometry, Record<string, unknown> | null>[]): Segment[] {
  const segments: Segment[] = [];
  for (const f of features) {
    const g = f.geometry;
    if (g.type !== 'LineString' && g.type !== 'Polygon' && g.type !== 'MultiPolygon') continue;
    const p = f.properties ?? {};
    const id = typeof p.segment_id === 'string' && p.segment_id ? p.segment_id : String(f.id ?? segments.length);
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);
    const households = num(p.households);
    const width = num(p.width_m);
    segments.push({
      id,
      street: typeof p.name === 'string' && p.name ? p.name : id,
      geometry: g as LineString | Polygon | MultiPolygon,
      length_m: num(p.length_m) ?? measure(g as LineString | Polygon | MultiPolygon),
      ...(households ? { households } : {}),
      ...(typeof p.paved_on === 'string' ? { paved_on: p.paved_on } : {}),
      ...(Array.isArray(p.neighbours) ? { neighbours: p.neighbours.map(String) } : {}),
      ...(width ? { width_m: width } : {}),
    });
  }
  const missing = segments.filter((s) => !s.neighbours);
  if (missing.length) {
    const boxes = segments.map((s) => box(s.geometry));
    for (const s of missing) {
      const i = segments.indexOf(s);
      s.neighbours = segments.filter((t, j) => j !== i && overlaps(boxes[i]!, boxes[j]!) && touches(s.geometry, t.geometry)).map((t) => t.id);
    }
  }
  return segments;
}

function vertices(g: LineString | Polygon | MultiPolygon): Position[] {
  return g.type === 'LineString' ? g.coordinates : g.type === 'Polygon' ? g.coordinates.flat() : g.coordinates.flat(2);
}

function edges(g: LineString | Polygon | MultiPolygon): Position[][] {
  return g.type === 'LineString' ? [g.coordinates] : g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

function measure(g: LineString | Polygon | MultiPolygon): number {
  if (g.type === 'LineString') return Math.round(pathLength(g.coordinates) * 10) / 10;
  // A polygon street: half its outline approximates its length (the two long sides dominate).
  return Math.round((edges(g).reduce((sum, r) => sum + pathLength(r), 0) / 2) * 10) / 10;
}

function pathLength(line: Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < line.length; i++) sum += Math.hypot(line[i + 1]![0]! - line[i]![0]!, line[i + 1]![1]! - line[i]![1]!);
  return sum;
}

type Box = [number, number, number, number];
function box(g: LineString | Polygon | MultiPolygon): Box {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of vertices(g) as [number, number][]) {
    b[0] = Math.min(b[0], x); b[1] = Math.min(b[1], y); b[2] = Math.max(b[2], x); b[3] = Math.max(b[3], y);
  }
  return b;
}
const overlaps = (a: Box, b: Box) => a[0] - TOUCH_M <= b[2] && b[0] - TOUCH_M <= a[2] && a[1] - TOUCH_M <= b[3] && b[1] - TOUCH_M <= a[3];

function touches(a: LineString | Polygon | MultiPolygon, b: LineString | Polygon | MultiPolygon): boolean {
  const near = (p: Position, g: LineString | Polygon | MultiPolygon) => edges(g).some((line) => {
    for (let i = 0; i + 1 < line.length; i++) if (toSegment(p, line[i]!, line[i + 1]!) <= TOUCH_M) return true;
    return false;
  });
  return vertices(a).some((p) => near(p, b)) || vertices(b).some((p) => near(p, a));
}

function toSegment(p: Position, a: Position, b: Position): number {
  const dx = b[0]! - a[0]!;
  const dy = b[1]! - a[1]!;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0]! - a[0]!) * dx + (p[1]! - a[1]!) * dy) / len2));
  return Math.hypot(p[0]! - (a[0]! + t * dx), p[1]! - (a[1]! + t * dy));
}
