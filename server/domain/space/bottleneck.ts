import type { Position } from 'geojson';
import { xyShapeDistance } from '../../geo/point-shape-distance.ts';
import type { LayerName } from '../assets/layers.ts';
import { type Message, msg } from '../message.ts';
import { CELL, type CostRaster, cellAt } from './cost-raster.ts';
import type { Obstacle, ObstacleReason } from './obstacles.ts';
import { inStreetSpace, type StreetSpace } from './street-space.ts';

/** What takes a street's space at a bottleneck. */
export interface TakenBy {
  assetId: string;
  layer: LayerName;
  owner: string;
  reason: ObstacleReason;
}

/** Where no clean route gets through: the street segment, the free width across it there, and what takes the rest. */
export interface Bottleneck {
  segment: string;
  street: string;
  /** Where the least-bad route passes through taken space (RD New). */
  at: Position;
  /** The widest free stretch across the street there, edge to edge (m): the trench needs `width_m`. */
  free_m: number;
  width_m: number;
  /**
   * `width`: the street is too full for the trench there; `crossing`: the route must cross a line it may not cross
   * at this depth (too little vertical clearance), however wide the street is.
   */
  cause: 'width' | 'crossing';
  takenBy: TakenBy[];
  /** For a `crossing` bottleneck: the depth at which the route would pass under every line it must cross, when known. */
  suggested_depth_m?: number;
  message: Message;
}

const STEP_M = 0.05;
/** How far across a street drawn as a polygon the cross-section looks (it has no width of its own). */
const POLYGON_REACH_M = 30;
const MAX_TAKERS = 6;

/**
 * The bottleneck of a least-bad route: the middle of its longest stretch through taken cells, the street segment
 * there, the free width across that street (street edge and every obstacle's clearance, edge to edge, as the check
 * measures) and the obstacles that take the space, those the route had to pass through first. Where the street is
 * wide enough and what the route passes is only lines it may not cross at this depth, those lines are the
 * bottleneck. Undefined when the route passes no taken cell.
 *
 * @example bottleneckOf(leastBad, raster, obstacles, spaces, { width_m: 0.9, depth_m: 1 })
 *   // { segment: 'hudsonstraat-2', street: 'Hudsonstraat', free_m: 0.62, width_m: 0.9, cause: 'width', takenBy: [{ assetId: 'station-1', reason: 'station', … }], … }
 */
