import type { LayeredAsset } from './layers.ts';

/**
 * What a reservation (layer `reservations`) means for a trench: the space it keeps, and whether that space is
 * meant for the trench. Space kept for trees, climate adaptation or free of everything is meant for no trench; a
 * lane is meant for the kinds and/or the organisation it names (a lane naming neither is a lane for any network).
 */

/** Who is asking: the kind of what is laid and, when known, the organisation laying it. */
export interface ReservationUse {
  kind: string;
  organisation?: string;
}

/**
 * Whether the reservation's space is meant for this use.
 *
 * @example reservationMeantFor(heatLane, { kind: 'heat' }) // true
 * @example reservationMeantFor(futureTrees, { kind: 'heat' }) // false
 */
export function reservationMeantFor(asset: Pick<LayeredAsset, 'properties'>, use: ReservationUse): boolean {
  const p = asset.properties;
  if (p.purpose !== 'lane') return false;
  const kinds = Array.isArray(p.kinds) ? p.kinds : [];
  const organisation = typeof p.organisation === 'string' && p.organisation !== '' ? p.organisation : undefined;
  if (kinds.length === 0 && organisation === undefined) return true;
  return kinds.includes(use.kind) || (organisation !== undefined && organisation === use.organisation);
}

/**
 * Whether the reservation holds on a day (YYYY-MM-DD): from `valid_from` through `valid_until`, open-ended where
 * either is absent.
 *
 * @example reservationInForce({ properties: { valid_until: '2030-12-31' } }, '2027-01-01') // true
 */
export function reservationInForce(asset: Pick<LayeredAsset, 'properties'>, on: string): boolean {
  const { valid_from: from, valid_until: until } = asset.properties;
  return !(typeof from === 'string' && on < from) && !(typeof until === 'string' && on > until);
}

/**
 * Half the width of a reservation drawn as a line (its `width_m`); 0 for a polygon, which is its own area.
 *
 * @example reservationHalfWidth({ geometry: { type: 'LineString', … }, properties: { width_m: 1.5 } }) // 0.75
 */
export function reservationHalfWidth(asset: Pick<LayeredAsset, 'geometry' | 'properties'>): number {
  return asset.geometry.type === 'LineString' ? (asset.properties.width_m ?? 0) / 2 : 0;
}
