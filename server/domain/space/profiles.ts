import type { LineString, Position } from 'geojson';
import type { Asset, AssetProperties, StreetAsset } from '../assets/layers.ts';
import { type Invalid, invalid, quoted } from '../validation.ts';
import { DEFAULT_STREET_WIDTH_M } from './street-space.ts';
import { type LaneSide, type ProfileLane, type StreetProfile, laneCentre, laneSides } from './street-profile.ts';
import { longAxis } from '../../geo/long-axis.ts';
import { offsetLine } from '../../geo/offset-line.ts';
import { centreline, stretchesWithin, subLine } from '../check/centreline.ts';
import { shapeOf } from '../../geo/shape.ts';
import type { Shape } from '../../geo/types.ts';

/**
 * Lane reservations from a street profile: the municipality's division of a street's underground, laid on the
 * street's own geometry. A centreline is offset by each lane's position; a street drawn as a polygon gets the long
 * axis of its minimum rectangle as centreline and its short side as width. Every reservation has a stable id
 * (`<profile>:<segment>:<lane>:<side>`), so generating again updates what is there instead of adding a copy.
 */

/** How the profile of a street was chosen. */
export type ProfileChosenBy = 'asked' | 'street-type' | 'width';

export interface SegmentLanes {
  segment: string;
  profile: string;
  by: ProfileChosenBy;
  /** The street width the lanes were laid for (m, façade to façade). */
  width_m: number;
  /** True when the street gave no width and DEFAULT_STREET_WIDTH_M was assumed. */
  widthAssumed: boolean;
  /** Reservation ids made for this segment. */
  reservations: string[];
  /** Lanes left out because they do not fit this (narrower) street, as `<lane>:<side>`. */
  leftOut: string[];
}

export interface LaneReservationOptions {
  /** Who the reservations belong to: the municipality asking. */
  owner: string;
  /** A profile id to use for every segment, instead of choosing by street type or width. */
  profile?: string;
  /**
   * The streets around (the chosen ones may be among them): space kept for trees, climate or free of everything
   * stops short of every other street it would cross, as it stops short of the segment's own ends.
   */
  around?: readonly StreetAsset[];
}

export type LaneReservations =
  | { ok: true; reservations: Asset<LineString>[]; segments: SegmentLanes[] }
  | { ok: false; errors: Invalid[] };

/**
 * One reservation per lane of a profile for each street segment: as a LineString with `width_m`, purpose `lane`
 * (or the lane's own, e.g. `future-trees`), its kinds, `source: 'profile:<id>'`, the depth band and `owner`. The
 * profile is the one asked for, else the one naming the segment's `street_type`, else the one whose width is
 * nearest the segment's `width_m` (DEFAULT_STREET_WIDTH_M when it has none).
 *
 * @example generateLaneReservations([hudsonstraat16m], profiles, { owner: 'Gemeente Rotterdam' }).reservations[0]
 *   // { id: 'residential-16m:hudsonstraat-1:lv-telecom:left', geometry: { type: 'LineString', … },
 *   //   properties: { purpose: 'lane', kinds: ['cables'], width_m: 0.8, source: 'profile:residential-16m', … } }
 */
export function generateLaneReservations(streets: readonly StreetAsset[], profiles: readonly StreetProfile[], options: LaneReservationOptions): LaneReservations {
  if (options.profile !== undefined && !profiles.some((p) => p.id === options.profile)) {
    return { ok: false, errors: [invalid('profile', 'validation.reserve.profile-unknown', { value: quoted(options.profile), allowed: profiles.map((p) => p.id) })] };
  }
  const reservations: Asset<LineString>[] = [];
  const segments: SegmentLanes[] = [];
  for (const street of streets) {
    const axis = streetAxis(street);
    if (!axis) continue;
    const choice = chooseProfile(street, axis.width_m, profiles, options.profile);
    const made = laneReservations(street, axis, choice.profile, options.owner, crossingStreets(street, options.around ?? []));
    reservations.push(...made.reservations);
    segments.push({
      segment: segmentIdOf(street),
      profile: choice.profile.id,
      by: choice.by,
      width_m: axis.width_m ?? DEFAULT_STREET_WIDTH_M,
      widthAssumed: axis.width_m === undefined,
      reservations: made.reservations.map((r) => r.id),
      leftOut: made.leftOut,
    });
  }
  return { ok: true, reservations, segments };
}

/**
 * The profile for a street: the one asked for, else one whose id or `streetTypes` names the street's
 * `street_type`, else the one drawn for the width nearest the street's (the narrower on a tie).
 *
 * @example chooseProfile(streetOf15m, 15, profiles) // { profile: residential-16m, by: 'width' }
 */
export function chooseProfile(street: StreetAsset, width_m: number | undefined, profiles: readonly StreetProfile[], asked?: string): { profile: StreetProfile; by: ProfileChosenBy } {
  const byId = asked === undefined ? undefined : profiles.find((p) => p.id === asked);
  if (byId) return { profile: byId, by: 'asked' };
  const type = street.properties.street_type;
  const typed = typeof type === 'string' ? profiles.find((p) => p.id === type || p.streetTypes?.includes(type)) : undefined;
  if (typed) return { profile: typed, by: 'street-type' };
  const width = width_m ?? DEFAULT_STREET_WIDTH_M;
  const nearest = [...profiles].sort((a, b) => Math.abs(a.width_m.value - width) - Math.abs(b.width_m.value - width) || a.width_m.value - b.width_m.value)[0]!;
  return { profile: nearest, by: 'width' };
}

/** A street's centreline and width: the line and its `width_m`, or a polygon's minimum-rectangle axis and short side. */
interface StreetAxis {
  line: Position[];
  width_m: number | undefined;
}

