import { type Principal, can } from '../domain/access/policy.ts';
import type { Message } from '../domain/message.ts';
import type { LayerName } from '../domain/assets/layers.ts';
import { type ImportFileOptions, importFile } from '../imports/detect.ts';
import type { ImportLimits } from '../imports/limits.ts';
import type { ImportFailure, ImportedAsset, ImportReport } from '../imports/types.ts';
import type { Store } from '../store/index.ts';
import type { CoverageArea, PrecautionZone } from '../domain/coverage/coverage.ts';
import { runJob } from '../workers/run-job.ts';
import { type PersistImportResult, persistImport } from './persist-import.ts';

export interface RunImportInput {
  /** The file on disk (an upload already written to a temporary folder, or the CLI's argument). */
  path: string;
  /** The file's name as the user knows it, for messages: never the server's temporary path. */
  name?: string;
  /** Bounds on what the file may make the server read; the ONDERGROND_IMPORT_MAX_* settings when absent. */
  limits?: ImportLimits;
  /** Keep only these layers. */
  layers?: readonly LayerName[];
  /** Owner of sewer data whose file names none; the caller's organisation when absent. */
  owner?: string;
  /** Progress of reading; left out when the job runs in a worker (a function does not cross threads). */
  onProgress?: ImportFileOptions['onProgress'];
}

export type ReadImportResult =
  | { ok: true; assets: ImportedAsset[]; coverage: CoverageArea[]; precautions: PrecautionZone[]; report: ImportReport }
  /** The caller's role may not import at all; nothing was read. */
  | { ok: false; reason: 'forbidden'; refusal: Message }
  /** The file is not one the importers can read; `failure` carries the importer's code and sentence. */
  | { ok: false; reason: 'invalid-file'; failure: ImportFailure };

export type RunImportResult = PersistImportResult | Exclude<ReadImportResult, { ok: true }>;

/**
 * Reads a file for an import by `who` (none for the local CLI): the grant first, before a byte is parsed, then the
 * file. Needs no store, so the CLI opens its store only for a file worth storing. On the server the file is parsed in
 * the worker pool (throws WorkRefused when it is full or the read passes ONDERGROND_IMPORT_TIMEOUT_MS).
 *
 * @example const read = await readImport(principal, { path: 'Levering_22O000518_1.zip' }); read.ok ? read.report.counts : read.reason
 */
export async function readImport(who: Principal | undefined, { path, name, limits, layers, onProgress, owner = who?.organisation }: RunImportInput): Promise<ReadImportResult> {
  if (who) {
    const decision = can(who, 'imports:run');
    if (!decision.allowed) return { ok: false, reason: 'forbidden', refusal: decision.reason };
  }
  const options = { ...(name ? { name } : {}), ...(limits ? { limits } : {}), ...(layers ? { layers } : {}), ...(owner ? { owner } : {}) };
  // With a progress bar (the CLI) the file is read inline; otherwise in the worker pool when the server has one.
  const parsed = onProgress ? await importFile(path, { ...options, onProgress }) : await runJob('read-import', { path, ...options });
  return parsed.ok ? parsed : { ok: false, reason: 'invalid-file', failure: parsed };
}

/**
 * Imports a file into the store for `who` (none for the local CLI): readImport (grant, then file), then the
 * ownership checks and the write in one transaction (persistImport). Fails whole, lands whole.
 *
 * @example const result = await runImport(store, principal, { path: '/tmp/u/upload.zip', layers: ['cables'] });
 *   result.ok ? result.stored : result.reason // { cables: { created: 17, updated: 0 } } or 'forbidden-features'
 */
export async function runImport(store: Store, who: Principal | undefined, input: RunImportInput): Promise<RunImportResult> {
  const read = await readImport(who, input);
  return read.ok ? persistImport(store, read.assets, read.report, who, read) : read;
}
