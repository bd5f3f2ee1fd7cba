import { z } from 'zod';
import { RESERVATION_PURPOSES } from '../assets/layers.ts';
import { RESERVATION_LINE_MAX_WIDTH_M } from '../assets/reservation.validation.ts';
import { TRENCH_KINDS } from '../check/check.types.ts';
import { type Invalid, invalid, schemaInvalid, valueAt } from '../validation.ts';

/**
 * A street profile (data/profiles/*.json): the standard division of a street's cross-section into lanes, the
 * municipality's "tracéprofiel" as data. Each entry carries its `source` and a status (C = confirmed in a named
 * public source, S = secondary source, E = estimate), as the rule files do.
 *
 * A lane lies at `offset_m` from its reference line to its nearer edge, `width_m` wide:
 * - `facade`: measured from the façade (the street's edge, half its width from the centreline) towards the middle;
 * - `kerb`: from the kerb (`footway_m` in from the façade) towards the middle;
 * - `centreline`: from the centreline outwards; with `sides: 'centre'` the lane is centred on it (offset 0).
 * `sides` says where: `both` (a lane each side), `left` or `right` of the segment's direction, or `centre`.
 */
const status = z.enum(['C', 'S', 'E']);
const sourced = { source: z.string().min(1), status };
const metres = z.number().nonnegative().max(100);
// Ids become part of a reservation's id (`<profile>:<segment>:<lane>:<side>`), so they hold no separator.
const SLUG = /^[a-z0-9][a-z0-9-]*$/;

const laneSchema = z.object({
  id: z.string().refine((id) => SLUG.test(id), 'validation.profile.id'),
  purpose: z.enum(RESERVATION_PURPOSES),
  kinds: z.array(z.enum(TRENCH_KINDS)).min(1).optional(),
  from: z.enum(['facade', 'kerb', 'centreline']),
  offset_m: metres,
  width_m: z.number().positive().max(RESERVATION_LINE_MAX_WIDTH_M),
  /** Depth band below the surface, top and bottom. */
  depth_m: z.tuple([metres, metres]).refine(([top, bottom]) => top < bottom, 'validation.profile.depth-inverted'),
  sides: z.enum(['both', 'left', 'right', 'centre']),
  ...sourced,
});

const profileSchema = z.object({
  id: z.string().refine((id) => SLUG.test(id), 'validation.profile.id'),
  name: z.string().min(1),
  description: z.string().optional(),
  /** Values of a street's `street_type` that choose this profile, beside its id. */
  streetTypes: z.array(z.string().min(1)).optional(),
  /** Façade to façade, the width the profile is drawn for. */
  width_m: z.object({ value: z.number().positive().max(100), ...sourced }),
  /** Façade to kerb. */
  footway_m: z.object({ value: metres, ...sourced }),
  lanes: z.array(laneSchema).min(1),
});

export type StreetProfile = z.infer<typeof profileSchema>;
export type ProfileLane = StreetProfile['lanes'][number];
export type LaneSide = 'left' | 'right' | 'centre';
export type ProfileParse = { valid: true; profile: StreetProfile } | { valid: false; errors: Invalid[] };

/**
 * The signed distance (m, positive to the left of the segment's direction) of a lane's centre from the street
 * centreline, for a street `width_m` façade to façade: façade lanes keep their distance from the real façade and
 * kerb lanes from the kerb, so a wider street gets a wider middle, not wider lanes.
 *
 * @example laneCentre({ from: 'facade', offset_m: 0.3, width_m: 0.8, … }, 'left', 16, 2.5) // 8 − 0.3 − 0.4 = 7.3
 * @example laneCentre({ from: 'centreline', sides: 'centre', width_m: 1.5, … }, 'centre', 16, 2.5) // 0
 */
export function laneCentre(lane: Pick<ProfileLane, 'from' | 'offset_m' | 'width_m'>, side: LaneSide, streetWidth_m: number, footway_m: number): number {
  if (side === 'centre') return 0;
  const sign = side === 'left' ? 1 : -1;
  const half = lane.width_m / 2;
  switch (lane.from) {
    case 'facade': return sign * (streetWidth_m / 2 - lane.offset_m - half);
    case 'kerb': return sign * (streetWidth_m / 2 - footway_m - lane.offset_m - half);
    case 'centreline': return sign * (lane.offset_m + half);
  }
}

/** The sides a lane is laid on. */
export function laneSides(lane: Pick<ProfileLane, 'sides'>): LaneSide[] {
  return lane.sides === 'both' ? ['left', 'right'] : [lane.sides];
}

/**
 * Reads a street profile from parsed JSON, with the checks a schema alone cannot make: lane ids are unique, a
 * centred lane is measured from the centreline, and every lane lies inside the street the profile is drawn for
 * (between its façades, not across the middle). Every problem names its field (`lanes[2].offset_m`).
 *
 * @example parseProfile(JSON.parse(readFileSync('data/profiles/residential-16m.json', 'utf8'))).valid // true
 * @example parseProfile({ id: 'x' }) // { valid: false, errors: [{ field: 'name', code: 'validation.required' }, …] }
 */
export function parseProfile(json: unknown): ProfileParse {
  const parsed = profileSchema.safeParse(json);
  if (!parsed.success) {
    return { valid: false, errors: parsed.error.issues.map((i) => schemaInvalid(i, i.path.length ? '' : '(root)', valueAt(json, i.path))) };
  }
  const profile = parsed.data;
  const errors: Invalid[] = [];
  const seen = new Set<string>();
  const halfStreet = profile.width_m.value / 2;
  profile.lanes.forEach((lane, i) => {
    const at = `lanes[${i}]`;
    if (seen.has(lane.id)) errors.push(invalid(`${at}.id`, 'validation.profile.lane-duplicate', { id: lane.id }));
    seen.add(lane.id);
    if (lane.sides === 'centre' && (lane.from !== 'centreline' || lane.offset_m !== 0)) {
      errors.push(invalid(`${at}.sides`, 'validation.profile.centre-lane', { id: lane.id }));
      return;
    }
    for (const side of laneSides(lane)) {
      const centre = Math.abs(laneCentre(lane, side, profile.width_m.value, profile.footway_m.value));
      const outer = centre + lane.width_m / 2;
      const inner = centre - lane.width_m / 2;
      if (outer > halfStreet + 1e-9 || (side !== 'centre' && inner < -1e-9)) {
        errors.push(invalid(`${at}.offset_m`, 'validation.profile.lane-outside', { id: lane.id, offset_m: lane.offset_m, width_m: lane.width_m, street_m: profile.width_m.value }));
        return;
      }
    }
  });
  return errors.length ? { valid: false, errors } : { valid: true, profile };
}
