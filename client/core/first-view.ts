import type { FeatureCollection, Geometry, Position } from 'geojson';
import type { LayerName } from './types.ts';

/** [minx, miny, maxx, maxy] in RD New metres. */
export type Extent = [number, number, number, number];

/** Where the map looked last: restored on the next visit before anything else is tried. */
export interface SavedView {
  center: [number, number];
  resolution: number;
}

/** One area the store speaks for (a coverage area), with the layers it covers. */
export interface DataArea {
  extent: Extent;
  layers: readonly string[];
}

/** The part of the Netherlands RD New is defined for (EPSG:28992 bounds): a saved view outside it is not ours. */
const RD_BOUNDS: Extent = [-7_000, 289_000, 300_000, 629_000];
/** Areas this close together count as one cluster when looking for the densest part of the data. */
const NEIGHBOURHOOD_M = 1_000;

/**
 * The view saved under `ondergrond.view`, or null when there is none or it is not a view on the Netherlands (a
 * hand-edited or foreign value must not open the map on the sea).
 *
 * @example readSavedView('{"center":[89500,436000],"resolution":0.5}') // { center: [89500, 436000], resolution: 0.5 }
 * @example readSavedView('{"center":[0,0],"resolution":-1}') // null
 */
export function readSavedView(raw: string | null): SavedView | null {
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  const v = value as Partial<SavedView> | null;
  const [x, y] = Array.isArray(v?.center) ? v.center : [];
  const resolution = v?.resolution;
  if (typeof x !== 'number' || typeof y !== 'number' || typeof resolution !== 'number') return null;
  if (!(resolution > 0 && resolution < 10_000) || !inside([x, y], RD_BOUNDS)) return null;
  return { center: [x, y], resolution };
}

/**
 * The coverage areas of a GET /api/coverage answer (precaution zones left out), with their extents.
 *
 * @example dataAreas({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { type: 'coverage', layers: ['pipes'] }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 3], [0, 0]]] } }] }) // [{ extent: [0, 0, 4, 3], layers: ['pipes'] }]
 */
export function dataAreas(collection: FeatureCollection): DataArea[] {
  return collection.features
    .filter((f) => f.properties?.type === 'coverage' && f.geometry)
    .map((f) => ({ extent: extentOf(f.geometry), layers: Array.isArray(f.properties?.layers) ? (f.properties.layers as string[]) : [] }))
    .filter((a) => Number.isFinite(a.extent[0]));
}

/**
 * The extent to show for `extent` in a map of `size_px` that loads features only up to `maxResolution` m/px. An
 * extent that fits at a loading resolution is returned as it is. A larger one (data imported across the country)
 * would open on an empty map, so the answer is the densest part of it instead: the cluster of data areas inside it
 * with the most areas (for `layer`, only areas covering that layer), fitted, or a window of the loading resolution
 * around its centre when even the cluster is too large. With no areas it is a loading window on the extent's centre.
 *
 * @example focusExtent([0, 0, 100, 100], [], [1000, 800], 8) // [0, 0, 100, 100]
 * @example focusExtent([0, 0, 300_000, 300_000], [{ extent: [1000, 1000, 1200, 1100], layers: ['pipes'] }], [1000, 800], 8) // [1000, 1000, 1200, 1100]
 */
export function focusExtent(extent: Extent, areas: readonly DataArea[], size_px: readonly [number, number], maxResolution: number, layer?: LayerName): Extent {
  if (fits(extent, size_px, maxResolution)) return extent;
  const candidates = areas.filter((a) => overlaps(a.extent, extent) && (!layer || a.layers.length === 0 || a.layers.includes(layer)));
  const cluster = densestCluster(candidates.map((a) => a.extent));
  if (cluster && fits(cluster, size_px, maxResolution)) return cluster;
  return windowAround(centre(cluster ?? extent), size_px, maxResolution);
}

/**
 * Of some extents, the union of the cluster with the most members (extents within a kilometre of the chosen one),
 * ties going to the smaller cluster, which is the denser; null for none.
 *
 * @example densestCluster([[0, 0, 10, 10], [5, 5, 20, 20], [90_000, 0, 90_010, 10]]) // [0, 0, 20, 20]
 */
export function densestCluster(extents: readonly Extent[]): Extent | null {
  let best: { members: number; area: number; union: Extent } | null = null;
  for (const seed of extents) {
    const near = extents.filter((e) => overlaps(e, grow(seed, NEIGHBOURHOOD_M)));
    const union = near.reduce(unite);
    const members = near.length;
    const area = (union[2] - union[0]) * (union[3] - union[1]);
    if (!best || members > best.members || (members === best.members && area < best.area)) best = { members, area, union };
  }
  return best?.union ?? null;
}

/** A view needs fewer metres per pixel than `maxResolution` to show `extent` in `size_px` (a 10 % margin kept). */
function fits(extent: Extent, [w, h]: readonly [number, number], maxResolution: number): boolean {
  return Math.max((extent[2] - extent[0]) / w, (extent[3] - extent[1]) / h) * 1.1 <= maxResolution;
}

/** A window a little inside the loading resolution, so the map lands where features load, not on the edge of it. */
function windowAround([x, y]: [number, number], [w, h]: readonly [number, number], maxResolution: number): Extent {
  const half = [(w * maxResolution * 0.8) / 2, (h * maxResolution * 0.8) / 2] as const;
  return [x - half[0], y - half[1], x + half[0], y + half[1]];
}

const centre = (e: Extent): [number, number] => [(e[0] + e[2]) / 2, (e[1] + e[3]) / 2];
const grow = (e: Extent, d: number): Extent => [e[0] - d, e[1] - d, e[2] + d, e[3] + d];
const unite = (a: Extent, b: Extent): Extent => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
const overlaps = (a: Extent, b: Extent) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
const inside = ([x, y]: [number, number], e: Extent) => x >= e[0] && x <= e[2] && y >= e[1] && y <= e[3];

function extentOf(geometry: Geometry): Extent {
  const e: Extent = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (typeof (c as Position)[0] === 'number') {
      const [x, y] = c as Position;
      e[0] = Math.min(e[0], x!); e[1] = Math.min(e[1], y!); e[2] = Math.max(e[2], x!); e[3] = Math.max(e[3], y!);
    } else for (const part of c as unknown[]) visit(part);
  };
  if (geometry.type === 'GeometryCollection') for (const g of geometry.geometries) unite(e, extentOf(g)).forEach((v, i) => (e[i] = v));
  else visit(geometry.coordinates);
  return e;
}
