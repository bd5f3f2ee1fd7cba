import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRuleSet } from '../../server/domain/rules/rule-set.ts';
import { readRuleSetFile } from '../../server/rules-file.ts';

const json = () => JSON.parse(readFileSync('data/rules/nl-default.json', 'utf8'));

describe('the rule set', () => {
  it('reads the default rule file with heat ↔ drinking water at 1.0 m, confirmed', () => {
    const rules = readRuleSetFile('data/rules/nl-default.json');
    expect(rules.horizontalClearance.matrix.heat?.water).toMatchObject({ min_m: 1.0, status: 'C' });
    expect(rules.verticalClearance.min_m).toBe(0.25);
    expect(rules.crossingAngle.warnBelow_deg).toBe(45);
  });

  it('when a matrix cell, a source and a number are wrong, names every path with its reason', () => {
    const bad = json();
    delete bad.horizontalClearance.matrix.heat.sewer;
    const result = parseRuleSet(bad);
    expect(result).toEqual({ valid: false, errors: [{ field: 'horizontalClearance.matrix.heat.sewer', code: 'validation.rules.matrix-cell-missing', params: { class: 'sewer' } }] });
    const worse = json();
    worse.verticalClearance.source = '';
    worse.crossingAngle.warnBelow_deg = 120;
    const paths = (parseRuleSet(worse) as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(paths).toEqual(expect.arrayContaining(['verticalClearance.source', 'crossingAngle.warnBelow_deg']));
  });

  it('when the rule file is malformed, throws an error naming the file and the problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...json(), version: 3 }));
    expect(() => readRuleSetFile(file)).toThrow(new RegExp(`rule file ${file} has 1 problem:\\n  version: `));
    writeFileSync(file, '{ nope');
    expect(() => readRuleSetFile(file)).toThrow(/is not valid JSON/);
    expect(() => readRuleSetFile(join(dir, 'missing.json'))).toThrow(/cannot be read \(ENOENT\)/);
  });
});
