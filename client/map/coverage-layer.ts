import type Feature from 'ol/Feature.js';
import type { Geometry } from 'ol/geom.js';
import VectorLayer from 'ol/layer/Vector.js';
import { bbox as bboxStrategy } from 'ol/loadingstrategy.js';
import VectorSource from 'ol/source/Vector.js';
import type { FeatureCollection } from 'geojson';
import type { Bbox } from '../core/api.ts';
import { COVERAGE_STYLE, PRECAUTION_STYLE } from '../core/styles.ts';
import { geojson, MAX_LOAD_RESOLUTION } from './asset-layers.ts';
import { olStyle } from './ol-style.ts';

/** Beyond this (about the whole of the Netherlands in a small window) even the outlines are not fetched. */
export const MAX_OUTLINE_RESOLUTION = 1_000;

export type CoverageLoader = (bbox: Bbox) => Promise<FeatureCollection>;

/**
 * Coverage areas (outlined) and KLIC precaution zones (hatched, warning colour) from GET /api/coverage, by bbox.
 * The same area comes back for every bbox it meets, so features are keyed by source, kind and place to load once.
 */
export function coverageLayer(load: CoverageLoader) {
  const source: VectorSource<Feature<Geometry>> = new VectorSource<Feature<Geometry>>({
    strategy: bboxStrategy,
    loader: (extent, _resolution, _projection, success, failure) => {
      load(extent as unknown as Bbox).then(
        (collection) => {
          const features = (geojson.readFeatures(collection) as Feature<Geometry>[]).filter((f) => {
            const p = f.getProperties();
            const key = p.type === 'precaution' ? `precaution:${p.source}:${p.id}` : `coverage:${p.source}:${p.kind}:${f.getGeometry()?.getExtent().join(',')}`;
            if (source.getFeatureById(key)) return false;
            f.setId(key);
            return true;
          });
          source.addFeatures(features);
          success?.(features);
        },
        () => {
          source.removeLoadedExtent(extent);
          failure?.();
        },
      );
    },
  });
  const layer = new VectorLayer({
    source,
    // Outlines stay drawn zoomed out, where no asset loads: they show where the data is (a country-wide view is
    // ~420 m/px at 720 px). Precaution zones are detail and only drawn where the assets they guard are.
    maxResolution: MAX_OUTLINE_RESOLUTION,
    zIndex: 12,
    properties: { coverage: true },
    style: (f, resolution) => f.get('type') === 'precaution' ? (resolution > MAX_LOAD_RESOLUTION ? undefined : olStyle(PRECAUTION_STYLE)) : olStyle(COVERAGE_STYLE),
  });
  return { layer, source };
}
