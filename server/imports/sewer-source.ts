import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { SewerRules } from '../domain/sewer/sewer-rules.ts';
import { readSewerRulesFile } from '../sewer-rules-file.ts';
import { errorMessage } from './file-errors.ts';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './limits.ts';
import { IMPORT_FAILURES, type ImportFailure, type ImportOptions, importFailure } from './types.ts';

export interface SewerImportOptions extends ImportOptions {
  /** The owner where the source names none (an upload: the uploader's organisation); else `unknown`. */
  owner?: string;
  /** Condition classes and service life; data/rules/sewer.json when absent. */
  sewerRules?: SewerRules;
}

/** What every sewer import starts from: its clock, the file's name and size, the limits and the sewer rules. */
export interface SewerSource {
  ok: true;
  startedAt: number;
  name: string;
  size: number;
  limits: ImportLimits;
  rules: SewerRules;
}

/**
 * Opens a sewer source (SUF-RIB or GWSW-HydX) for reading: its size (an unreadable file is a failure naming it, not
 * the server's path), the limits and the rules it is read with.
 *
 * @example const source = await sewerSource('226-0_DWA.rib', {}); source.ok && source.size // 2 093 412
 */
export async function sewerSource(path: string, options: SewerImportOptions): Promise<SewerSource | ImportFailure> {
  const startedAt = performance.now();
  const name = options.name ?? basename(path);
  try {
    const { size } = await stat(path);
    return { ok: true, startedAt, name, size, limits: { ...DEFAULT_IMPORT_LIMITS, ...options.limits }, rules: options.sewerRules ?? readSewerRulesFile() };
  } catch (error) {
    return importFailure(IMPORT_FAILURES.unreadable, `cannot read ${name}: ${errorMessage(error, path, name)}`);
  }
}
