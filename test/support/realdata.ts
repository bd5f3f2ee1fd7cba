import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The shared real-data folder (never copied into the repo): ONDERGROND_REALDATA, else ../shared/realdata. */
export const REALDATA = process.env.ONDERGROND_REALDATA ?? path.resolve(repoRoot, '../shared/realdata');

/**
 * True when tests that need real data must be skipped: the folder is missing outside CI. In CI a missing folder
 * is not a reason to skip — the tests run and fail.
 */
export const skipWithoutRealdata = !existsSync(REALDATA) && process.env.CI !== 'true';

/** Path of a file under the real-data folder. */
export const realdata = (...parts: string[]) => path.join(REALDATA, ...parts);
