/**
 * Lays lane reservations from a street profile on street segments of the configured store, in one transaction.
 * Stop the server first when it runs on the embedded store (one process at a time).
 *
 *   npm run reserve -- --segments hudsonstraat-1,hudsonstraat-2 [--profile residential-16m] [--owner "Gemeente Rotterdam"] [--json]
 *   npm run reserve -- --bbox 89400,436000,89700,436400 [--crs EPSG:4326]
 */
import { runAsProcess } from './cli/program.ts';
import { reserve } from './cli/reserve.ts';

await runAsProcess(reserve);
