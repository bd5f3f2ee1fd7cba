import type Feature from 'ol/Feature.js';
import type { Geometry as OlGeometry } from 'ol/geom.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { type SpaceAnswer, spaceStyle, type SpaceVerdict } from '../core/space.ts';
import { geojson } from './asset-layers.ts';
import type { MapView } from './map-view.ts';
import { olStyle } from './ol-style.ts';

/**
 * The space scan on the map: segments in their verdict's colour, free corridors faintly, the narrowest points; a
 * click on a segment names it. Added to the map on first use, so a client that never scans draws nothing extra.
 */
export function spaceLayer(view: MapView, onPick: (segmentId: string | null) => void) {
  const source = new VectorSource<Feature<OlGeometry>>();
  let chosen: string | null = null;
  const layer = new VectorLayer({
    source,
    zIndex: 12,
    style: (f) => olStyle(spaceStyle(f.get('role'), f.get('verdict') as SpaceVerdict, f.get('segment_id') === chosen)),
  });
  layer.set('space', true);
  view.map.addLayer(layer);
  view.map.on('singleclick', (event) => {
    if (source.getFeatures().length === 0) return;
    let hit: string | null = null;
    view.map.forEachFeatureAtPixel(event.pixel, (feature) => {
      if (feature.get('role') === 'segment') hit = String(feature.get('segment_id'));
      return hit !== null;
    }, { hitTolerance: 6, layerFilter: (l) => l === layer });
    onPick(hit);
  });
  return {
    show(answer: SpaceAnswer | null) {
      source.clear();
      if (answer) source.addFeatures(geojson.readFeatures(answer) as Feature<OlGeometry>[]);
    },
    choose(segmentId: string | null) {
      chosen = segmentId;
      layer.changed();
    },
    /** Segments drawn per verdict, for the browser test. */
    counts(): Record<string, number> {
      const out: Record<string, number> = {};
      for (const f of source.getFeatures()) if (f.get('role') === 'segment') out[f.get('verdict')] = (out[f.get('verdict')] ?? 0) + 1;
      return out;
    },
  };
}
