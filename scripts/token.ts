/**
 * Manages API tokens on the configured store (DATABASE_URL, or the embedded store in ONDERGROND_DATA_DIR —
 * stop the server first: the embedded store takes one process at a time).
 *
 *   npm run token -- create --org "Eneco" --kind heat-company --role submitter [--label "route team"]
 *   npm run token -- list
 *   npm run token -- revoke <id>
 */
import { runAsProcess } from './cli/program.ts';
import { token } from './cli/token.ts';

await runAsProcess(token);
