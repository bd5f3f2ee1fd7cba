import type Map from 'ol/Map.js';
import MVT from 'ol/format/MVT.js';
import type { FeatureLike } from 'ol/Feature.js';
import VectorTileLayer from 'ol/layer/VectorTile.js';
import type RenderFeature from 'ol/render/Feature.js';
import VectorTileSource from 'ol/source/VectorTile.js';
import TileState from 'ol/TileState.js';
import type VectorTile from 'ol/VectorTile.js';
import TileGrid from 'ol/tilegrid/TileGrid.js';
import { RD_RESOLUTIONS, RD_TILE_EXTENT, RD_TILE_ORIGIN, RD_TILE_SIZE } from '../../server/geo/rd-tile-grid.ts';
import { styleFor } from '../core/styles.ts';
import type { AssetProperties, LayerName } from '../core/types.ts';
import { LAYER_Z, MAX_LOAD_RESOLUTION } from './asset-layers.ts';
import { olStyle } from './ol-style.ts';
import { rdProjection } from './projection.ts';

/** Fetches a tile (a path under /api/tiles) with the caller's credentials: its bytes, or null for an empty tile. */
export type TileLoader = (path: string) => Promise<ArrayBuffer | null>;

export interface TileOverview {
  setVisible(name: LayerName, visible: boolean): void;
}

/** What the overview drew, for the browser test and the benchmark (window.__ondergrondTiles). */
export interface TileOverviewHook {
  /** Tiles answered (each holds every layer). */
  requests: number;
  /** Distinct features the style function was asked to draw, per layer (0 for a hidden layer). */
  rendered: Record<string, number>;
  /** performance.now() of the last tile answered, 0 before the first. */
  lastTileAt: number;
}

declare global {
  interface Window {
    __ondergrondTiles?: TileOverviewHook;
  }
}

/**
 * Zoomed out beyond MAX_LOAD_RESOLUTION the asset layers fetch nothing (a bbox of a city is every asset); there the
 * layers are drawn from the server's vector tiles instead, styled as their features are. A layer too dense to fetch
 * whole views of (`featuresFrom`, see loadResolution) is drawn from tiles from closer in already. One tile holds every layer
 * (a tile layer per asset layer), so a view costs one request per tile; a layer switched off is left out by the
 * style, so switching it back on draws the tiles already here. Zoomed in, the tiles step aside and the full,
 * clickable GeoJSON features take over.
 *
 * This module (with the MVT reader and the tile layer) is loaded the first time the map is zoomed out that far.
 */
export function addTileOverview(
  map: Map,
  layers: readonly LayerName[],
  load: TileLoader,
  hidden: ReadonlySet<LayerName> = new Set(),
  featuresFrom: ReadonlyMap<LayerName, number> = new globalThis.Map(),
): TileOverview {
  const from = (name: LayerName) => featuresFrom.get(name) ?? MAX_LOAD_RESOLUTION;
  const format = new MVT({ idProperty: 'id' });
  const tileGrid = new TileGrid({ extent: RD_TILE_EXTENT, origin: RD_TILE_ORIGIN, resolutions: [...RD_RESOLUTIONS], tileSize: RD_TILE_SIZE });
  const hook: TileOverviewHook = { requests: 0, rendered: {}, lastTileAt: 0 };
  const off = new Set(hidden);
  const drawn = new globalThis.Map<string, Set<string | number | FeatureLike>>(layers.map((name) => [name, new Set()]));
  const source = new VectorTileSource({
    format,
    projection: rdProjection(),
    tileGrid,
    url: '/api/tiles/{z}/{x}/{y}.mvt',
    wrapX: false,
    tileLoadFunction: (tile, url) => {
      const vectorTile = tile as VectorTile<RenderFeature>;
      vectorTile.setLoader((extent, _resolution, projection) => {
        load(url).then(
          (data) => {
            hook.requests++;
            hook.lastTileAt = performance.now();
            vectorTile.setFeatures(data ? (format.readFeatures(data, { extent, featureProjection: projection }) as RenderFeature[]) : []);
          },
          () => vectorTile.setState(TileState.ERROR),
        );
      });
    },
  });
  // Each feature carries its layer's name (the MVT reader sets `layer` to the tile layer it came from).
  const style = (feature: FeatureLike, resolution: number) => {
    const name = feature.get('layer') as LayerName;
    // Switched off, or close enough in that the layer's own features are drawn (and clickable) instead.
    if (off.has(name) || resolution < from(name)) return undefined;
    // Below MERGED_BELOW_Z a tile feature stands for many assets and has no id: counted as itself.
    drawn.get(name)?.add(feature.getId() ?? feature);
    return olStyle(styleFor(name, feature.getProperties() as Partial<AssetProperties>));
  };
  // The styles' own zIndex orders the layers inside the tiles as LAYER_Z orders the feature layers.
  const layer = new VectorTileLayer({ source, style, minResolution: Math.min(...layers.map(from)), zIndex: Math.min(...Object.values(LAYER_Z)), properties: { overview: 'all' } });
  map.addLayer(layer);
  Object.defineProperty(hook, 'rendered', {
    get: () => Object.fromEntries([...drawn].map(([name, ids]) => [name, off.has(name as LayerName) ? 0 : ids.size])),
  });
  window.__ondergrondTiles = hook;
  return {
    setVisible(name, visible) {
      if (visible === !off.has(name)) return;
      if (visible) off.delete(name);
      else off.add(name);
      // Re-styles the tiles held; nothing is fetched again.
      layer.changed();
    },
  };
}
