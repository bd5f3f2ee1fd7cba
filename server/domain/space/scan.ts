import Flatbush from 'flatbush';
import type { MultiPolygon, Position } from 'geojson';
import type { Interval } from '../../geo/intervals.ts';
import { chainageOfPoint } from '../../geo/chainage-of-point.ts';
import { segmentIntersection } from '../../geo/segment-intersection.ts';
import type { LayeredAsset } from '../assets/layers.ts';
import { type Message, msg } from '../message.ts';
import type { RuleSet } from '../rules/rule-set.ts';
import type { StreetSegment } from '../streets/street-segments.ts';
import { corridorPolygons, corridorRuns } from './corridor.ts';
import { type CrossSection, crossSection } from './cross-section.ts';
import { type Fitting, type Obstacle, type ObstacleReason, obstaclesFor } from './obstacles.ts';
import { stationsAlong, streetAxis } from './space-axis.ts';
import { streetSpace } from './street-space.ts';

/**
 * The space scan: per street segment, whether a trench of a kind and width fits along its whole length, how wide
 * the free space is where it is narrowest and what takes the space there. "Fits" means the check would find no
 * blocking conflict with any asset for a centreline inside the corridor (obstacles.ts holds that agreement).
 */

export const SPACE_VERDICTS = ['fits', 'tight', 'does-not-fit', 'unknown'] as const;
export type SpaceVerdict = (typeof SPACE_VERDICTS)[number];

export interface ScanOptions {
  /** Distance between cross-sections (m); default the rule set's space.stationStep_m. */
  step_m?: number;
  /** A corridor narrower than the trench plus this (m) is tight; default the rule set's space.tightMargin_m. */
  tightMargin_m?: number;
  /** The layers the store knows nothing about along a segment: such a segment is never said to fit. */
  unknownLayers?: (segment: StreetSegment) => string[];
}

/** Defaults when a rule file has no `space` section (the values of data/rules/nl-default.json). */
export const SPACE_DEFAULTS = { step_m: 0.5, tightMargin_m: 0.5 } as const;

/** An asset that takes the space where a segment is narrowest. */
export interface TakenBy {
  asset_id: string;
  layer: string;
  owner: string;
  reason: ObstacleReason;
  /** The distance the check requires from it, edge to edge (m). */
  required_m: number;
}

export interface SegmentScan {
  segment_id: string;
  street: string;
  verdict: SpaceVerdict;
  /** Free width edge to edge where the segment is narrowest (free centreline interval + trench width; 0 where nothing is free). */
  narrowest_m: number;
  at_chainage_m: number;
  /** The narrowest point, RD New: the middle of the widest free interval there, else the axis. */
  at: Position;
  taken_by: TakenBy[];
  /** Lines the trench would cross rather than run along (asset ids). */
  crossed: string[];
  crossings: number;
  /** The free space for the trench centreline, RD New. */
  corridor: MultiPolygon;
  /** Layers with no data along the segment (verdict unknown). */
  unknown_layers: string[];
  /** The street's width is the default, not the register's. */
  width_assumed: boolean;
  explanation: Message;
}

/**
 * Scans street segments for a trench of `fitting` among `assets` (RD New).
 *
 * @example scanSegments(segmentsFromStreets(streets), assets, { kind: 'heat', width_m: 0.9, on: '2027-01-01' }, rules)
 *   // [{ segment_id: 'hudsonstraat-1', verdict: 'does-not-fit', narrowest_m: 0, taken_by: [{ asset_id: 'tree-hudsonstraat-3', reason: 'tree-zone', … }], … }, …]
 */
