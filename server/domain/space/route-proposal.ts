import type { LineString, Position } from 'geojson';
import { bboxOf } from '../../geo/bbox.ts';
import { lineLength } from '../../geo/length.ts';
import { xySegmentDistanceSquared } from '../../geo/point-segment-distance.ts';
import type { BBox } from '../../geo/types.ts';
import type { LayeredAsset } from '../assets/layers.ts';
import type { TrenchKind } from '../check/check.types.ts';
import type { RuleSet } from '../rules/rule-set.ts';
import { msg } from '../message.ts';
import type { StreetSegment } from '../streets/street-segments.ts';
import { type Bottleneck, bottleneckOf } from './bottleneck.ts';
import { CELL, type CostRaster, cellAt, costRaster } from './cost-raster.ts';
import { type Obstacle, obstaclesFor } from './obstacles.ts';
import { smoothPath } from './path-smoothing.ts';
import { rasterSearch } from './raster-search.ts';
import { crossableAtDepth, depthPassingUnder, type RouteCrossing, routeCrossings } from './route-crossings.ts';
import { inStreetSpace, type StreetSpace, streetSpace } from './street-space.ts';

/**
 * Route proposals: from a start to an end (through via points) along the street space of the area, keeping every
 * clearance, out of tree zones, station areas and foreign reservations, crossing lines square. A cost raster over
 * the street space and A* with cost-aware line-of-sight smoothing, as least-cost-path studies do; alternatives by
 * making the streets of earlier proposals dearer and searching again.
 */

export interface ProposalRequest {
  /** RD New. */
  from: Position;
  to: Position;
  via: Position[];
  kind: TrenchKind;
  width_m: number;
  depth_m: number;
  organisation?: string;
  /** YYYY-MM-DD: reservations in force on this day take space. */
  on: string;
}

export interface ProposalOptions {
  /** Cell size (m); default 0.5. */
  cell_m?: number;
  /** Area around the points searched first (m); default 40. */
  margin_m?: number;
  /** Area searched once more when the first has no route (m); default 150. */
  widenedMargin_m?: number;
  /** Extra cost per metre inside the clearance zone of a line that is crossed: what makes crossings short and square. */
  zoneCost?: number;
  /** Cost of each crossing (entering a line's zone), in metres of free street: fewer crossings win a tie. */
  crossingCost?: number;
  /** Extra cost per metre in space the check only warns about (an unprotected tree's zone). */
  softCost?: number;
  /** Cost per metre through taken space, for the least-bad route when no clean one exists. */
  takenCost?: number;
  alternatives?: number;
  /** Most raster cells one search may use. */
  maxCells?: number;
  /** How far from a street's space a clicked point may lie and still be moved into it (m); default 25. */
  snap_m?: number;
  /** What an earlier round of checks taught: lines not to cross after all, and assets to keep farther from (m). */
  avoid?: { uncrossable?: readonly string[]; extraKeep_m?: Readonly<Record<string, number>> };
}

export const PROPOSAL_DEFAULTS = {
  cell_m: 0.5, margin_m: 40, widenedMargin_m: 150, zoneCost: 1, crossingCost: 2, softCost: 4, takenCost: 500, alternatives: 3, maxCells: 3_000_000, snap_m: 25,
} as const;

/** Street-segment penalty for alternatives: a street an earlier proposal runs along costs this much more per metre. */
const USED_STREET_FACTOR = 1.6;
/** A candidate sharing more than this share of its length with an earlier proposal is the same proposal. */
const DUPLICATE_SHARE = 0.7;

export interface RouteCandidate {
  /** RD New centreline; vertices only where it turns. */
  geometry: LineString;
  length_m: number;
  crossings: RouteCrossing[];
}

