/**
 * A seeded city for the store-level check benchmark: a street grid in RD New around Rotterdam with the networks a
 * Dutch street holds (sewer on the axis, water and gas either side, LV/MV/telecom cables under the footpaths, heat
 * in some streets), house connections, street trees and stations. Generated street by street in batches so a
 * million assets never sit in memory at once.
 */
import type { Position } from 'geojson';
import type { LayerName } from '../../server/domain/assets/layers.ts';
import { seeded } from '../../server/demo/seeded.ts';

/** One row as the bulk load writes it. */
export interface CityRow {
  layer: LayerName;
  id: string;
  owner: string;
  status: 'existing' | 'abandoned';
  properties: string;
  wkt: string;
}

/** South-west corner of the city (Rotterdam-West) and the street spacing, m. */
export const ORIGIN = { x: 87_000, y: 432_000 } as const;
export const BLOCK_M = 90;
/** Assets per metre of street, roughly; the extent grows with the count so the density stays a dense district's. */
const PER_M = 0.6;

/** Side of the square city that holds `n` assets at street density (10 km at 1 000 000). */
export function citySide(n: number): number {
  const streetLength = n / PER_M;
  // Two families of parallel streets, side/BLOCK_M each, side long: 2·side²/BLOCK_M metres of street.
  return Math.ceil(Math.sqrt((streetLength * BLOCK_M) / 2) / BLOCK_M) * BLOCK_M;
}

interface Lane {
  layer: LayerName;
  offset: number;
  owner: string;
  props: (r: () => number) => Record<string, unknown>;
  /** Share of streets that have it. */
  share: number;
  /** Connections per metre of street towards the facade on this lane's side. */
  connections: number;
}

const depth = (r: () => number, lo: number, hi: number) => (r() < 0.8 ? { depth_m: +(lo + r() * (hi - lo)).toFixed(2) } : {});

const LANES: Lane[] = [
  { layer: 'sewers', offset: 0, owner: 'Gemeente Rotterdam', share: 1, connections: 1 / 12, props: (r) => ({ system: 'gravity', diameter_mm: [300, 400, 500, 600][Math.floor(r() * 4)], invert_start_m: 2.6, invert_end_m: 2.8 }) },
  { layer: 'pipes', offset: -2.6, owner: 'Evides', share: 1, connections: 1 / 12, props: (r) => ({ medium: 'water', diameter_mm: [110, 160, 200][Math.floor(r() * 3)], ...depth(r, 0.9, 1.2) }) },
  { layer: 'pipes', offset: 2.6, owner: 'Stedin', share: 0.9, connections: 1 / 12, props: (r) => ({ medium: r() < 0.05 ? 'gas-hp' : 'gas-lp', diameter_mm: [63, 110, 125][Math.floor(r() * 3)], ...depth(r, 0.6, 1.0) }) },
  { layer: 'cables', offset: -5.2, owner: 'Stedin', share: 1, connections: 1 / 12, props: (r) => ({ network: 'lv', diameter_mm: 50, ...depth(r, 0.6, 0.8) }) },
  { layer: 'cables', offset: 5.4, owner: 'Stedin', share: 0.5, connections: 0, props: (r) => ({ network: 'mv', diameter_mm: 70, ...depth(r, 0.8, 1.0) }) },
  { layer: 'cables', offset: -5.8, owner: 'KPN', share: 0.8, connections: 1 / 24, props: (r) => ({ network: 'telecom', diameter_mm: 40, ...depth(r, 0.5, 0.7) }) },
  { layer: 'heat', offset: 1.2, owner: 'Eneco', share: 0.2, connections: 0, props: (r) => ({ pair_width_m: 0.6, diameter_mm: 200, ...depth(r, 0.9, 1.1) }) },
];
const FACADE_M = 9;

/**
 * Every asset of the city, in batches of about `batch` rows. Seeded: the same `n` gives the same city.
 *
 * @example for (const rows of cityBatches(100_000)) await load(rows)
 */
