/** The works window a heat company may put on a route; carried to the heat work the route becomes when approved. */
export interface RouteDates {
  preferred_start?: string;
  earliest_start?: string;
  latest_end?: string;
}

export const ROUTE_DATE_FIELDS = ['preferred_start', 'earliest_start', 'latest_end'] as const;

export type RouteDateError =
  | { field: 'preferred_start'; key: 'routes.badPreferred'; params: { preferred: string; earliest: string } }
  | { field: 'latest_end'; key: 'routes.badLatest'; params: { latest: string; earliest: string } }
  | { field: 'latest_end'; key: 'routes.badLatestPreferred'; params: { latest: string; preferred: string } };

/**
 * What is wrong with a window before it is sent: the preferred start may not lie before the earliest start, and the
 * latest end must come after both starts. Empty fields are no error (every date is optional). Dates are ISO days,
 * which compare as strings.
 *
 * @example routeDateErrors({ earliest_start: '2027-03-01', preferred_start: '2027-02-01' })
 *   // [{ field: 'preferred_start', key: 'routes.badPreferred', params: { preferred: '2027-02-01', earliest: '2027-03-01' } }]
 */
export function routeDateErrors({ preferred_start: preferred, earliest_start: earliest, latest_end: latest }: RouteDates): RouteDateError[] {
  const errors: RouteDateError[] = [];
  if (preferred && earliest && preferred < earliest) errors.push({ field: 'preferred_start', key: 'routes.badPreferred', params: { preferred, earliest } });
  if (latest && earliest && latest <= earliest) errors.push({ field: 'latest_end', key: 'routes.badLatest', params: { latest, earliest } });
  else if (latest && preferred && latest <= preferred) errors.push({ field: 'latest_end', key: 'routes.badLatestPreferred', params: { latest, preferred } });
  return errors;
}

/** The filled-in dates only, as feature properties. */
export function filledDates(dates: RouteDates): RouteDates {
  return Object.fromEntries(ROUTE_DATE_FIELDS.flatMap((f) => (dates[f] ? [[f, dates[f]]] : []))) as RouteDates;
}
