import type { Geometry, Position } from 'geojson';
import type { Shape } from './types.ts';

/**
 * Breaks a geometry into line pieces, loose points and polygons, with its bounding box: the form every distance
 * module works on.
 *
 * @example shapeOf({ type: 'LineString', coordinates: [[0, 0], [10, 0]] }).segments // [[[0, 0], [10, 0]]]
 * @example shapeOf({ type: 'Point', coordinates: [3, 4] }).bbox // [3, 4, 3, 4]
 */
export function shapeOf(geometry: Geometry): Shape {
  const shape: Shape = { segments: [], points: [], polygons: [], bbox: [Infinity, Infinity, -Infinity, -Infinity] };
  addGeometry(shape, geometry);
  // Module-level helpers and one bbox array: this runs for every candidate of every check.
  const box = shape.bbox;
  for (const [a, b] of shape.segments) (growBox(box, a), growBox(box, b));
  for (const p of shape.points) growBox(box, p);
  return shape;
}

function addGeometry(shape: Shape, g: Geometry): void {
  switch (g.type) {
    case 'Point': shape.points.push(g.coordinates); return;
    case 'MultiPoint': shape.points.push(...g.coordinates); return;
    case 'LineString': addLine(shape, g.coordinates); return;
    case 'MultiLineString': for (const l of g.coordinates) addLine(shape, l); return;
    case 'Polygon': shape.polygons.push(g.coordinates); for (const l of g.coordinates) addLine(shape, l); return;
    case 'MultiPolygon': for (const p of g.coordinates) { shape.polygons.push(p); for (const l of p) addLine(shape, l); } return;
    case 'GeometryCollection': for (const c of g.geometries) addGeometry(shape, c); return;
  }
}

function addLine(shape: Shape, coords: Position[]): void {
  for (let i = 0; i + 1 < coords.length; i++) shape.segments.push([coords[i]!, coords[i + 1]!]);
  if (coords.length === 1) shape.points.push(coords[0]!);
}

function growBox(box: Shape['bbox'], p: Position): void {
  const x = p[0]!, y = p[1]!;
  if (x < box[0]) box[0] = x;
  if (y < box[1]) box[1] = y;
  if (x > box[2]) box[2] = x;
  if (y > box[3]) box[3] = y;
}
