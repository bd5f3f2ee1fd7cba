/**
 * Scans the streets of an area for a trench of a kind and width against the local store: per segment whether it
 * fits, the narrowest free width and what takes the space there, as a table; optionally the CSV and GeoJSON files
 * of the API's exports. Exits 0 when it ran, 2 when the input cannot be used. Stop the server first when it runs
 * on the embedded store (one process at a time).
 *
 *   npm run space -- --kind heat --width 0.9 --bbox 89240,435730,89810,436190 [--segments a,b] [--csv out.csv] [--geojson out.geojson] [--crs EPSG:28992] [--lang nl|en]
 */
import { runAsProcess } from './cli/program.ts';
import { space } from './cli/space.ts';

await runAsProcess(space);
