import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Geometry, Position } from 'geojson';
import type { LayerName } from '../domain/assets/layers.ts';
import { RD_RESOLUTIONS, type RdTile, rdTileBounds } from '../geo/rd-tile-grid.ts';
import type { Database } from './sql.ts';

/** Units along a tile's side in the encoded geometry (the Mapbox Vector Tile default). */
export const TILE_EXTENT = 4096;
/** Units drawn beyond each edge, so lines and outlines do not stop visibly at tile seams. */
export const TILE_BUFFER = 64;
/** Most features one tile carries: a tile over a whole city costs at most this many rows to read and encode. */
export const MAX_TILE_FEATURES = 20_000;

/** An encoded tile and how many features it holds (0: an empty tile, answered 204). */
export interface EncodedTile {
  mvt: Uint8Array;
  features: number;
}

// Per zoom, geometry is simplified to half a pixel: finer detail is invisible in that tile and only costs bytes.
const tolerance = (z: number) => RD_RESOLUTIONS[z]! / 2;

// A line or area whose box is under a pixel across (width + height) would draw as a dot among thousands: left out,
// which at a city-wide level halves the rows a tile reads (house connections, short segments). Points always stay.
// Read from the box PostGIS keeps with each geometry, so the test costs no geometry work.
const VISIBLE = `(ST_Dimension(f.geom) = 0 OR (ST_XMax(f.geom) - ST_XMin(f.geom)) + (ST_YMax(f.geom) - ST_YMin(f.geom)) >= $9)`;

/**
 * Levels below this one (6.72 m per pixel and coarser: the map's overview, where nothing is clicked) hold one
 * feature per layer, status, colour (network, medium, system or type) and kind of geometry instead of one per asset:
 * the lines merged where they meet, the points thinned to one per pixel. A city at level 7 is some 100 pixels across;
 * 30 000 separate features there cost seconds to encode and draw and show nothing more. Asset ids, owners and depths
 * are not in those tiles.
 */
export const MERGED_BELOW_Z = 10;

/** Tile units per pixel (a tile is 256 px): merged points are snapped to whole pixels, merged lines simplified to half of one. */
const PIXEL = TILE_EXTENT / 256;

/**
 * The properties the client's colours come from (client/core/styles.ts): a cable's network, a pipe's medium, a
 * sewer's system, a station's type. Each layer has at most one of them; merged features are kept apart by them, so
 * the overview keeps the colours of the features it stands for.
 */
export const STYLE_KEYS = ['network', 'medium', 'system', 'type'] as const;
const STYLE_COLUMNS = STYLE_KEYS.map((key) => `f.properties->>'${key}' AS ${key}`).join(', ');
/** The style keys as columns of the row source `alias`. */
const styleKeysOf = (alias: string) => STYLE_KEYS.map((key) => `${alias}.${key}`).join(', ');

// The attributes the client styles by; depth_m only when it is a number (imports may carry text).
const ATTRIBUTES = `f.id, f.layer, f.owner, f.status, ${STYLE_COLUMNS},
  CASE WHEN jsonb_typeof(f.properties->'depth_m') = 'number' THEN (f.properties->>'depth_m')::float8 END AS depth_m`;

/**
 * The layer's vector tile z/x/y in the RD New grid, as a Mapbox Vector Tile with one layer named after it: the
 * layer's features whose box meets the tile (with its buffer), less lines and areas smaller than a pixel there, at
 * most `limit` of them. The one-layer case of readTiles.
 *
 * @example const { mvt, features } = await readTile(store.db, 'cables', { z: 10, x: 436, y: 543 });
 */
export function readTile(db: Database, layer: LayerName, tile: RdTile, options: { limit?: number } = {}): Promise<EncodedTile> {
  return readTiles(db, [layer], tile, options);
}

/**
 * One vector tile z/x/y holding several layers, each a tile layer named after it in the order given (empty ones
 * left out): what readTile gives per layer, in one query and one answer, so a map that draws every layer asks for
 * a tile once instead of once per layer. `limit` holds per layer. Below MERGED_BELOW_Z the features of a layer
 * are merged per status, colour and kind of geometry (lines where they meet, points per pixel), without ids.
 *
 * On PostgreSQL, PostGIS makes it (`ST_AsMVTGeom`, `ST_AsMVT` per layer; tile layers concatenate as bytes). The
 * embedded PostGIS is built without protobuf-c and has neither, so there PostGIS does the same geometry work
 * (simplify, clip to the buffered tile, scale to tile units, snap to whole units) and @maplibre/vt-pbf writes the
 * protobuf.
 *
 * @example const { mvt, features } = await readTiles(store.db, ['cables', 'pipes', 'trees'], { z: 10, x: 436, y: 543 });
 */
