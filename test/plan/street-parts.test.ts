import { describe, expect, it } from 'vitest';
import { demoDistrict } from '../../server/demo/district.ts';
import { planProgramme } from '../../server/domain/plan/plan.ts';
import { streetParts } from '../../server/domain/plan/street-parts.ts';
import { segmentsFromStreets } from '../../server/domain/streets/street-segments.ts';
import { readPlanningRulesFile } from '../../server/rules-file.ts';
import { OPTIONS, row, work } from './programme.ts';

describe('streetParts', () => {
  const parts = streetParts(segmentsFromStreets(demoDistrict().layers.streets));

  it('names a segment by the streets it meets at both ends', () => {
    expect(parts.get('grote-visserijstraat-2')).toEqual({ number: 2, of: 3, length_m: 120, from: 'Taandwarsstraat', to: 'Schippersstraat' });
  });

  it('names an end segment by the one street it meets and the street it crosses on the way', () => {
    expect(parts.get('hudsonstraat-1')).toEqual({ number: 1, of: 3, length_m: 170, to: 'Taandwarsstraat', crosses: 'Schiedamseweg' });
  });

  it('numbers segments along a street in id order, -10 after -9, and names none where no other street touches', () => {
    const segments = row(10, 'Lijnbaan');
    const numbered = streetParts(segments.map((s, i) => ({ ...s, neighbours: [segments[i - 1]?.id, segments[i + 1]?.id].filter((n): n is string => !!n) })).reverse());
    expect(segments.map((s) => numbered.get(s.id)!.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(numbered.get('lijnbaan-10')).toEqual({ number: 10, of: 10, length_m: 100 });
  });

  it("is carried on each planned opening, so exports can say which part of the street opens", () => {
    const plan = planProgramme([work('w', 1, { type: 'gas', duration_days: 5 })], row(2), OPTIONS, readPlanningRulesFile('data/rules/planning.json'));
    expect(plan.openings[0]!.part).toEqual({ number: 2, of: 2, length_m: 100 });
  });
});
