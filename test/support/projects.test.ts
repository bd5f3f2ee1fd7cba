import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STORE_FILES_IN_UNIT_FOLDERS, unitTestFiles } from './projects.ts';

// What a test file does when it needs the store project's global set-up or a server.
const NEEDS_STORE = /inject\(|support\/(store|http)\.ts|test\/browser\/|server\/store\/index\.ts|openPglite|spawn/;

describe('vitest projects', () => {
  it('keeps every file that opens a store, a server or a child process out of the unit project', () => {
    const others = unitTestFiles('.').filter((file) => file !== 'test/support/projects.test.ts');
    const misplaced = others.filter((file) => NEEDS_STORE.test(readFileSync(file, 'utf8')));
    expect(misplaced, 'move these to STORE_FILES_IN_UNIT_FOLDERS in test/support/projects.ts').toEqual([]);
  });

  it('lists as store files in unit folders only files that need the store', () => {
    expect(STORE_FILES_IN_UNIT_FOLDERS.filter((file) => !NEEDS_STORE.test(readFileSync(file, 'utf8')))).toEqual([]);
  });
});
