import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';
import { ALL_TESTS, BROWSER_FOLDER, SLOW_FILES_IN_UNIT_FOLDERS, STORE_FILES_IN_UNIT_FOLDERS, UNIT_FILES, UNIT_FOLDERS, unitTestFiles } from './test/support/projects.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const STORE_SETUP = 'test/support/store-setup.ts';

// `vitest run` runs all three projects (npm test); `--project unit` is the inner loop for domain changes.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Only the unit project runs in threads. Its tests inject their dependencies and touch no globals, so one module
    // graph per worker is safe and saves most of the run: importing turf, proj4 and exceljs again for each file
    // costs more than the tests. (Vitest 3 reads pool options from the root config, not from a project.)
    poolOptions: { threads: { isolate: false } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [...UNIT_FOLDERS.map((folder) => `${folder}/**/*.test.ts`), ...UNIT_FILES],
          exclude: [...configDefaults.exclude, ...STORE_FILES_IN_UNIT_FOLDERS, ...SLOW_FILES_IN_UNIT_FOLDERS],
          pool: 'threads',
        },
      },
      {
        extends: true,
        test: {
          name: 'store',
          include: ALL_TESTS,
          exclude: [...configDefaults.exclude, `${BROWSER_FOLDER}/**`, ...unitTestFiles(root)],
          globalSetup: [STORE_SETUP],
          pool: 'forks',
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: [`${BROWSER_FOLDER}/**/*.test.ts`],
          globalSetup: [STORE_SETUP, 'test/browser/build-client.setup.ts'],
          pool: 'forks',
        },
      },
    ],
  },
});
