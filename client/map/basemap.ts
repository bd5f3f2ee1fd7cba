import { getTopLeft } from 'ol/extent.js';
import TileLayer from 'ol/layer/Tile.js';
import WMTS from 'ol/source/WMTS.js';
import WMTSTileGrid from 'ol/tilegrid/WMTS.js';
import { RD_RESOLUTIONS, RD_TILE_EXTENT, rdProjection } from './projection.ts';

export interface BasemapConfig {
  /** WMTS REST base, e.g. https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0 */
  url: string;
  layer: string;
  matrixSet: string;
}

export const PDOK_BRT: BasemapConfig = {
  url: 'https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0',
  layer: 'standaard',
  matrixSet: 'EPSG:28992',
};

/**
 * The PDOK BRT-Achtergrondkaart as a WMTS layer with the tile grid written out, so no GetCapabilities request is
 * needed. Offline its tiles simply fail and the map shows the vector layers on white: nothing waits for it.
 */
export function basemapLayer(config: BasemapConfig = PDOK_BRT): TileLayer<WMTS> {
  const levels = 15;
  const source = new WMTS({
    url: `${config.url}/{Layer}/{TileMatrixSet}/{TileMatrix}/{TileCol}/{TileRow}.png`,
    requestEncoding: 'REST',
    layer: config.layer,
    matrixSet: config.matrixSet,
    format: 'image/png',
    style: 'default',
    projection: rdProjection(),
    crossOrigin: 'anonymous',
    tileGrid: new WMTSTileGrid({
      origin: getTopLeft(RD_TILE_EXTENT),
      resolutions: RD_RESOLUTIONS.slice(0, levels),
      matrixIds: Array.from({ length: levels }, (_, z) => String(z)),
    }),
    attributions: 'Kaartgegevens © <a href="https://www.kadaster.nl">Kadaster</a> / PDOK',
    wrapX: false,
  });
  return new TileLayer({ source, className: 'basemap', opacity: 0.8, zIndex: -1 });
}
