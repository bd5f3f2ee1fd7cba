import { describe, expect, it } from 'vitest';
import { reservationFacts } from '../../client/core/reservation-info.ts';
import { translator } from '../../client/core/i18n.ts';

describe('the feature information of a reservation', () => {
  it('says what the space is kept for, for whom, when and from which source, in both languages', () => {
    const lane = { purpose: 'lane', kinds: ['heat', 'water'], organisation: 'Eneco', valid_from: '2026-01-01', valid_until: '2040-12-31', source: 'profile:residential-16m' };
    expect(reservationFacts(lane, translator('en'), 'en')).toEqual([
      ['Kept for', 'Utility lane'], ['Meant for', 'heat and water of Eneco'], ['Valid', 'from 1 Jan 2026 through 31 Dec 2040'], ['Source', 'profile:residential-16m'],
    ]);
    expect(reservationFacts(lane, translator('nl'), 'nl')[1]).toEqual(['Voor wie', 'warmte en water van Eneco']);
  });

  it('says space for trees is for no trench, and a reservation without dates holds without end', () => {
    expect(reservationFacts({ purpose: 'future-trees' }, translator('en'), 'en')).toEqual([
      ['Kept for', 'Space for future trees'], ['Meant for', 'no trench'], ['Valid', 'without end date'], ['Source', '—'],
    ]);
    expect(reservationFacts({ purpose: 'lane', valid_until: '2030-06-30' }, translator('nl'), 'nl').slice(1, 3)).toEqual([['Voor wie', 'elk net'], ['Geldig', 'tot en met 30 jun 2030']]);
  });
});
