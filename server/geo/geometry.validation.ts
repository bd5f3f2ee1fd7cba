import { isGeometryObject } from 'geojson-validation';
// The one Turf module this needs: all of @turf/turf takes 0.27 s to import at every start.
import { rewind } from '@turf/rewind';
import type { Geometry, Polygon, Position } from 'geojson';
import { type Crs, RD_BOUNDS, RD_NEW, WGS84, WGS84_NL_BOUNDS, mapPositions, transformGeometry } from './crs.ts';
import { selfIntersection } from './simple.ts';

/** Reason codes for a geometry that cannot be used. */
export const GEOMETRY_REASONS = {
  structure: 'geometry-structure',
  type: 'geometry-type',
  notFinite: 'coordinate-not-finite',
  outOfBounds: 'coordinate-out-of-bounds',
  swappedAxes: 'coordinate-axes-swapped',
  wrongCrs: 'coordinate-wrong-crs',
  degenerate: 'geometry-degenerate',
  ringNotClosed: 'ring-not-closed',
  selfIntersection: 'ring-self-intersection',
  tooManyCoordinates: 'geometry-too-many-coordinates',
  tooManyVertices: 'geometry-too-many-vertices',
} as const;
export type GeometryReason = (typeof GEOMETRY_REASONS)[keyof typeof GEOMETRY_REASONS];

export type GeometryValidation<G extends Geometry = Geometry> =
  | { valid: true; geometry: G }
  | { valid: false; code: GeometryReason; reason: string };

export interface GeometryValidationOptions {
  /** Geometry types accepted; anything else is refused with a message that lists them. */
  allowed?: readonly Geometry['type'][];
  /** Cap on positions per geometry, against oversized or hostile input. */
  maxCoordinates?: number;
  /** Tighter caps for lines and for polygons, by what the geometry is (see trenchBounds, assetBounds). */
  bounds?: { line?: VertexBound; polygon?: VertexBound };
}

/** A cap on the positions of one kind of geometry, named as the person and the operator know it. */
export interface VertexBound {
  max: number;
  /** What the geometry is, e.g. `trench centreline`. */
  what: string;
  /** The setting that raises it. */
  setting: string;
}

/** Positions allowed per geometry kind (configurable: server/config.ts). */
export interface VertexLimits {
  trenchLine: number;
  trenchPolygon: number;
  assetLine: number;
  assetPolygon: number;
}

/**
 * What real data needs, with margin. Measured maxima (2026-12): KLIC deliveries in ../shared/realdata 84
 * positions on a cable, 33 on a pipe, 55 on a station polygon; the Terbregge road-part register 1 580 on one street
 * MultiPolygon; a 1 km heat route drawn at 50 m is 21. Every limit keeps the sweep and the check well under a second.
 */
export const DEFAULT_VERTEX_LIMITS: VertexLimits = { trenchLine: 5_000, trenchPolygon: 5_000, assetLine: 5_000, assetPolygon: 20_000 };

/** The settings that change DEFAULT_VERTEX_LIMITS. */
export const VERTEX_LIMIT_SETTINGS: Record<keyof VertexLimits, string> = {
  trenchLine: 'ONDERGROND_MAX_TRENCH_LINE_VERTICES',
  trenchPolygon: 'ONDERGROND_MAX_TRENCH_POLYGON_VERTICES',
  assetLine: 'ONDERGROND_MAX_ASSET_LINE_VERTICES',
  assetPolygon: 'ONDERGROND_MAX_ASSET_POLYGON_VERTICES',
};

const bound = (limits: Partial<VertexLimits>, key: keyof VertexLimits, what: string): VertexBound =>
  ({ max: limits[key] ?? DEFAULT_VERTEX_LIMITS[key], what, setting: VERTEX_LIMIT_SETTINGS[key] });

/**
 * The vertex bounds of a trench: its centreline or its footprint.
 *
 * @example trenchBounds({ trenchLine: 2_000 }).line // { max: 2000, what: 'trench centreline', setting: 'ONDERGROND_MAX_TRENCH_LINE_VERTICES' }
 */
export function trenchBounds(limits: Partial<VertexLimits> = {}): NonNullable<GeometryValidationOptions['bounds']> {
  return { line: bound(limits, 'trenchLine', 'trench centreline'), polygon: bound(limits, 'trenchPolygon', 'trench footprint') };
}

/**
 * The vertex bounds of an asset: lines (cables, pipes, sewers, heat) and polygons (tree zones, stations, streets).
 *
 * @example assetBounds().polygon?.max // 20000
 */
export function assetBounds(limits: Partial<VertexLimits> = {}): NonNullable<GeometryValidationOptions['bounds']> {
  return { line: bound(limits, 'assetLine', 'asset line'), polygon: bound(limits, 'assetPolygon', 'asset polygon') };
}

const fail = (code: GeometryReason, reason: string): GeometryValidation => ({ valid: false, code, reason });
const fmt = (p: Position) => `[${p.map((v) => +v.toFixed(6)).join(', ')}]`;