export function scanSegments(segments: readonly StreetSegment[], assets: readonly LayeredAsset[], fitting: Fitting, rules: RuleSet, options: ScanOptions = {}): SegmentScan[] {
  const obstacles = obstaclesFor(assets, fitting, rules);
  const step = options.step_m ?? rules.space?.stationStep_m.value ?? SPACE_DEFAULTS.step_m;
  const margin = options.tightMargin_m ?? rules.space?.tightMargin_m.value ?? SPACE_DEFAULTS.tightMargin_m;
  const angle = rules.crossingAngle.warnBelow_deg;
  // Each obstacle's box grown by its keep distance, indexed once: a city holds tens of thousands, a segment meets dozens.
  const index = new Flatbush(Math.max(1, obstacles.length));
  for (const ob of obstacles) index.add(ob.shape.bbox[0] - ob.keep_m, ob.shape.bbox[1] - ob.keep_m, ob.shape.bbox[2] + ob.keep_m, ob.shape.bbox[3] + ob.keep_m);
  if (obstacles.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  const near = (box: readonly number[], reach: number) =>
    obstacles.length === 0 ? [] : index.search(box[0]! - reach, box[1]! - reach, box[2]! + reach, box[3]! + reach).sort((a, b) => a - b).map((i) => obstacles[i]!);
  return segments.map((segment) => scanSegment(segment, near, fitting, { step, margin, angle, unknown: options.unknownLayers?.(segment) ?? [] }));
}

function scanSegment(segment: StreetSegment, near: (box: readonly number[], reach: number) => Obstacle[], fitting: Fitting, o: { step: number; margin: number; angle: number; unknown: string[] }): SegmentScan {
  const space = streetSpace(segment);
  const axis = streetAxis(segment);
  const obstacles = near(space.shape.bbox, space.halfWidth);
  const half = fitting.width_m / 2;
  let stations = stationsAlong(axis, o.step, obstacleChainages(axis, obstacles, space.halfWidth || Infinity));
  let sections = stations.map((s) => crossSection(s, space, obstacles, { halfWidth: half, crossingAngle_deg: o.angle }));
  if (space.halfWidth === 0) {
    // A polygon street is scanned where its axis runs inside it: the rectangle's ends may only touch it.
    const first = sections.findIndex((c) => c.space.length > 0);
    const last = sections.findLastIndex((c) => c.space.length > 0);
    stations = first < 0 ? [] : stations.slice(first, last + 1);
    sections = first < 0 ? [] : sections.slice(first, last + 1);
  }
  const free = sections.map((c) => c.free);
  const { runs } = corridorRuns(free);
  const widest = free.map((intervals) => intervals.reduce<Interval | undefined>((w, i) => (!w || i[1] - i[0] > w[1] - w[0] ? i : w), undefined));
  const widths = widest.map((w) => (w ? w[1] - w[0] + fitting.width_m : 0));
  // Where the narrowest width holds over a stretch (a tree's zone), its middle is where it is.
  const least = Math.min(...widths);
  const first = widths.findIndex((w) => w - least < 1e-6);
  let end = first;
  while (end + 1 < widths.length && widths[end + 1]! - least < 1e-6) end++;
  const k = Math.floor((first + end) / 2);
  const narrow = { k, width: widths[k] ?? 0, interval: widest[k] };
  const station = stations[narrow.k];
  const t = narrow.interval ? (narrow.interval[0] + narrow.interval[1]) / 2 : 0;
  const at: Position = station ? [station.point[0]! - station.direction[1] * t, station.point[1]! + station.direction[0] * t] : axis[0] ?? [0, 0];
  const taken = station ? takenBy(sections[narrow.k]!, narrow.interval, obstacles) : [];
  const crossed = crossedAssets(axis, obstacles, o.angle);
  const narrowest = station ? round(narrow.width) : 0;
  const at_chainage_m = station ? round(station.chainage) : 0;
  const verdict: SpaceVerdict = o.unknown.length ? 'unknown' : !runs ? 'does-not-fit' : narrowest < fitting.width_m + o.margin ? 'tight' : 'fits';
  const result = {
    segment_id: segment.id,
    street: segment.street,
    verdict,
    narrowest_m: narrowest,
    at_chainage_m,
    at: [round(at[0]!, 3), round(at[1]!, 3)],
    taken_by: taken,
    crossed,
    crossings: crossed.length,
    corridor: corridorPolygons(stations, free),
    unknown_layers: o.unknown,
    width_assumed: space.widthAssumed,
  };
  return { ...result, explanation: explain(result, fitting, o.margin) };
}

/**
 * What takes the space at the narrowest station: the obstacles on either side of the widest free interval (the
 * street's edge takes none), or every obstacle in the street's space where nothing is free.
 */
function takenBy(section: CrossSection, widest: Interval | undefined, obstacles: readonly Obstacle[]): TakenBy[] {
  const eps = 1e-9;
  const bordering = widest
    ? section.blocked.filter((b) => Math.abs(b.interval[1] - widest[0]) < eps || Math.abs(b.interval[0] - widest[1]) < eps)
    : section.blocked;
  const seen = new Set<string>();
  const out: TakenBy[] = [];
  for (const index of bordering.flatMap((b) => b.by)) {
    const ob = obstacles[index]!;
    const id = String(ob.asset.id);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ asset_id: id, layer: ob.asset.layer, owner: String(ob.asset.properties.owner ?? ''), reason: ob.reason, required_m: ob.required_m });
  }
  return out;
}

/** Where along the axis each obstacle's stems, corners and bends are nearest: the cross-sections worth adding. */
function obstacleChainages(axis: readonly Position[], obstacles: readonly Obstacle[], reach: number): number[] {
  const out: number[] = [];
  for (const ob of obstacles) {
    const add = (p: Position) => {
      const at = chainageOfPoint(axis, p);
      if (at.distance <= reach + ob.keep_m) out.push(at.chainage);
    };
    for (const p of ob.shape.points) add(p);
    for (const [a, b] of ob.shape.segments) (add(a), add(b));
  }
  return out;
}

/** Crossable lines whose pieces cross the axis at the crossing angle or more: the trench crosses these. */
function crossedAssets(axis: readonly Position[], obstacles: readonly Obstacle[], angle: number): string[] {
  const out: string[] = [];
  for (const ob of obstacles) {
    if (!ob.crossable) continue;
    const crosses = ob.shape.segments.some((piece) => axis.some((p, i) => {
      if (i === 0) return false;
      const hit = segmentIntersection([axis[i - 1]!, p], piece);
      return hit !== undefined && hit.angle_deg >= angle;
    }));
    if (crosses) out.push(String(ob.asset.id));
  }
  return out;
}

function explain(scan: Omit<SegmentScan, 'explanation'>, fitting: Fitting, margin: number): Message {
  const where = { narrowest_m: scan.narrowest_m, at_chainage_m: scan.at_chainage_m, width_m: fitting.width_m, kind: msg(`kind.${fitting.kind}`) };
  const taken = scan.taken_by.map((t) => msg('space.taken-by', { asset_id: t.asset_id, layer: msg(`layer.${t.layer}`), owner: t.owner, reason: msg(`space.reason.${t.reason}`), required_m: t.required_m }));
  switch (scan.verdict) {
    case 'unknown': return msg('space.explain.unknown', { layers: scan.unknown_layers.map((l) => msg(`layer.${l}`)) });
    case 'fits': return msg('space.explain.fits', where);
    case 'tight': return msg('space.explain.tight', { ...where, margin_m: margin, taken: taken.length ? taken : [msg('space.taken-by.street-edge')] });
    case 'does-not-fit': return msg('space.explain.does-not-fit', { ...where, taken: taken.length ? taken : [msg('space.taken-by.street-edge')] });
  }
}

const round = (v: number, digits = 3) => Math.round(v * 10 ** digits) / 10 ** digits;
