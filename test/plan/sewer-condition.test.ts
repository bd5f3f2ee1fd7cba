import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { observationClass, pipeCondition } from '../../server/domain/sewer/condition.ts';
import { parseSewerRules } from '../../server/domain/sewer/sewer-rules.ts';
import { pipeDepths, sewerPipeId } from '../../server/imports/sewer-pipes.ts';

const parsed = parseSewerRules(JSON.parse(readFileSync('data/rules/sewer.json', 'utf8')));
if (!parsed.valid) throw new Error(JSON.stringify(parsed.errors));
const rules = parsed.rules;

describe('sewer condition by the rule set', () => {
  it('classes an observation by its letter, by the upper bound of its band, or by the class the record carries', () => {
    expect(observationClass({ code: 'BAB', characterisation: 'C' }, rules)).toBe(4);
    // RIONED's examples: deposits up to 5 % class 1, deformation 10–15 % class 4, dripping infiltration class 3.
    expect(observationClass({ code: 'BBB', characterisation: 'B', quantification: [0, 5] }, rules)).toBe(1);
    expect(observationClass({ code: 'BAA', characterisation: 'A', quantification: [10, 15] }, rules)).toBe(4);
    expect(observationClass({ code: 'BBF', characterisation: 'B' }, rules)).toBe(3);
    expect(observationClass({ code: 'BBB', quantification: [60] }, rules)).toBe(5);
    expect(observationClass({ code: 'BAB', class: 5 }, rules)).toBe(5);
    // Photos, remarks, connections and the water level describe no defect.
    expect(observationClass({ code: 'BDA' }, rules)).toBeUndefined();
    expect(observationClass({ code: 'BCA', characterisation: 'A' }, rules)).toBeUndefined();
  });

  it('gives a pipe its worst observation, class 1 when inspected without defects, nothing when never inspected', () => {
    expect(pipeCondition([{ code: 'BCD' }, { code: 'BBB', quantification: [5, 10] }, { code: 'BAB', characterisation: 'C', at_m: 12.3 }], rules))
      .toEqual({ condition_class: 4, condition_rule: 'nl-default-sewer@2026.1#BAB', condition_observation: 'BAB C', condition_at_m: 12.3, defects: 2 });
    expect(pipeCondition([{ code: 'BCD' }, { code: 'BCE' }], rules)).toMatchObject({ condition_class: 1, defects: 0 });
    expect(pipeCondition([], rules)).toBeUndefined();
  });

  it('refuses a rule file whose class is out of 1–5, naming the field', () => {
    const bad = JSON.parse(readFileSync('data/rules/sewer.json', 'utf8'));
    bad.coupling.minClass.value = 6;
    const result = parseSewerRules(bad);
    expect(result.valid).toBe(false);
    if (!result.valid) expect(result.errors[0]!.field).toBe('coupling.minClass.value');
  });
});

describe('sewer pipe ids and depths', () => {
  it('ids a pipe by its owner and source id, so either format updates the same pipe', () => {
    expect(sewerPipeId('Gemeente Almere', '2200231')).toBe('sewer:gemeente-almere:2200231');
    expect(sewerPipeId("Gemeente 's-Hertogenbosch", 'L1')).toBe('sewer:gemeente-s-hertogenbosch:L1');
  });

  it('takes the depth below the surface only where both ends have a ground level', () => {
    expect(pipeDepths({ bob_start_m: -5.26, bob_end_m: -5.06, ground_start_m: -3.2, ground_end_m: -3.1, diameter_mm: 250 }))
      .toEqual({ invert_start_m: 2.06, invert_end_m: 1.96, depth_m: 1.71, depth_source: 'measured' });
    expect(pipeDepths({ bob_start_m: -5.26, bob_end_m: -5.06, ground_start_m: -3.2, diameter_mm: 250 })).toEqual({});
    // A ground level below the invert is a wrong datum, not a pipe above ground.
    expect(pipeDepths({ bob_start_m: -1, bob_end_m: -1, ground_start_m: -2, ground_end_m: -2 })).toEqual({});
  });
});