/**
 * Checks a geometry received in `crs` and returns it in RD New with RFC 7946 winding, or the first reason it
 * cannot be used. Checks what `geojson-validation` leaves out: finite coordinates inside the Netherlands
 * (suggesting swapped axes or the other CRS when that is what the numbers look like), closed rings, rings that do
 * not cross themselves, lines with at least two distinct positions.
 *
 * @example validateGeometry({ type: 'Point', coordinates: [4.4353, 51.9086] }, 'EPSG:4326')
 *   // { valid: true, geometry: { type: 'Point', coordinates: [89500.0, 436000.0] } }
 */
export function validateGeometry(
  input: unknown,
  crs: Crs,
  { allowed, maxCoordinates = 100_000, bounds = {} }: GeometryValidationOptions = {},
): GeometryValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return fail(GEOMETRY_REASONS.structure, 'geometry is missing or not an object');
  }
  const type = (input as { type?: unknown }).type;
  if (allowed && !allowed.includes(type as Geometry['type'])) {
    return fail(GEOMETRY_REASONS.type, `geometry type ${JSON.stringify(type)} is not allowed here; send ${allowed.join(' or ')}`);
  }
  const shape = checkOpenRings(input) ?? checkShape(input, maxCoordinates);
  if (shape) return shape;
  const geometry = input as Geometry;
  const tooMany = checkBounds(geometry, bounds);
  if (tooMany) return tooMany;

  const positions = collectPositions(geometry);
  for (const p of positions) {
    const bad = checkPosition(p, crs);
    if (bad) return bad;
  }

  const rd = transformGeometry(stripHeight(geometry), crs, RD_NEW);
  const topology = checkTopology(rd);
  if (topology) return topology;
  return { valid: true, geometry: rewindPolygons(rd) };
}

function checkShape(input: object, maxCoordinates: number): GeometryValidation | undefined {
  let messages: string[] | boolean;
  try {
    messages = isGeometryObject(input, true);
  } catch (error) {
    // geojson-validation throws a TypeError on some malformed nestings, e.g. a polygon [[]].
    return fail(GEOMETRY_REASONS.structure, `geometry is malformed (${(error as Error).message})`);
  }
  if (Array.isArray(messages) && messages.length > 0) {
    return fail(GEOMETRY_REASONS.structure, `geometry is malformed: ${messages.slice(0, 3).join('; ')}`);
  }
  const count = countPositions(input as Geometry);
  if (count > maxCoordinates) {
    return fail(GEOMETRY_REASONS.tooManyCoordinates, `geometry has ${count} positions, more than the limit of ${maxCoordinates}; simplify or split it`);
  }
  return undefined;
}

// Before any per-position work: the bound is what keeps a hostile geometry from costing more than a real one.
function checkBounds(geometry: Geometry, bounds: NonNullable<GeometryValidationOptions['bounds']>): GeometryValidation | undefined {
  const b = geometry.type === 'LineString' || geometry.type === 'MultiLineString' ? bounds.line
    : geometry.type === 'Polygon' || geometry.type === 'MultiPolygon' ? bounds.polygon
    : undefined;
  if (!b) return undefined;
  const count = countPositions(geometry);
  if (count <= b.max) return undefined;
  return fail(GEOMETRY_REASONS.tooManyVertices, `${b.what} has ${count} positions, more than the limit of ${b.max} (${b.setting}); simplify it or split it into parts`);
}

// geojson-validation also refuses an open ring, but without saying where; this names both ends.
function checkOpenRings(input: object): GeometryValidation | undefined {
  const { type, coordinates } = input as { type?: unknown; coordinates?: unknown };
  const polygons = type === 'Polygon' ? [coordinates] : type === 'MultiPolygon' && Array.isArray(coordinates) ? coordinates : [];
  for (const rings of polygons) {
    if (!Array.isArray(rings)) continue;
    for (const [i, ring] of rings.entries()) {
      if (!Array.isArray(ring) || ring.length < 2 || !ring.every(isNumericPosition)) continue;
      const first = ring[0] as Position;
      const last = ring[ring.length - 1] as Position;
      if (!samePosition(first, last)) {
        return fail(GEOMETRY_REASONS.ringNotClosed, `${i === 0 ? 'outer ring' : `hole ${i}`} is not closed (first ${fmt(first)} ≠ last ${fmt(last)}); repeat the first position at the end`);
      }
    }
  }
  return undefined;
}

const isNumericPosition = (p: unknown) => Array.isArray(p) && p.length >= 2 && p.every((v) => typeof v === 'number' && Number.isFinite(v));

