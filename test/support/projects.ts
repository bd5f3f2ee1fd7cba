import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Which vitest project a test file runs in. `unit` is pure (no store, no browser, no global set-up) so a domain
 * change tests in seconds; `browser` drives Chromium; everything else is `store`, so a new folder gets the
 * PGlite template and PostgreSQL by default instead of silently running in no project.
 */

/** Folders whose tests are pure. */
export const UNIT_FOLDERS = ['test/check', 'test/client', 'test/exports', 'test/geo', 'test/messages', 'test/coverage', 'test/plan', 'test/space', 'test/support'];

/** Pure files in folders that otherwise need the store. */
export const UNIT_FILES = [
  'test/imports/imkl-fixtures.test.ts',
  'test/imports/imkl-units-geometry.test.ts',
  'test/imports/sewer-import.test.ts',
  'test/imports/zip.test.ts',
  'test/store/oldest-first.test.ts',
  'test/store/principal-cache.test.ts',
];

/** Files in unit folders that open a store (support/store.ts, support/http.ts or inject('pgliteTemplate')). */
export const STORE_FILES_IN_UNIT_FOLDERS = ['test/check/klic-route.test.ts', 'test/check/postgis-agreement.test.ts', 'test/geo/simple.test.ts'];

/** Pure files too slow for the inner loop (HiGHS solving a dozen programmes takes 20–50 s); they run in `store`. */
export const SLOW_FILES_IN_UNIT_FOLDERS = ['test/plan/exact.test.ts'];

export const BROWSER_FOLDER = 'test/browser';

/** Every test file anywhere; a file matched by no narrower project lands in `store`. */
export const ALL_TESTS = ['test/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.ts', 'scripts/**/*.test.ts'];

/** The unit project's files as they are on disk now, relative to `root`. */
export function unitTestFiles(root: string): string[] {
  const inFolders = UNIT_FOLDERS.flatMap((folder) =>
    readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.test.ts'))
      .map((file) => `${folder}/${file.replaceAll('\\', '/')}`),
  );
  const elsewhere = [...STORE_FILES_IN_UNIT_FOLDERS, ...SLOW_FILES_IN_UNIT_FOLDERS];
  return [...inFolders.filter((file) => !elsewhere.includes(file)), ...UNIT_FILES].sort();
}
