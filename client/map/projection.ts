import { get as getProjection, type Projection } from 'ol/proj.js';
import { register } from 'ol/proj/proj4.js';
import proj4 from 'proj4';
// One definition of RD New for server and client: importing it registers EPSG:28992 with proj4.
import { RD_NEW } from '../../server/geo/crs.ts';
import { RD_TILE_EXTENT } from '../../server/geo/rd-tile-grid.ts';

// The grid's numbers live in one module that the server's vector tiles use too.
export { RD_RESOLUTIONS, RD_TILE_EXTENT } from '../../server/geo/rd-tile-grid.ts';

let registered: Projection | undefined;

/** The systems the map meets: RD New, and the two OpenLayers itself speaks. */
const MAP_SYSTEMS = ['EPSG:4326', 'EPSG:3857', RD_NEW];

/**
 * proj4 as OpenLayers' `register` sees it, knowing only MAP_SYSTEMS. `register` makes a transform for every pair of
 * definitions proj4 holds, and proj4 2.22 ships every UTM zone: some 130 definitions, 17 000 transforms and about half
 * a second of the map's start (measured in the browser, bench:client section 4). Other codes still resolve through
 * proj4 when asked for.
 */
function mapSystemsOnly(): typeof proj4 {
  const defs = Object.assign((code: string) => proj4.defs(code), Object.fromEntries(MAP_SYSTEMS.map((code) => [code, proj4.defs(code)])));
  return Object.assign((from: string, to: string) => proj4(from, to), { defs }) as unknown as typeof proj4;
}

/** EPSG:28992 as an OpenLayers projection, registered once. */
export function rdProjection(): Projection {
  if (registered) return registered;
  register(mapSystemsOnly());
  const projection = getProjection(RD_NEW);
  if (!projection) throw new Error('EPSG:28992 was not registered with OpenLayers; proj4 must know it before register(proj4)');
  projection.setExtent(RD_TILE_EXTENT);
  registered = projection;
  return projection;
}