function checkPosition(p: Position, crs: Crs): GeometryValidation | undefined {
  if (!p.every((v) => Number.isFinite(v))) {
    return fail(GEOMETRY_REASONS.notFinite, `coordinate ${JSON.stringify(p)} is not a finite number`);
  }
  const [x, y] = p as [number, number];
  const inRd = between(x, y, RD_BOUNDS);
  const inWgs = between(x, y, WGS84_NL_BOUNDS);
  if (crs === WGS84 && !inWgs) {
    if (between(y, x, WGS84_NL_BOUNDS)) {
      return fail(GEOMETRY_REASONS.swappedAxes, `coordinate ${fmt(p)} looks like [lat, lon]; GeoJSON (RFC 7946) is [lon, lat]: swap the axes`);
    }
    if (inRd) {
      return fail(GEOMETRY_REASONS.wrongCrs, `coordinate ${fmt(p)} looks like RD New metres, not WGS84 degrees; send ?crs=EPSG:28992 or a crs member naming EPSG:28992`);
    }
    return fail(GEOMETRY_REASONS.outOfBounds, `coordinate ${fmt(p)} lies outside the Netherlands (lon ${WGS84_NL_BOUNDS.minX}–${WGS84_NL_BOUNDS.maxX}, lat ${WGS84_NL_BOUNDS.minY}–${WGS84_NL_BOUNDS.maxY})`);
  }
  if (crs === RD_NEW && !inRd) {
    if (between(y, x, RD_BOUNDS)) {
      return fail(GEOMETRY_REASONS.swappedAxes, `coordinate ${fmt(p)} looks like [y, x]; RD New is [x, y] (x 0–300 000, y 289 000–629 000): swap the axes`);
    }
    if (inWgs) {
      return fail(GEOMETRY_REASONS.wrongCrs, `coordinate ${fmt(p)} looks like WGS84 degrees, not RD New metres; leave out crs=EPSG:28992 or transform the data`);
    }
    return fail(GEOMETRY_REASONS.outOfBounds, `coordinate ${fmt(p)} lies outside RD New (x ${RD_BOUNDS.minX}–${RD_BOUNDS.maxX}, y ${RD_BOUNDS.minY}–${RD_BOUNDS.maxY})`);
  }
  return undefined;
}

function checkTopology(geometry: Geometry): GeometryValidation | undefined {
  switch (geometry.type) {
    case 'LineString':
      return checkLine(geometry.coordinates);
    case 'MultiLineString':
      return checkParts(geometry.coordinates, 'MultiLineString', 'line') ?? firstOf(geometry.coordinates.map(checkLine));
    case 'Polygon':
      return checkPolygon(geometry.coordinates);
    case 'MultiPolygon':
      return checkParts(geometry.coordinates, 'MultiPolygon', 'polygon') ?? firstOf(geometry.coordinates.map(checkPolygon));
    case 'GeometryCollection':
      return firstOf(geometry.geometries.map(checkTopology));
    default:
      return undefined;
  }
}

function checkLine(line: Position[]): GeometryValidation | undefined {
  const first = line[0]!;
  if (line.length < 2 || line.every((p) => samePosition(p, first))) {
    return fail(GEOMETRY_REASONS.degenerate, 'line has fewer than two distinct positions; a line needs a length');
  }
  return undefined;
}

// geojson-validation passes empty multi-geometries and a polygon without rings; turf's rewind then throws on them.
function checkParts(parts: unknown[], type: string, part: string): GeometryValidation | undefined {
  return parts.length === 0 ? fail(GEOMETRY_REASONS.degenerate, `${type} has no ${part}s; send at least one`) : undefined;
}

function checkPolygon(rings: Position[][]): GeometryValidation | undefined {
  if (rings.length === 0) return fail(GEOMETRY_REASONS.degenerate, 'polygon has no rings; send an outer ring of at least 4 positions, the first repeated at the end');
  for (const [i, ring] of rings.entries()) {
    const which = i === 0 ? 'outer ring' : `hole ${i}`;
    if (ring.length < 4) {
      return fail(GEOMETRY_REASONS.degenerate, `${which} has ${ring.length} positions; a ring needs at least 4 (the first repeated at the end)`);
    }
  }
  const at = selfIntersection({ type: 'Polygon', coordinates: rings } satisfies Polygon);
  if (at) {
    return fail(GEOMETRY_REASONS.selfIntersection, `polygon crosses itself near RD ${fmt(at.map((v) => +v.toFixed(2)))}; fix the ring order or split it`);
  }
  return undefined;
}

function rewindPolygons<G extends Geometry>(geometry: G): G {
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') return geometry;
  return rewind(geometry, { mutate: false }) as G;
}

function stripHeight<G extends Geometry>(geometry: G): G {
  return mapPositions(geometry, (p) => [p[0]!, p[1]!]);
}

function collectPositions(geometry: Geometry): Position[] {
  const out: Position[] = [];
  mapPositions(geometry, (p) => (out.push(p), p));
  return out;
}

function countPositions(geometry: Geometry): number {
  let n = 0;
  mapPositions(geometry, (p) => (n++, p));
  return n;
}

const between = (x: number, y: number, b: { minX: number; minY: number; maxX: number; maxY: number }) =>
  x >= b.minX && x <= b.maxX && y >= b.minY && y <= b.maxY;
const samePosition = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];
const firstOf = (results: (GeometryValidation | undefined)[]) => results.find((r) => r !== undefined);
