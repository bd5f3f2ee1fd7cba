import type { Position } from 'geojson';
import { RD_BOUNDS, RD_NEW, transformPosition, WGS84, WGS84_NL_BOUNDS } from '../../server/geo/crs.ts';

/** How a person types a vertex: RD New metres, or longitude and latitude in degrees (as a phone's map app gives them). */
export type CoordinateSystem = 'rd' | 'lonlat';

/** Why a typed vertex is refused, as a catalogue key with its values. */
export type VertexRefusal =
  | { key: 'coords.bad'; params: { field: 'x' | 'y' | 'lon' | 'lat'; min: number; max: number } }
  | { key: 'coords.same' };

export type VertexEntry = { ok: true; position: Position } | { ok: false; reason: VertexRefusal };

/**
 * A vertex from two typed numbers, in RD New metres (rounded to the millimetre, as a drawn vertex is). A decimal
 * comma is read as a point ("89446,95"), since a Dutch keyboard types one; a number outside the Netherlands is
 * refused with the range it must lie in, so swapped or mistyped axes are caught before the map jumps to the sea.
 *
 * @example vertexFromInput('rd', '89446,95', '435790', []) // { ok: true, position: [89446.95, 435790] }
 * @example vertexFromInput('lonlat', '4.45', '51.91', []).ok // true
 */
export function vertexFromInput(system: CoordinateSystem, first: string, second: string, previous: readonly Position[]): VertexEntry {
  const a = readNumber(first);
  const b = readNumber(second);
  const bounds = system === 'rd' ? RD_BOUNDS : WGS84_NL_BOUNDS;
  const [fa, fb] = system === 'rd' ? (['x', 'y'] as const) : (['lon', 'lat'] as const);
  if (a === undefined || a < bounds.minX || a > bounds.maxX) return { ok: false, reason: { key: 'coords.bad', params: { field: fa, min: bounds.minX, max: bounds.maxX } } };
  if (b === undefined || b < bounds.minY || b > bounds.maxY) return { ok: false, reason: { key: 'coords.bad', params: { field: fb, min: bounds.minY, max: bounds.maxY } } };
  const rd = system === 'rd' ? [a, b] : transformPosition([a, b], WGS84, RD_NEW);
  const position = [round(rd[0]!), round(rd[1]!)];
  const last = previous.at(-1);
  if (last && Math.hypot(last[0]! - position[0]!, last[1]! - position[1]!) < 0.01) return { ok: false, reason: { key: 'coords.same' } };
  return { ok: true, position };
}

function readNumber(text: string): number | undefined {
  const cleaned = text.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return undefined;
  return Number(cleaned);
}

const round = (n: number) => Math.round(n * 1000) / 1000;