export async function readTiles(db: Database, layers: readonly LayerName[], tile: RdTile, { limit = MAX_TILE_FEATURES } = {}): Promise<EncodedTile> {
  const [minX, minY, maxX, maxY] = rdTileBounds(tile);
  const buffer = ((maxX - minX) * TILE_BUFFER) / TILE_EXTENT;
  const params = [layers, minX, minY, maxX, maxY, tolerance(tile.z), buffer, limit, RD_RESOLUTIONS[tile.z]!];
  const merged = tile.z < MERGED_BELOW_Z;
  return db.kind === 'postgres' ? postgisTile(db, params, merged) : encodedHere(db, tile, params, merged);
}

/** The version of a layer's features: changes with every write to the layer (0 for a layer never written). */
export async function layerVersion(db: Database, layer: LayerName): Promise<number> {
  return (await layerVersions(db, [layer]))[0]!;
}

/** The versions of `layers`, in their order, in one lookup (0 for a layer never written). */
export async function layerVersions(db: Database, layers: readonly LayerName[]): Promise<number[]> {
  const rows = await db.query<{ layer: string; version: string | number }>('SELECT layer, version FROM layer_versions WHERE layer = ANY($1::text[])', [layers]);
  const byLayer = new Map(rows.map((r) => [r.layer, Number(r.version)]));
  return layers.map((layer) => byLayer.get(layer) ?? 0);
}

// Each asked layer in turn (the ordinality keeps the caller's order), its features read with the layer's own limit.
const EACH_LAYER = `unnest($1::text[]) WITH ORDINALITY AS l(name, i)`;
const IN_TILE = `f.layer = l.name AND f.geom && ST_Expand(ST_MakeEnvelope($2, $3, $4, $5, 28992), $7) AND ${VISIBLE}`;

// The merged features of one layer from `rows` (status, style keys, geom in tile units): per status, colour and kind
// of geometry one feature, points on whole pixels without repeats, lines merged where their ends meet and the joints
// simplified away.
const merge = (rows: string) => `
  SELECT g.status, ${styleKeysOf('g')},
         CASE ST_Dimension(g.geom) WHEN 1 THEN ST_Simplify(ST_LineMerge(ST_CollectionExtract(ST_Collect(g.geom), 2)), ${PIXEL / 2})
              ELSE ST_CollectionExtract(ST_Collect(DISTINCT g.geom), ST_Dimension(g.geom) + 1) END AS geom
    FROM (SELECT r.status, ${styleKeysOf('r')}, CASE WHEN ST_Dimension(r.geom) = 0 THEN ST_SnapToGrid(r.geom, ${PIXEL}) ELSE r.geom END AS geom FROM (${rows}) r) g
   WHERE g.geom IS NOT NULL AND NOT ST_IsEmpty(g.geom)
   GROUP BY g.status, ${styleKeysOf('g')}, ST_Dimension(g.geom)`;
const MERGED_ROWS = (inTile: string) => `SELECT f.status, ${STYLE_COLUMNS}, ${inTile} AS geom FROM features f WHERE ${IN_TILE} LIMIT $8`;

async function postgisTile(db: Database, params: unknown[], merged: boolean): Promise<EncodedTile> {
  const inTile = `ST_AsMVTGeom(ST_Simplify(f.geom, $6, true), ST_MakeEnvelope($2, $3, $4, $5, 28992), ${TILE_EXTENT}, ${TILE_BUFFER}, true)`;
  const rows = merged
    ? `SELECT l.name AS layer, m.status, ${styleKeysOf('m')}, m.geom FROM (${merge(MERGED_ROWS(inTile))}) m`
    : `SELECT ${ATTRIBUTES}, ${inTile} AS geom FROM features f WHERE ${IN_TILE} LIMIT $8`;
  const answer = await db.query<{ mvt: Uint8Array | null; n: number }>(
    `SELECT m.mvt, m.n
       FROM ${EACH_LAYER}
       CROSS JOIN LATERAL (
         SELECT ST_AsMVT(q, l.name, ${TILE_EXTENT}, 'geom') AS mvt, count(*)::int AS n
           FROM (${rows}) q
          WHERE q.geom IS NOT NULL AND NOT ST_IsEmpty(q.geom)) m
      WHERE m.n > 0
      ORDER BY l.i`,
    params,
  );
  const parts = answer.flatMap((row) => (row.mvt ? [row.mvt] : []));
  const features = answer.reduce((sum, row) => sum + row.n, 0);
  return { mvt: features > 0 ? Buffer.concat(parts) : new Uint8Array(0), features };
}

