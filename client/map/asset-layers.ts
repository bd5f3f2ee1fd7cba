import type Feature from 'ol/Feature.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import type { Geometry } from 'ol/geom.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorImageLayer from 'ol/layer/VectorImage.js';
import { bbox as bboxStrategy } from 'ol/loadingstrategy.js';
import VectorSource from 'ol/source/Vector.js';
import type { FeatureLike } from 'ol/Feature.js';
import type { Bbox } from '../core/api.ts';
import { styleFor } from '../core/styles.ts';
import type { AssetCollection, AssetProperties, LayerName } from '../core/types.ts';
import { olStyle } from './ol-style.ts';

export type LayerLoader = (layer: LayerName, bbox: Bbox) => Promise<AssetCollection>;

/** Above this many features a layer is drawn as an image that is re-rendered after panning, not per frame. */
export const BIG_LAYER = 20_000;
/** Beyond ~8 m per pixel nothing is fetched: a bbox of half the country would be every asset in the store. */
export const MAX_LOAD_RESOLUTION = 8;
/** Most features of one layer a view fetches as GeoJSON; where a layer is denser, the view draws it from tiles. */
export const VIEW_FEATURE_BUDGET = 10_000;
/** The view the budget is reckoned for: a large screen, 1920 × 1080 px. */
const VIEW_PIXELS = 1920 * 1080;

/**
 * The coarsest resolution (m per pixel) at which a layer's features are fetched and drawn one by one:
 * MAX_LOAD_RESOLUTION, or finer where the layer is so dense that a view would hold more than VIEW_FEATURE_BUDGET of
 * them (its count spread evenly over its extent). A whole city's cables in one view are hundreds of thousands of
 * features: seconds to fetch and draw, for lines a pixel apart. Coarser than this, the layer is drawn from vector tiles.
 *
 * @example loadResolution(305_000, [87_000, 432_000, 95_700, 440_700]) // ≈ 1.1: the cables of a 1 M-asset city
 */
export function loadResolution(count: number, extent: readonly number[] | null | undefined): number {
  if (count <= VIEW_FEATURE_BUDGET || !extent || extent.length < 4) return MAX_LOAD_RESOLUTION;
  const area = Math.max((extent[2]! - extent[0]!) * (extent[3]! - extent[1]!), 1);
  // A view at resolution r covers VIEW_PIXELS · r² m²; it holds more than the budget once density · that area does
  // (before the view reaches the whole extent, as the count itself is over the budget).
  return Math.min(MAX_LOAD_RESOLUTION, Math.sqrt((VIEW_FEATURE_BUDGET * area) / (count * VIEW_PIXELS)));
}

export interface AssetLayer {
  name: LayerName;
  layer: VectorLayer<VectorSource<Feature<Geometry>>> | VectorImageLayer<VectorSource<Feature<Geometry>>>;
  source: VectorSource<Feature<Geometry>>;
  /** Ids the style function was asked to draw since the last reload: the test hook's proof of rendering. */
  drawn: Set<string | number>;
  loads: number;
  errors: number;
}

export const geojson = new GeoJSON();

/**
 * One vector layer per asset layer, loaded by bbox from the API in RD New. The style function is the plain rule of
 * core/styles.ts turned into a cached OpenLayers style.
 */
export function assetLayer(
  name: LayerName,
  load: LayerLoader,
  { big = false, onLoaded = () => {}, maxResolution = MAX_LOAD_RESOLUTION }: { big?: boolean; onLoaded?: () => void; maxResolution?: number } = {},
): AssetLayer {
  const entry: AssetLayer = { name, layer: undefined as never, source: undefined as never, drawn: new Set(), loads: 0, errors: 0 };
  const source = new VectorSource<Feature<Geometry>>({
    strategy: bboxStrategy,
    loader: (extent, _resolution, _projection, success, failure) => {
      load(name, extent as unknown as Bbox).then(
        (collection) => {
          const features = geojson.readFeatures(collection) as Feature<Geometry>[];
          source.addFeatures(features);
          entry.loads++;
          success?.(features);
          onLoaded();
        },
        () => {
          entry.errors++;
          source.removeLoadedExtent(extent);
          failure?.();
        },
      );
    },
  });
  source.on('clear', () => entry.drawn.clear());
  const style = (feature: FeatureLike) => {
    const id = feature.getId();
    if (id !== undefined) entry.drawn.add(id);
    return olStyle(styleFor(name, feature.getProperties() as Partial<AssetProperties>));
  };
  const options = { source, style, maxResolution, properties: { asset: name }, zIndex: LAYER_Z[name] };
  entry.source = source;
  entry.layer = big ? new VectorImageLayer({ ...options, imageRatio: 1.5 }) : new VectorLayer({ ...options, updateWhileInteracting: false });
  return entry;
}

/** Drawing order of the layers, shared with the tile overview. */
export const LAYER_Z: Record<LayerName, number> = { streets: 1, reservations: 1.5, sewers: 2, pipes: 3, heat: 4, cables: 5, trees: 6, stations: 7 };
