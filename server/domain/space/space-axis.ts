import type { Position } from 'geojson';
import { lineLength } from '../../geo/length.ts';
import { longAxis } from '../../geo/long-axis.ts';
import { pointAtChainage } from '../../geo/point-at-chainage.ts';
import type { StreetSegment } from '../streets/street-segments.ts';
import type { Station } from './cross-section.ts';

/**
 * The line a street segment is scanned along: a centreline street's own line; a polygon street's (a BGT road part)
 * long axis, the middle of the smallest rectangle around it.
 *
 * @example streetAxis({ id: 'p', street: 'Kade', geometry: { type: 'Polygon', coordinates: [[[0, 0], [50, 0], [50, 10], [0, 10], [0, 0]]] }, length_m: 50 })
 *   // [[0, 5], [50, 5]]
 */
export function streetAxis(segment: StreetSegment): Position[] {
  const g = segment.geometry;
  if (g.type === 'LineString') return g.coordinates;
  const outer = g.type === 'Polygon' ? g.coordinates[0] ?? [] : g.coordinates.flatMap((p) => p[0] ?? []);
  const found = longAxis(outer);
  return found ? [...found.axis] : [];
}

/**
 * Stations every `step` metres along an axis, the last at its end, each with its chainage; plus one at each of
 * `extra` chainages inside the axis (where an obstacle is nearest: a tree's stem, a pipe's bend), so the scan
 * measures there rather than up to half a step beside it.
 *
 * @example stationsAlong([[0, 0], [1, 0]], 0.5).map((s) => s.chainage) // [0, 0.5, 1]
 * @example stationsAlong([[0, 0], [1, 0]], 0.5, [0.8]).map((s) => s.chainage) // [0, 0.5, 0.8, 1]
 */
export function stationsAlong(axis: readonly Position[], step: number, extra: readonly number[] = []): (Station & { chainage: number })[] {
  const length = axis.length > 1 ? lineLength(axis) : 0;
  if (length === 0) return [];
  const n = Math.max(1, Math.ceil(length / step - 1e-9));
  const chainages: number[] = [];
  for (let k = 0; k <= n; k++) chainages.push((length * k) / n);
  for (const c of extra) if (c > 0 && c < length) chainages.push(c);
  chainages.sort((a, b) => a - b);
  const out: (Station & { chainage: number })[] = [];
  for (const chainage of chainages) {
    if (out.length && chainage - out.at(-1)!.chainage < 0.001) continue;
    const { point, direction } = pointAtChainage(axis, chainage);
    out.push({ point, direction, chainage });
  }
  return out;
}
