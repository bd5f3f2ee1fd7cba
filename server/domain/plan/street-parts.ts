import type { LineString, Position } from 'geojson';
import { pointSegmentDistance } from '../../geo/point-segment-distance.ts';
import type { Segment, StreetPart } from './plan.types.ts';

/** How close a crossing street's centreline must come to a segment's end to be the street it meets there. */
const MEET_M = 1;

/**
 * Ids of one street usually count along it (hudsonstraat-1, -2, -3): digit runs padded so -10 sorts after -9. A
 * numeric Intl.Collator does the same ten times slower, which a plan over a city's segments would feel.
 */
const numberKey = (id: string) => id.replace(/\d+/g, (digits) => digits.padStart(12, '0'));

/**
 * Every segment as a resident would place it in its street: its number among the street's segments (in id order,
 * "deel 2 van 3"), its length, and the streets it meets at its ends and crosses between them, found among its
 * touching neighbours (`Segment.neighbours`) of another street. A letter names the part by these ("het deel tussen
 * de Taandwarsstraat en de Schippersstraat") instead of by a segment id nobody on the street knows.
 *
 * @example streetParts(segmentsFromStreets(layers.streets)).get('grote-visserijstraat-2')
 * // { number: 2, of: 3, length_m: 120, from: 'Taandwarsstraat', to: 'Schippersstraat' }
 */
export function streetParts(segments: readonly Segment[]): Map<string, StreetPart> {
  const byId = new Map(segments.map((s) => [s.id, s]));
  const byStreet = new Map<string, Segment[]>();
  for (const s of segments) (byStreet.get(s.street) ?? byStreet.set(s.street, []).get(s.street)!).push(s);
  const parts = new Map<string, StreetPart>();
  for (const list of byStreet.values()) {
    const keys = new Map(list.map((s) => [s, numberKey(s.id)]));
    list.sort((a, b) => (keys.get(a)! < keys.get(b)! ? -1 : keys.get(a)! > keys.get(b)! ? 1 : 0));
    list.forEach((s, i) => {
      const crossing = (s.neighbours ?? []).map((id) => byId.get(id)).filter((n): n is Segment => n !== undefined && n.street !== s.street);
      parts.set(s.id, { number: i + 1, of: list.length, length_m: Math.round(s.length_m), ...meetings(s, crossing) });
    });
  }
  return parts;
}

/** The streets met at the first and last point of a centreline, and one crossed in between; none for an area. */
function meetings(segment: Segment, crossing: readonly Segment[]): Pick<StreetPart, 'from' | 'to' | 'crosses'> {
  if (segment.geometry.type !== 'LineString' || crossing.length === 0) return {};
  const line = segment.geometry.coordinates;
  const at = (p: Position) => crossing.find((c) => near(p, c))?.street;
  const from = at(line[0]!);
  const to = at(line.at(-1)!);
  const crosses = crossing.find((c) => c.street !== from && c.street !== to)?.street;
  return { ...(from ? { from } : {}), ...(to && to !== from ? { to } : {}), ...(crosses ? { crosses } : {}) };
}

function near(p: Position, other: Segment): boolean {
  if (other.geometry.type !== 'LineString') return false;
  const line = (other.geometry as LineString).coordinates;
  for (let i = 0; i + 1 < line.length; i++) if (pointSegmentDistance(p, line[i]!, line[i + 1]!) <= MEET_M) return true;
  return false;
}
