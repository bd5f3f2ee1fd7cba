import type { Position } from 'geojson';

// Planar geometry in RD New metres. Turf's measurement functions work on a sphere in degrees, so the check, the
// planner, the importers and the client measure with these modules; the results agree with PostGIS ST_Distance on
// EPSG:28992 (test/check/postgis-agreement.test.ts).

/**
 * Two points and the straight piece between them: one edge of a LineString or ring. Not a street segment (that is
 * `StreetSegment` in server/domain/streets/).
 */
export type LinePiece = readonly [Position, Position];

/** [minx, miny, maxx, maxy], as GeoJSON's `bbox`. */
export type BBox = [number, number, number, number];

/** A geometry taken apart for distance work: its line pieces, its loose points and its polygons (rings). */
export interface Shape {
  segments: LinePiece[];
  points: Position[];
  polygons: Position[][][];
  bbox: BBox;
}

/** The closest points of two things and their distance. */
export interface Closest {
  distance: number;
  /** Nearest point on the first argument and on the second. */
  a: Position;
  b: Position;
  /** Parameter 0–1 of `a` along the first piece (when the first argument is a line piece). */
  s: number;
}

/** Where two line pieces cross: the point, the parameters along each, and the angle between them (0–90°). */
export interface Intersection {
  point: Position;
  s: number;
  t: number;
  angle_deg: number;
}
