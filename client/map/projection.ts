import { get as getProjection, type Projection } from 'ol/proj.js';
import { register } from 'ol/proj/proj4.js';
import proj4 from 'proj4';
// One definition of RD New for server and client: importing it registers EPSG:28992 with proj4.
import { RD_NEW } from '../../server/geo/crs.ts';
import { RD_TILE_EXTENT } from '../../server/geo/rd-tile-grid.ts';

// The grid's numbers live in one module that the server's vector tiles use too.
export { RD_RESOLUTIONS, RD_TILE_EXTENT } from '../../server/geo/rd-tile-grid.ts';

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
