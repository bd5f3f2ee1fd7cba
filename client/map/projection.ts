import { get as getProjection, type Projection } from 'ol/proj.js';
import { register } from 'ol/proj/proj4.js';
import proj4 from 'proj4';
// One definition of RD New for server and client: importing it registers EPSG:28992 with proj4.
import { RD_NEW } from '../../server/geo/crs.ts';

/** Validity extent of the Dutch tiling scheme (Geonovum "Nederlandse richtlijn tiling"), RD New metres. */
export const RD_TILE_EXTENT: [number, number, number, number] = [-285_401.92, 22_598.08, 595_401.92, 903_401.92];
/** Resolutions of the national tile matrix set, level 0 at 3440.64 m per pixel, halving per level. */
export const RD_RESOLUTIONS = Array.from({ length: 17 }, (_, z) => 3440.64 / 2 ** z);

let registered: Projection | undefined;

/** EPSG:28992 as an OpenLayers projection, registered once. */
export function rdProjection(): Projection {
  if (registered) return registered;
  register(proj4);
  const projection = getProjection(RD_NEW);
  if (!projection) throw new Error('EPSG:28992 was not registered with OpenLayers; proj4 must know it before register(proj4)');
  projection.setExtent(RD_TILE_EXTENT);
  registered = projection;
  return projection;
}
