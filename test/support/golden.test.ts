import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectedGolden } from './golden.ts';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const fresh = () => (dir = mkdtempSync(join(tmpdir(), 'ondergrond-golden-')));

describe('golden files', () => {
  it('when the expected file is missing and REGEN is off, fails naming REGEN=1 and writes nothing', () => {
    const out = join(fresh(), 'new-case.out.json');
    expect(() => expectedGolden(out, { conflicts: [] }, { regen: false })).toThrow(/new-case\.out\.json is missing; run the test with REGEN=1/);
    expect(existsSync(out)).toBe(false);
  });

  it('when REGEN is on, writes the file and returns what it wrote', () => {
    const out = join(fresh(), 'nested', 'case.out.json');
    expect(expectedGolden(out, { total: 2 }, { regen: true })).toEqual({ total: 2 });
    expect(readFileSync(out, 'utf8')).toBe('{\n  "total": 2\n}\n');
  });

  it('when the file exists and REGEN is off, returns the stored value without rewriting it', () => {
    const out = join(fresh(), 'case.out.json');
    writeFileSync(out, '{"total": 1}');
    expect(expectedGolden(out, { total: 2 }, { regen: false })).toEqual({ total: 1 });
    expect(readFileSync(out, 'utf8')).toBe('{"total": 1}');
  });
});