export type ProposalOutcome =
  | {
    ok: true;
    proposals: RouteCandidate[];
    /** No route keeps clear of all taken space: the one proposal is the least bad, with its bottleneck. */
    leastBad: boolean;
    bottleneck?: Bottleneck;
    area: { bbox: BBox; cells: number; cell_m: number; widened: boolean };
  }
  | { ok: false; reason: 'no-street-space'; point: string }
  | { ok: false; reason: 'too-many-cells'; cells: number; max: number }
  | { ok: false; reason: 'no-path' };

/**
 * Up to `alternatives` routes for a trench from `request.from` to `request.to` (in order through `request.via`) in
 * the street space of `streets`, clear of what `assets` take. `assets` should cover the widened area.
 *
 * @example const out = proposeRoutes({ from, to, via: [], kind: 'heat', width_m: 0.9, depth_m: 1, on: '2027-01-01' }, assets, segments, rules);
 *   out.ok && out.proposals.map((p) => p.length_m) // [1012.4, 1031.9, 1040.2]
 */
export function proposeRoutes(request: ProposalRequest, assets: readonly LayeredAsset[], streets: readonly StreetSegment[], rules: RuleSet, options: ProposalOptions = {}): ProposalOutcome {
  const o = { ...PROPOSAL_DEFAULTS, ...options };
  const obstacles = obstaclesFor(assets, { kind: request.kind, width_m: request.width_m, on: request.on, ...(request.organisation ? { organisation: request.organisation } : {}) }, rules);
  const uncrossable = new Set<number>();
  const extraKeep = new Map<number, number>();
  const soft = new Set<number>();
  const avoidUncrossable = new Set(o.avoid?.uncrossable ?? []);
  obstacles.forEach((ob, i) => {
    const id = String(ob.asset.id);
    if (ob.crossable && (avoidUncrossable.has(id) || !crossableAtDepth(ob, request.kind, request.depth_m, rules))) uncrossable.add(i);
    if (ob.reason === 'tree-zone' && treeSeverity(ob, rules) !== 'blocking') soft.add(i);
    const extra = o.avoid?.extraKeep_m?.[id];
    if (extra) extraKeep.set(i, extra);
  });
  const spaces = streets.map(streetSpace);
  // A degree to spare: the check warns below its angle, and a path at exactly that angle is one rounding from it.
  const minSin = Math.sin(((rules.crossingAngle.warnBelow_deg + 1) * Math.PI) / 180);
  const points = [request.from, ...request.via, request.to];
  let last: ProposalOutcome | undefined;
  for (const [margin, widened] of [[o.margin_m, false], [o.widenedMargin_m, true]] as const) {
    const bbox = around(points, margin);
    const cells = Math.ceil((bbox[2] - bbox[0]) / o.cell_m) * Math.ceil((bbox[3] - bbox[1]) / o.cell_m);
    // Too large to widen: a least-bad answer (or an unreachable point) from the first area says more than the limit.
    if (cells > o.maxCells) return last && (last.ok || last.reason === 'no-street-space') ? last : { ok: false, reason: 'too-many-cells', cells, max: o.maxCells };
    const nearSpaces = spaces.filter((s) => overlaps(s, bbox));
    const raster = costRaster(bbox, nearSpaces, obstacles, request.width_m / 2, { cell_m: o.cell_m, safety_m: o.cell_m / 2, extraKeep, uncrossable, soft });
    const area = { bbox, cells, cell_m: o.cell_m, widened };
    const ends: number[] = [];
    for (const [i, p] of points.entries()) {
      const cell = snap(raster, p, o.snap_m);
      if (cell < 0) {
        last = { ok: false, reason: 'no-street-space', point: i === 0 ? 'from' : i === points.length - 1 ? 'to' : `via[${i - 1}]` };
        break;
      }
      ends.push(cell);
    }
    if (ends.length < points.length) continue;
    const proposals: RouteCandidate[] = [];
    const penalty = new Float32Array(raster.kind.length).fill(1);
    for (let attempt = 0; attempt < o.alternatives + 2 && proposals.length < o.alternatives; attempt++) {
      const line = route(raster, costsOf(raster, o, Infinity, penalty), ends, minSin, o.crossingCost);
      if (!line) break;
      if (proposals.some((p) => sharedShare(line, p.geometry.coordinates) > DUPLICATE_SHARE)) {
        penaliseStreets(raster, nearSpaces, line, penalty);
        continue;
      }
      proposals.push(candidate(line, obstacles));
      penaliseStreets(raster, nearSpaces, line, penalty);
    }
    if (proposals.length) return { ok: true, proposals, leastBad: false, area };
    const worst = route(raster, costsOf(raster, o, o.takenCost, penalty.fill(1)), ends, minSin, o.crossingCost);
    if (worst) {
      const bottleneck = withDepthToTry(bottleneckOf(worst, raster, obstacles, nearSpaces, request), obstacles, request.depth_m, rules);
      last = { ok: true, proposals: [candidate(worst, obstacles)], leastBad: true, ...(bottleneck ? { bottleneck } : {}), area };
      if (widened) return last;
      continue;
    }
    last ??= { ok: false, reason: 'no-path' };
  }
  return last ?? { ok: false, reason: 'no-path' };
}

