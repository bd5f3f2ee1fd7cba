import { describe, expect, it } from 'vitest';
import { filledDates, routeDateErrors } from '../../client/core/route-dates.ts';

describe('the works window of a route', () => {
  it('accepts a window in order, and no dates at all', () => {
    expect(routeDateErrors({ earliest_start: '2027-01-01', preferred_start: '2027-03-01', latest_end: '2027-12-31' })).toEqual([]);
    expect(routeDateErrors({})).toEqual([]);
  });

  it('when the preferred start lies before the earliest start, names the preferred start with both dates', () => {
    expect(routeDateErrors({ earliest_start: '2027-03-01', preferred_start: '2027-02-01' })).toEqual([
      { field: 'preferred_start', key: 'routes.badPreferred', params: { preferred: '2027-02-01', earliest: '2027-03-01' } },
    ]);
  });

  it('when the latest end is not after the earliest start (or the preferred one), names the latest end', () => {
    expect(routeDateErrors({ earliest_start: '2027-03-01', latest_end: '2027-03-01' })).toMatchObject([{ field: 'latest_end', key: 'routes.badLatest' }]);
    expect(routeDateErrors({ preferred_start: '2027-05-01', latest_end: '2027-04-01' })).toMatchObject([{ field: 'latest_end', key: 'routes.badLatestPreferred' }]);
  });

  it('sends only the dates that were filled in', () => {
    expect(filledDates({ preferred_start: '2027-03-01', earliest_start: '', latest_end: undefined })).toEqual({ preferred_start: '2027-03-01' });
  });
});