function streetAxis(street: StreetAsset): StreetAxis | undefined {
  const g = street.geometry;
  const width = typeof street.properties.width_m === 'number' && street.properties.width_m > 0 ? street.properties.width_m : undefined;
  if (g.type === 'LineString') return { line: g.coordinates, width_m: width };
  const points = g.type === 'Polygon' ? g.coordinates[0]! : g.coordinates.flatMap((p) => p[0]!);
  return rectangleAxis(points);
}

/**
 * The long axis of the minimum-area rectangle around the points, through its middle, with the short side as
 * width: the centreline of a street drawn as an area (a BGT road part is long and narrow).
 *
 * @example rectangleAxis([[0, 0], [100, 0], [100, 16], [0, 16]]) // { line: [[0, 8], [100, 8]], width_m: 16 }
 */
export function rectangleAxis(points: readonly Position[]): StreetAxis | undefined {
  const found = longAxis(points);
  return found && { line: [...found.axis], width_m: found.width };
}

function laneReservations(street: StreetAsset, axis: StreetAxis, profile: StreetProfile, owner: string, others: readonly Crossed[]): { reservations: Asset<LineString>[]; leftOut: string[] } {
  const width = axis.width_m ?? DEFAULT_STREET_WIDTH_M;
  const segment = segmentIdOf(street);
  const reservations: Asset<LineString>[] = [];
  const leftOut: string[] = [];
  for (const lane of profile.lanes) {
    for (const side of laneSides(lane)) {
      const centre = laneCentre(lane, side, width, profile.footway_m.value);
      if (!fits(lane, side, centre, width)) {
        leftOut.push(`${lane.id}:${side}`);
        continue;
      }
      const pieces = clearOfCorners(offsetLine(axis.line, centre), lane, others);
      if (pieces.length === 0) {
        leftOut.push(`${lane.id}:${side}`);
        continue;
      }
      pieces.forEach((placed, i) => reservations.push({
        type: 'Feature',
        // One piece keeps the plain id; pieces between crossing streets are numbered along the segment.
        id: [profile.id, segment, lane.id, side, ...(pieces.length > 1 ? [String(i + 1)] : [])].join(':'),
        geometry: { type: 'LineString', coordinates: placed.map(([x, y]) => [round3(x!), round3(y!)]) },
        properties: laneProperties(profile, lane, side, segment, owner),
      }));
    }
  }
  return { reservations, leftOut };
}

/**
 * How far from each end of a segment space kept for trees, climate or free of everything stops (E: half a 24 m main
 * street and 2 m; a segment ends at a junction, where no tree stands — sight lines and crossings — and where every
 * trench crossing the street passes).
 * Lanes for networks run on through the junction, as the networks do.
 */
export const CORNER_CLEAR_M = 14;

/** Another street a segment's kept space must stop short of: its shape and how far from it (half its width + 2 m). */
interface Crossed {
  shape: Shape;
  clear_m: number;
}

function crossingStreets(street: StreetAsset, around: readonly StreetAsset[]): Crossed[] {
  const own = segmentIdOf(street);
  return around
    .filter((s) => segmentIdOf(s) !== own && s.geometry.type === 'LineString')
    .map((s) => ({ shape: shapeOf(s.geometry), clear_m: (typeof s.properties.width_m === 'number' ? s.properties.width_m : DEFAULT_STREET_WIDTH_M) / 2 + 2 }));
}

/** Shortest piece of kept space worth reserving between two streets, m. */
const MIN_PIECE_M = 5;

/**
 * The lane's line as it is laid: a lane for networks whole; space kept for something else cut back CORNER_CLEAR_M
 * at both ends and stopped short of every other street it would cross, in the pieces that remain.
 */
function clearOfCorners(line: Position[], lane: ProfileLane, others: readonly Crossed[]): Position[][] {
  if (lane.purpose === 'lane') return [line];
  const c = centreline(line);
  const cut: [number, number][] = [[-Infinity, CORNER_CLEAR_M], [c.length - CORNER_CLEAR_M, Infinity]];
  for (const other of others) for (const s of stretchesWithin(c, other.shape, other.clear_m)) cut.push([s.from, s.to]);
  cut.sort((x, y) => x[0] - y[0]);
  const pieces: Position[][] = [];
  let at = -Infinity;
  for (const [from, to] of cut) {
    if (from - at >= MIN_PIECE_M && at > -Infinity) pieces.push(subLine(c, at, from));
    at = Math.max(at, to);
  }
  return pieces;
}

/** A lane fits when it stays between the façades and on its own side of the middle. */
function fits(lane: ProfileLane, side: LaneSide, centre: number, width: number): boolean {
  const outer = Math.abs(centre) + lane.width_m / 2;
  const inner = Math.abs(centre) - lane.width_m / 2;
  return outer <= width / 2 + 1e-9 && (side === 'centre' || inner >= -1e-9);
}

function laneProperties(profile: StreetProfile, lane: ProfileLane, side: LaneSide, segment: string, owner: string): AssetProperties {
  return {
    owner,
    status: 'existing',
    version: 1,
    purpose: lane.purpose,
    ...(lane.kinds ? { kinds: [...lane.kinds] } : {}),
    width_m: lane.width_m,
    depth_m: lane.depth_m[0],
    depth_bottom_m: lane.depth_m[1],
    source: `profile:${profile.id}`,
    profile_lane: lane.id,
    side,
    segment_id: segment,
    basis: `${lane.source} (${lane.status})`,
  };
}

/** The segment's id as the planner knows it: `segment_id`, else the feature id. */
export function segmentIdOf(street: StreetAsset): string {
  const id = street.properties.segment_id;
  return typeof id === 'string' && id !== '' ? id : street.id;
}

const round3 = (v: number) => Math.round(v * 1_000) / 1_000;
