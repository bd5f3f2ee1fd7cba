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
  /** Tile requests answered, per layer. */
  requests: Record<string, number>;
  /** Distinct features the style function was asked to draw, per layer. */
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
 * Zoomed out beyond MAX_LOAD_RESOLUTION the asset layers fetch nothing (a bbox of a city is every asset); there each
 * layer is drawn from the server's vector tiles instead, styled as its features are. Zoomed in, the tile layers step
 * aside and the full, clickable GeoJSON features take over.
 */
export function addTileOverview(map: Map, layers: readonly LayerName[], load: TileLoader): TileOverview {
  const format = new MVT({ idProperty: 'id' });
  const tileGrid = new TileGrid({ extent: RD_TILE_EXTENT, origin: RD_TILE_ORIGIN, resolutions: [...RD_RESOLUTIONS], tileSize: RD_TILE_SIZE });
  const hook: TileOverviewHook = { requests: {}, rendered: {}, lastTileAt: 0 };
  const drawn = new globalThis.Map<LayerName, Set<string | number>>();
  const byName = new globalThis.Map<LayerName, VectorTileLayer>();
  for (const name of layers) {
    const seen = new Set<string | number>();
    drawn.set(name, seen);
    const source = new VectorTileSource({
      format,
      projection: rdProjection(),
      tileGrid,
      url: `/api/tiles/${name}/{z}/{x}/{y}.mvt`,
      wrapX: false,
      tileLoadFunction: (tile, url) => {
        const vectorTile = tile as VectorTile<RenderFeature>;
        vectorTile.setLoader((extent, _resolution, projection) => {
          load(url).then(
            (data) => {
              hook.requests[name] = (hook.requests[name] ?? 0) + 1;
              hook.lastTileAt = performance.now();
              vectorTile.setFeatures(data ? (format.readFeatures(data, { extent, featureProjection: projection }) as RenderFeature[]) : []);
            },
            () => vectorTile.setState(TileState.ERROR),
          );
        });
      },
    });
    const style = (feature: FeatureLike) => {
      const id = feature.getId();
      if (id !== undefined) seen.add(id);
      return olStyle(styleFor(name, feature.getProperties() as Partial<AssetProperties>));
    };
    const layer = new VectorTileLayer({ source, style, minResolution: MAX_LOAD_RESOLUTION, zIndex: LAYER_Z[name], properties: { overview: name } });
    byName.set(name, layer);
    map.addLayer(layer);
  }
  Object.defineProperty(hook, 'rendered', {
    get: () => Object.fromEntries([...drawn].map(([name, ids]) => [name, byName.get(name)?.getVisible() ? ids.size : 0])),
  });
  window.__ondergrondTiles = hook;
  return {
    setVisible(name, visible) {
      byName.get(name)?.setVisible(visible);
    },
  };
}