/** Whether the check blocks a trench in this tree's zone (protected trees) or warns (the rest). */
function treeSeverity(ob: Obstacle, rules: RuleSet): string {
  return ob.asset.properties.protected === true ? rules.trees.protectedSeverity : rules.trees.unprotectedSeverity;
}

/** Cost per metre of each cell: 1 in free space, more in a crossable line's zone or soft space, `taken` in taken space. */
function costsOf(r: CostRaster, { zoneCost, softCost }: { zoneCost: number; softCost: number }, taken: number, penalty: Float32Array): Float32Array {
  const cost = new Float32Array(r.kind.length);
  for (let i = 0; i < cost.length; i++) {
    const k = r.kind[i]!;
    cost[i] = k === CELL.outside ? Infinity : k === CELL.free ? penalty[i]! + softCost * r.soft[i]! : k === CELL.zone ? penalty[i]! + zoneCost * r.zones[i]! + softCost * r.soft[i]! : taken;
  }
  return cost;
}

/** The smoothed centreline through the cells `ends`, leg by leg (a via point stays a vertex), or undefined. */
function route(r: CostRaster, cost: Float32Array, ends: readonly number[], minSin: number, enter: number): Position[] | undefined {
  const grid = { cols: r.cols, rows: r.rows, cell_m: r.cell_m, cost, across: { dir1: r.dir1, dir2: r.dir2, minSin, enter } };
  const line: Position[] = [];
  for (let i = 0; i + 1 < ends.length; i++) {
    const path = rasterSearch(grid, ends[i]!, ends[i + 1]!);
    if (!path) return undefined;
    const leg = smoothPath(grid, r, path.cells, path.g);
    line.push(...(line.length ? leg.slice(1) : leg));
  }
  return line.length >= 2 ? line : undefined;
}

function candidate(line: Position[], obstacles: readonly Obstacle[]): RouteCandidate {
  const coordinates = line.map((p) => [round(p[0]!), round(p[1]!)]);
  return { geometry: { type: 'LineString', coordinates }, length_m: round(lineLength(coordinates)), crossings: routeCrossings(coordinates, obstacles) };
}

/** The passable cell nearest `p` within `reach` metres, by rings of cells around it; -1 when none. */
function snap(r: CostRaster, p: Position, reach: number): number {
  const centre = cellAt(r, p[0]!, p[1]!);
  if (centre < 0) return -1;
  const c0 = centre % r.cols, r0 = Math.floor(centre / r.cols);
  const rings = Math.ceil(reach / r.cell_m);
  let best = -1, bestD = Infinity;
  for (let ring = 0; ring <= rings && best < 0; ring++) {
    for (let dr = -ring; dr <= ring; dr++) {
      for (let dc = -ring; dc <= ring; dc++) {
        if (Math.max(Math.abs(dc), Math.abs(dr)) !== ring) continue;
        const c = c0 + dc, w = r0 + dr;
        if (c < 0 || w < 0 || c >= r.cols || w >= r.rows) continue;
        const i = w * r.cols + c, k = r.kind[i];
        if (k === CELL.free && Math.hypot(dc, dr) < bestD) { best = i; bestD = Math.hypot(dc, dr); }
      }
    }
  }
  return best;
}

