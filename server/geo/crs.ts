import proj4 from 'proj4';
import type { Geometry, Position } from 'geojson';

/**
 * Coordinate reference systems the API speaks. RD New (EPSG:28992, metres) is canonical inside the store and the
 * domain; WGS84 (EPSG:4326, RFC 7946 lon/lat) is the default on the wire.
 */
export type Crs = 'EPSG:4326' | 'EPSG:28992';

export const RD_NEW: Crs = 'EPSG:28992';
export const WGS84: Crs = 'EPSG:4326';

// The definition PostGIS ships in spatial_ref_sys (EPSG:15934 datum shift, about 1 m absolute, 0.4 mm round trip).
proj4.defs(
  'EPSG:28992',
  '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 ' +
    '+ellps=bessel +towgs84=565.2369,50.0087,465.658,-0.406857,0.350733,-1.87035,4.0812 +units=m +no_defs',
);

const toRd = proj4('EPSG:4326', 'EPSG:28992');
const toWgs = proj4('EPSG:28992', 'EPSG:4326');

/** RD New area of use (EPSG:28992), in metres. */
export const RD_BOUNDS = { minX: -7_000, minY: 289_000, maxX: 300_000, maxY: 629_000 } as const;
/** The Netherlands with its territorial sea, in degrees. */
export const WGS84_NL_BOUNDS = { minX: 3.2, minY: 50.7, maxX: 7.3, maxY: 53.7 } as const;

const CRS_ALIASES: Record<string, Crs> = {
  'epsg:4326': WGS84,
  'urn:ogc:def:crs:ogc:1.3:crs84': WGS84,
  'urn:ogc:def:crs:epsg::4326': WGS84,
  crs84: WGS84,
  'epsg:28992': RD_NEW,
  'urn:ogc:def:crs:epsg::28992': RD_NEW,
  'urn:x-ogc:def:crs:epsg:28992': RD_NEW,
  'http://www.opengis.net/def/crs/epsg/0/28992': RD_NEW,
};

/**
 * Reads a CRS name as written by GeoJSON `crs` members, IMKL srsName attributes or a `?crs=` query.
 * Returns undefined for a name it does not know.
 *
 * @example parseCrs('urn:ogc:def:crs:EPSG::28992') // 'EPSG:28992'
 */
export function parseCrs(name: string): Crs | undefined {
  return CRS_ALIASES[name.trim().toLowerCase()];
}

/** The CRS names {@link parseCrs} accepts, for error messages. */
export const KNOWN_CRS_NAMES = ['EPSG:4326', 'EPSG:28992', 'urn:ogc:def:crs:EPSG::28992', 'urn:ogc:def:crs:OGC:1.3:CRS84'];

/**
 * Transforms one position. Positions are returned as new arrays; a third ordinate (height) is kept.
 *
 * @example transformPosition([4.4353, 51.9086], 'EPSG:4326', 'EPSG:28992') // ≈ [89500, 436000]
 */
export function transformPosition(position: Position, from: Crs, to: Crs): Position {
  if (from === to) return position.slice();
  const [x, y, ...rest] = position as [number, number, ...number[]];
  const out = (from === WGS84 ? toRd : toWgs).forward([x, y]);
  return [out[0]!, out[1]!, ...rest];
}

/**
 * Transforms every position of a geometry (GeometryCollection included) into a new geometry.
 *
 * @example transformGeometry({ type: 'Point', coordinates: [89500, 436000] }, 'EPSG:28992', 'EPSG:4326')
 */
export function transformGeometry<G extends Geometry>(geometry: G, from: Crs, to: Crs): G {
  if (from === to) return geometry;
  return mapPositions(geometry, (p) => transformPosition(p, from, to));
}

/** Applies `fn` to every position of a geometry, returning a new geometry of the same type. */
export function mapPositions<G extends Geometry>(geometry: G, fn: (p: Position) => Position): G {
  const g = geometry as Geometry;
  switch (g.type) {
    case 'Point':
      return { ...g, coordinates: fn(g.coordinates) } as G;
    case 'MultiPoint':
    case 'LineString':
      return { ...g, coordinates: g.coordinates.map(fn) } as G;
    case 'MultiLineString':
    case 'Polygon':
      return { ...g, coordinates: g.coordinates.map((r) => r.map(fn)) } as G;
    case 'MultiPolygon':
      return { ...g, coordinates: g.coordinates.map((p) => p.map((r) => r.map(fn))) } as G;
    case 'GeometryCollection':
      return { ...g, geometries: g.geometries.map((c) => mapPositions(c, fn)) } as G;
  }
}

/** Rounds every ordinate, e.g. to 3 decimals for RD millimetres or 8 for WGS84 (~1 mm). */
export function roundGeometry<G extends Geometry>(geometry: G, decimals: number): G {
  const f = 10 ** decimals;
  return mapPositions(geometry, (p) => p.map((v) => Math.round(v * f) / f));
}

/**
 * Reads the (pre-RFC 7946) `crs` member of a GeoJSON object: `{ type: 'name', properties: { name } }`.
 * Returns undefined when there is none, and the raw name in `unknown` when it names a CRS we do not speak.
 *
 * @example crsMember({ crs: { type: 'name', properties: { name: 'EPSG:28992' } } }) // { crs: 'EPSG:28992' }
 */
export function crsMember(object: unknown): { crs: Crs } | { unknown: string } | undefined {
  if (typeof object !== 'object' || object === null) return undefined;
  const member = (object as { crs?: { properties?: { name?: unknown } } }).crs;
  const name = member?.properties?.name;
  if (typeof name !== 'string') return undefined;
  const crs = parseCrs(name);
  return crs ? { crs } : { unknown: name };
}

export type BBox = [minX: number, minY: number, maxX: number, maxY: number];

/**
 * The RD New envelope of a bounding box given in `crs`. A lon/lat box is not a rectangle in RD, so its edges are
 * sampled and the envelope of the samples is returned (slightly larger, never smaller).
 *
 * @example bboxToRd([4.43, 51.90, 4.44, 51.91], 'EPSG:4326') // ≈ [89150, 435100, 89850, 436220]
 */
export function bboxToRd(bbox: BBox, crs: Crs): BBox {
  if (crs === RD_NEW) return bbox;
  const [minX, minY, maxX, maxY] = bbox;
  const steps = 8;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i <= steps; i++) {
    const fx = minX + ((maxX - minX) * i) / steps;
    const fy = minY + ((maxY - minY) * i) / steps;
    for (const p of [[fx, minY], [fx, maxY], [minX, fy], [maxX, fy]] as Position[]) {
      const [x, y] = transformPosition(p, crs, RD_NEW) as [number, number];
      xs.push(x);
      ys.push(y);
    }
  }
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
