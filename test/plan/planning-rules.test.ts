import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlanningRules } from '../../server/domain/plan/planning-rules.ts';
import { readPlanningRulesFile } from '../../server/rules-file.ts';

const DEFAULT = JSON.parse(readFileSync('data/rules/planning.json', 'utf8')) as Record<string, { value: unknown }>;

describe('the planning rule file', () => {
  it('when data/rules/planning.json is read, gives the numbers the planner always used', () => {
    const rules = readPlanningRulesFile('data/rules/planning.json');
    expect(rules).toMatchObject({ id: 'nl-default-planning', moratoriumYears: 3, reinstatementDaysPer100m: 5, calendarDaysPerWorkingWeek: 7 });
    expect(rules.depthOrder).toEqual(['sewer', 'heat', 'water', 'gas', 'cables', 'connections', 'trees', 'paving']);
    expect(rules.workingDaysPer100m).toEqual({ sewer: 15, heat: 8, connections: 12, water: 5, gas: 5, cables: 3, trees: 2, paving: 5 });
  });

  it('when a file has several problems, lists every one with its path', () => {
    const broken = structuredClone(DEFAULT) as Record<string, unknown>;
    delete broken.version;
    (broken.moratoriumYears as { value: unknown }).value = -1;
    const parsed = parsePlanningRules(broken);
    expect(parsed.valid).toBe(false);
    expect(parsed.valid ? [] : parsed.errors.map((e) => e.field).sort()).toEqual(['moratoriumYears.value', 'version']);
  });

  it('when a work type has no working days, names it by path', () => {
    const broken = structuredClone(DEFAULT);
    delete (broken.workingDaysPer100m!.value as Record<string, number>).trees;
    const parsed = parsePlanningRules(broken);
    expect(parsed).toMatchObject({ valid: false, errors: [{ field: 'workingDaysPer100m.value.trees' }] });
  });

  it('when the file is malformed, stops with the file name and every problem, one per line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'planning-rules-'));
    const file = join(dir, 'planning.json');
    writeFileSync(file, JSON.stringify({ ...DEFAULT, id: 7, horizonYears: { value: 0, status: 'X', source: 's' } }));
    expect(() => readPlanningRulesFile(file)).toThrow(new RegExp(`rule file ${file} has 3 problems:\\n  id: .*\\n  horizonYears.value: .*\\n  horizonYears.status: `));
    writeFileSync(file, '{ "id": ');
    expect(() => readPlanningRulesFile(file)).toThrow(/is not valid JSON/);
    expect(() => readPlanningRulesFile(join(dir, 'missing.json'))).toThrow(/cannot be read \(ENOENT\); set ONDERGROND_PLANNING_RULES/);
  });
});