/** Makes the streets `line` runs along (20 m or more) dearer for the next search, again each time one is found again. */
function penaliseStreets(r: CostRaster, spaces: readonly StreetSpace[], line: readonly Position[], penalty: Float32Array): void {
  for (const space of spaces) {
    if (lengthIn(line, (x, y) => inStreetSpace(x, y, space, 0)) < 20) continue;
    const b = space.shape.bbox, h = space.halfWidth;
    for (let w = Math.max(0, Math.floor((b[1] - h - r.y0) / r.cell_m)); w <= Math.min(r.rows - 1, Math.ceil((b[3] + h - r.y0) / r.cell_m)); w++) {
      for (let c = Math.max(0, Math.floor((b[0] - h - r.x0) / r.cell_m)); c <= Math.min(r.cols - 1, Math.ceil((b[2] + h - r.x0) / r.cell_m)); c++) {
        const i = w * r.cols + c;
        if (inStreetSpace(r.x0 + c * r.cell_m, r.y0 + w * r.cell_m, space, 0)) penalty[i] = penalty[i]! * USED_STREET_FACTOR;
      }
    }
  }
}

/** The share of `line`'s length that lies within 3 m of `other`. */
function sharedShare(line: readonly Position[], other: readonly Position[]): number {
  const total = lineLength(line);
  if (total === 0) return 1;
  const pieces = other.slice(1).map((p, i) => [other[i]!, p] as const);
  return lengthIn(line, (x, y) => pieces.some(([a, b]) => xySegmentDistanceSquared(x, y, a[0]!, a[1]!, b[0]!, b[1]!) <= 9)) / total;
}

/** Metres of `line` (sampled every metre) where `inside` holds. */
function lengthIn(line: readonly Position[], inside: (x: number, y: number) => boolean): number {
  let sum = 0;
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i]!, b = line[i + 1]!;
    const d = Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!);
    const n = Math.max(1, Math.ceil(d));
    for (let k = 0; k < n; k++) {
      const f = (k + 0.5) / n;
      if (inside(a[0]! + (b[0]! - a[0]!) * f, a[1]! + (b[1]! - a[1]!) * f)) sum += d / n;
    }
  }
  return sum;
}

function around(points: readonly Position[], margin: number): BBox {
  const [minX, minY, maxX, maxY] = bboxOf([points]);
  return [minX - margin, minY - margin, maxX + margin, maxY + margin];
}

function overlaps(s: StreetSpace, b: BBox): boolean {
  const sb = s.shape.bbox, h = s.halfWidth;
  return sb[0] - h <= b[2] && b[0] <= sb[2] + h && sb[1] - h <= b[3] && b[1] <= sb[3] + h;
}

const round = (v: number) => Math.round(v * 1_000) / 1_000;

/**
 * A crossing bottleneck with the depth that would pass under the lines it names, so the answer says what to try
 * rather than only what failed.
 */
function withDepthToTry(bottleneck: Bottleneck | undefined, obstacles: readonly Obstacle[], depth_m: number, rules: RuleSet): Bottleneck | undefined {
  if (bottleneck?.cause !== 'crossing') return bottleneck;
  const names = new Set(bottleneck.takenBy.map((t) => t.assetId));
  const deeper = depthPassingUnder(obstacles.filter((o) => names.has(String(o.asset.id))), depth_m, rules);
  if (deeper === undefined || deeper <= depth_m) return bottleneck;
  const params = bottleneck.message.params ?? {};
  return { ...bottleneck, suggested_depth_m: deeper, message: msg('proposal.bottleneck-crossing-deeper', { ...params, suggest_m: deeper }) };
}
