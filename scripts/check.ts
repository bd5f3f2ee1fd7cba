/**
 * Checks a trench design or heat route against the local store and prints the report; exits 1 when any conflict
 * is blocking (for design pipelines), 2 when the input or the rule file cannot be used. Stop the server first when
 * it runs on the embedded store (one process at a time).
 *
 *   npm run check -- trench.geojson [--rules data/rules/nl-default.json] [--format json|text] [--crs EPSG:28992] [--lang nl|en]
 */
import { check } from './cli/check.ts';
import { runAsProcess } from './cli/program.ts';

await runAsProcess(check);