interface TileRow extends Record<(typeof STYLE_KEYS)[number], string | null> {
  id?: string;
  layer: string;
  owner?: string;
  status: string;
  depth_m?: number | null;
  geometry: string;
}

async function encodedHere(db: Database, tile: RdTile, params: unknown[], merged: boolean): Promise<EncodedTile> {
  const [minX, , maxX] = rdTileBounds(tile);
  const scale = TILE_EXTENT / (maxX - minX);
  // Exterior rings clockwise in RD (y up) come out anticlockwise once y points down, which is how MVT marks them.
  const inTile = `ST_SnapToGrid(ST_Affine(
    ST_ClipByBox2D(ST_ForcePolygonCW(ST_Simplify(f.geom, $6, true)), ST_Expand(ST_MakeEnvelope($2, $3, $4, $5, 28992), $7)),
    $10, 0, 0, -$10::float8, -$2::float8 * $10, $5::float8 * $10), 1)`;
  const rows = merged
    ? `SELECT l.name AS layer, m.status, ${styleKeysOf('m')}, ST_AsGeoJSON(m.geom, 0) AS geometry FROM (${merge(MERGED_ROWS(inTile))}) m`
    : `SELECT * FROM (SELECT ${ATTRIBUTES}, ST_AsGeoJSON(${inTile}, 0) AS geometry FROM features f WHERE ${IN_TILE} LIMIT $8) q WHERE q.geometry IS NOT NULL`;
  const answer = await db.query<TileRow>(`SELECT q.* FROM ${EACH_LAYER} CROSS JOIN LATERAL (${rows}) q ORDER BY l.i`, [...params, scale]);
  const layers: Record<string, { features: TileFeature[] }> = {};
  let count = 0;
  for (const row of answer) {
    const shape = tileShape(JSON.parse(row.geometry) as Geometry);
    if (!shape) continue;
    // A merged feature stands for many assets: it has a layer and a status, not an id, owner or depth.
    const tags: Record<string, string | number> = row.id === undefined ? { layer: row.layer, status: row.status } : { id: row.id, layer: row.layer, owner: row.owner!, status: row.status };
    if (typeof row.depth_m === 'number') tags.depth_m = row.depth_m;
    for (const key of STYLE_KEYS) if (typeof row[key] === 'string') tags[key] = row[key];
    (layers[row.layer] ??= { features: [] }).features.push({ ...shape, tags });
    count++;
  }
  if (count === 0) return { mvt: new Uint8Array(0), features: 0 };
  return { mvt: fromGeojsonVt(layers, { version: 2, extent: TILE_EXTENT }), features: count };
}

type TileFeature = TileShape & { tags: Record<string, string | number> };

type TileShape = { type: 1; geometry: Position[] } | { type: 2 | 3; geometry: Position[][] };

/**
 * A geometry in tile units as a vector tile feature's type and parts: points as a list, lines and rings as lists of
 * lists. Parts that snapping collapsed (a line of one position, a ring of fewer than four) are left out; of a
 * collection the parts of its highest dimension are kept, as a tile feature has one type.
 */
function tileShape(geometry: Geometry): TileShape | undefined {
  switch (geometry.type) {
    case 'Point':
      return { type: 1, geometry: [geometry.coordinates] };
    case 'MultiPoint':
      return geometry.coordinates.length > 0 ? { type: 1, geometry: geometry.coordinates } : undefined;
    case 'LineString':
    case 'MultiLineString': {
      const lines = (geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates).filter((l) => l.length >= 2);
      return lines.length > 0 ? { type: 2, geometry: lines } : undefined;
    }
    case 'Polygon':
    case 'MultiPolygon': {
      const rings = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).flatMap((polygon) =>
        polygon[0] && polygon[0].length >= 4 ? polygon.filter((ring) => ring.length >= 4) : [],
      );
      return rings.length > 0 ? { type: 3, geometry: rings } : undefined;
    }
    case 'GeometryCollection': {
      const shapes = geometry.geometries.map(tileShape).filter((s): s is TileShape => s !== undefined);
      const type = Math.max(0, ...shapes.map((s) => s.type));
      const same = shapes.filter((s) => s.type === type);
      if (same.length === 0) return undefined;
      return type === 1
        ? { type: 1, geometry: same.flatMap((s) => s.geometry as Position[]) }
        : { type: type as 2 | 3, geometry: same.flatMap((s) => s.geometry as Position[][]) };
    }
  }
}