export function bottleneckOf(line: readonly Position[], raster: CostRaster, obstacles: readonly Obstacle[], spaces: readonly StreetSpace[], { width_m, depth_m }: { width_m: number; depth_m: number }): Bottleneck | undefined {
  const stretch = longestTakenStretch(line, raster);
  if (!stretch) return undefined;
  const { at, direction, through } = stretch;
  const space = spaces
    .filter((s) => inStreetSpace(at[0]!, at[1]!, s, 0))
    .sort((a, b) => xyShapeDistance(at[0]!, at[1]!, a.shape) - xyShapeDistance(at[0]!, at[1]!, b.shape))[0];
  if (!space) return undefined;
  const along = space.halfWidth > 0 ? streetDirection(space, at) : direction;
  const nx = -along[1], ny = along[0];
  const reach = space.halfWidth > 0 ? space.halfWidth : POLYGON_REACH_M;
  const half = width_m / 2;
  const near = obstacles.filter((o) => {
    const b = o.shape.bbox, r = reach + o.keep_m;
    return b[0] - r <= at[0]! && at[0]! <= b[2] + r && b[1] - r <= at[1]! && at[1]! <= b[3] + r;
  });
  const takers = new Set<number>();
  let run = 0, best = 0;
  for (let t = -reach; t <= reach + 1e-9; t += STEP_M) {
    const x = at[0]! + nx * t, y = at[1]! + ny * t;
    let free = inStreetSpace(x, y, space, 0);
    if (free) {
      near.forEach((o, i) => {
        // Free space is what lies beyond the clearance from the asset's edge: keep_m less the trench's half width.
        if (xyShapeDistance(x, y, o.shape) <= o.keep_m - half) {
          free = false;
          takers.add(i);
        }
      });
    }
    run = free ? run + 1 : 0;
    best = Math.max(best, run);
  }
  const ranked = [...takers].map((i) => near[i]!).sort((a, b) => Number(!through.has(obstacles.indexOf(a))) - Number(!through.has(obstacles.indexOf(b))));
  const takenBy = ranked.slice(0, MAX_TAKERS).map((o) => ({ assetId: String(o.asset.id), layer: o.asset.layer, owner: String(o.asset.properties.owner ?? ''), reason: o.reason }));
  // Each free sample stands for the step around it.
  const free_m = Math.round(best * STEP_M * 100) / 100;
  const { id: segment, street } = space.segment;
  const lines = [...through].map((i) => obstacles[i]!).filter((o) => o.reason === 'clearance');
  if (lines.length === through.size && free_m >= width_m) {
    const crossed = lines.map((o) => ({ assetId: String(o.asset.id), layer: o.asset.layer, owner: String(o.asset.properties.owner ?? ''), reason: o.reason }));
    return {
      segment, street, at: [round(at[0]!), round(at[1]!)], free_m, width_m, cause: 'crossing', takenBy: crossed,
      message: msg('proposal.bottleneck-crossing', { street, segment, depth_m, assets: crossed.map((t) => msg('proposal.taken-by', { asset: t.assetId, owner: t.owner, reason: msg('proposal.reason.vertical') })) }),
    };
  }
  return {
    segment, street, at: [round(at[0]!), round(at[1]!)], free_m, width_m, cause: 'width', takenBy,
    message: msg('proposal.bottleneck', {
      street, segment, free_m, width_m,
      assets: takenBy.map((t) => msg('proposal.taken-by', { asset: t.assetId, owner: t.owner, reason: msg(`proposal.reason.${t.reason}`) })),
    }),
  };
}

/** The middle of the longest run of the line's samples in taken cells, the line's direction there and what took them. */
function longestTakenStretch(line: readonly Position[], raster: CostRaster) {
  const step = raster.cell_m / 2;
  let best: { length: number; at: Position; direction: [number, number]; through: Set<number> } | undefined;
  let start: Position | undefined, length = 0, through = new Set<number>();
  const close = (end: Position, direction: [number, number]) => {
    if (start && length > (best?.length ?? 0)) best = { length, at: [(start[0]! + end[0]!) / 2, (start[1]! + end[1]!) / 2], direction, through };
    start = undefined;
    length = 0;
    through = new Set();
  };
  let direction: [number, number] = [1, 0];
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i]!, b = line[i + 1]!;
    const d = Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!);
    if (d === 0) continue;
    direction = [(b[0]! - a[0]!) / d, (b[1]! - a[1]!) / d];
    const n = Math.ceil(d / step);
    for (let k = 0; k <= n; k++) {
      const p: Position = [a[0]! + direction[0] * d * (k / n), a[1]! + direction[1] * d * (k / n)];
      const c = cellAt(raster, p[0]!, p[1]!);
      if (c >= 0 && raster.kind[c] === CELL.blocked) {
        start ??= p;
        length += d / n;
        through.add(raster.by[c]! - 1);
      } else close(p, direction);
    }
  }
  close(line.at(-1)!, direction);
  if (!best) return undefined;
  return best;
}

/** The unit direction of the street centreline piece nearest `p`. */
function streetDirection(space: StreetSpace, p: Position): [number, number] {
  let bestD = Infinity, dir: [number, number] = [1, 0];
  for (const [a, b] of space.shape.segments) {
    const d = xyShapeDistance(p[0]!, p[1]!, { segments: [[a, b]], points: [], polygons: [], bbox: space.shape.bbox });
    const len = Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!);
    if (d < bestD && len > 0) { bestD = d; dir = [(b[0]! - a[0]!) / len, (b[1]! - a[1]!) / len]; }
  }
  return dir;
}

const round = (v: number) => Math.round(v * 1_000) / 1_000;