export function* cityBatches(n: number, batch = 50_000, seed = 3): Generator<CityRow[]> {
  const r = seeded(seed);
  const side = citySide(n);
  const streets = Math.floor(side / BLOCK_M) + 1;
  let rows: CityRow[] = [];
  let count = 0;
  const push = (layer: LayerName, owner: string, props: Record<string, unknown>, wkt: string) => {
    if (count >= n) return;
    const status = r() < 0.03 ? 'abandoned' : 'existing';
    rows.push({ layer, id: `${layer[0]}${count}`, owner, status, properties: JSON.stringify(props), wkt });
    count++;
  };
  const line = (coords: Position[]) => `LINESTRING(${coords.map(([x, y]) => `${x!.toFixed(3)} ${y!.toFixed(3)}`).join(',')})`;
  // Streets alternate between the two directions so a shortened run still covers the whole extent evenly.
  for (let k = 0; k < 2 * streets && count < n; k++) {
    const horizontal = k % 2 === 0;
    const at = Math.floor(k / 2) * BLOCK_M;
    // (along, across) in street coordinates → RD.
    const rd = (along: number, across: number): Position =>
      horizontal ? [ORIGIN.x + along, ORIGIN.y + at + across] : [ORIGIN.x + at + across, ORIGIN.y + along];
    for (const lane of LANES) {
      if (r() > lane.share) continue;
      const jitter = (r() - 0.5) * 0.4;
      for (let s = 0; s < side; ) {
        const len = Math.min(side - s, 30 + r() * 50);
        push(lane.layer, lane.owner, lane.props(r), line([rd(s, lane.offset + jitter), rd(s + len / 2, lane.offset + jitter + (r() - 0.5) * 0.2), rd(s + len, lane.offset + jitter)]));
        s += len;
      }
      if (lane.connections > 0) {
        const sideSign = lane.offset === 0 ? 1 : Math.sign(lane.offset);
        for (let s = 5 + r() * 10; s < side; s += (1 / lane.connections) * (0.6 + r() * 0.8)) {
          const props = { ...lane.props(r), diameter_mm: lane.layer === 'sewers' ? 125 : 32, connection: true };
          for (const sign of lane.offset === 0 ? [1, -1] : [sideSign]) {
            push(lane.layer, lane.owner, props, line([rd(s, lane.offset + jitter), rd(s + (r() - 0.5) * 2, sign * FACADE_M)]));
          }
        }
      }
    }
    for (let s = 4 + r() * 8; s < side; s += 10 + r() * 6) {
      for (const sign of [1, -1]) {
        if (r() < 0.3) continue;
        const [x, y] = rd(s, sign * (7 + r()));
        push('trees', 'Gemeente Rotterdam', { stem_diameter_cm: Math.round(15 + r() * 70), crown_diameter_m: +(3 + r() * 9).toFixed(1), protected: r() < 0.1 }, `POINT(${x!.toFixed(3)} ${y!.toFixed(3)})`);
      }
    }
    for (let s = r() * 400; s < side; s += 300 + r() * 400) {
      const [x, y] = rd(s, (r() < 0.5 ? 1 : -1) * 8.5);
      const heat = r() < 0.2;
      push('stations', heat ? 'Eneco' : 'Stedin', { type: heat ? 'heat-distribution' : 'electric-substation' }, `POINT(${x!.toFixed(3)} ${y!.toFixed(3)})`);
    }
    if (rows.length >= batch) {
      yield rows;
      rows = [];
    }
  }
  if (rows.length > 0) yield rows;
}

/**
 * Seeded 1 km heat routes in the city: along a street in the lane between the sewer and the gas main, turning at a
 * junction into the cross street — so they run along networks and cross the cross street's networks.
 *
 * @example cityRoutes(100_000, 8)[0].coordinates.length // 3
 */
export function cityRoutes(n: number, count: number, seed = 17): { type: 'LineString'; coordinates: Position[] }[] {
  const r = seeded(seed);
  const side = citySide(n);
  const streets = Math.floor(side / BLOCK_M);
  return Array.from({ length: count }, () => {
    const lane = 1.7;
    const row = 1 + Math.floor(r() * (streets * 0.85));
    const firstLeg = 300 + Math.round(r() * 400);
    const startCol = Math.floor(r() * Math.max(1, streets - 12));
    const x0 = ORIGIN.x + startCol * BLOCK_M + 20 + r() * 40;
    const y = ORIGIN.y + row * BLOCK_M + lane;
    // Turn at the nearest junction after the first leg, into the cross street, northwards or southwards.
    const junction = ORIGIN.x + Math.round((x0 + firstLeg - ORIGIN.x) / BLOCK_M) * BLOCK_M + lane;
    const rest = 1_000 - (junction - x0);
    const north = y + rest < ORIGIN.y + side;
    return { type: 'LineString' as const, coordinates: [[x0, y], [junction, y], [junction, north ? y + rest : y - rest]] };
  });
}
