import Feature from 'ol/Feature.js';
import type Map from 'ol/Map.js';
import type { Geometry as OlGeometry } from 'ol/geom.js';
import Point from 'ol/geom/Point.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import type { LineString, Position } from 'geojson';
import { geojson } from './asset-layers.ts';
import { olStyle } from './ol-style.ts';

/** A route drawn as a proposal: its line and colour, and whether it is the chosen one. */
export interface DrawnProposal {
  geometry: LineString;
  colour: string;
  chosen: boolean;
}

/**
 * The propose flow on the map: clicks set the start and end while it is active, markers show them and the
 * proposals are drawn in their colours, the chosen one on top and wider. Its own layer above the trench, so
 * nothing of the Check tab is disturbed.
 */
export function proposalOverlay(map: Map, onClick: (coordinate: Position) => void) {
  const source = new VectorSource<Feature<OlGeometry>>();
  const layer = new VectorLayer({ source, zIndex: 32 });
  map.addLayer(layer);
  let active = false;
  map.on('singleclick', (event) => {
    if (active) onClick([Math.round(event.coordinate[0]! * 100) / 100, Math.round(event.coordinate[1]! * 100) / 100]);
  });
  return {
    /** Clicks set points only while the Propose tab is open. */
    setActive(on: boolean) {
      active = on;
      layer.setVisible(on);
    },
    show(points: readonly Position[], proposals: readonly DrawnProposal[]) {
      source.clear();
      [...proposals].sort((a, b) => Number(a.chosen) - Number(b.chosen)).forEach((p, i) => {
        const feature = geojson.readFeature({ type: 'Feature', geometry: p.geometry, properties: {} }) as Feature<OlGeometry>;
        feature.setStyle([
          olStyle({ kind: 'line', stroke: '#ffffff', width: p.chosen ? 10 : 7, opacity: 0.9, zIndex: 32 + i * 2 }),
          olStyle({ kind: 'line', stroke: p.colour, width: p.chosen ? 6 : 4, opacity: 1, zIndex: 33 + i * 2 }),
        ]);
        source.addFeature(feature);
      });
      points.forEach((p, i) => {
        const marker = new Feature(new Point([p[0]!, p[1]!]));
        marker.setStyle(olStyle({ kind: 'point', stroke: '#111111', width: 2, fill: i === 0 ? '#1a9641' : '#d7191c', radius: 8, opacity: 1, zIndex: 60 }));
        source.addFeature(marker);
      });
    },
    /** Features drawn (markers and routes), for the browser test. */
    count: () => source.getFeatures().length,
  };
}
