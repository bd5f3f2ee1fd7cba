import { describe, expect, it } from 'vitest';
import { translator } from '../../client/core/i18n.ts';
import { suggestionLine } from '../../client/ui/sewer-suggestions.ts';

const poor = { sewerId: 'sewer:gemeente-almere:2200236', street: 'Transistorstraat', length_m: 21.54, age_years: 26, condition_class: 4, openingsSaved: 1, householdDaysSaved: 560, parties: ['Gemeente Almere', 'Vattenfall'], explanation: '' };

describe('a sewer suggestion beside its route', () => {
  it('reads as street, length, age, class, savings and who must agree, in Dutch and English', () => {
    expect(suggestionLine(poor, translator('nl'))).toBe('Transistorstraat: 21,5 m, 26 jaar, klasse 4; 1 opening en 560 huishoudendagen minder; instemming: Gemeente Almere, Vattenfall');
    expect(suggestionLine(poor, translator('en'))).toBe('Transistorstraat: 21.5 m, 26 years, class 4; 1 opening and 560 household-days fewer; to agree: Gemeente Almere, Vattenfall');
  });

  it('says so when age and class are unknown instead of showing nothing', () => {
    const { age_years: _a, condition_class: _c, ...unknown } = poor;
    expect(suggestionLine(unknown, translator('en'))).toContain('age unknown, class unknown');
  });
});
