import type { Geometry } from 'geojson';
import type { LayeredAsset } from '../assets/layers.ts';
import type { RuleSet } from '../rules/rule-set.ts';
import type { Conflict, Trench, TrenchKind } from './check.types.ts';
import { type Centreline, type Crossing, centreline, crossings, pointAt, stretchesWithin, subLine } from './centreline.ts';
import { type Shape, shapeDistance, shapeOf } from '../../geo/planar.ts';

/** What every rule gets: the trench prepared once, and the rule set. */
export interface RuleContext {
  trench: Trench;
  rules: RuleSet;
  kind: TrenchKind;
  /** Half the trench width for a centreline; 0 for a footprint, whose polygon is the trench. */
  halfWidth: number;
  /** The centreline with chainage; undefined for a Polygon footprint. */
  line: Centreline | undefined;
  /** The trench as a shape (centreline or footprint). */
  shape: Shape;
  /** What has been measured per asset shape, so rules that ask the same question of one asset share the answer. */
  measured: WeakMap<Shape, Measured>;
}

interface Measured {
  near: Map<number, Near[]>;
  crossings?: Crossing[];
}

/** A rule: the conflicts one asset gives with the trench. A value, never an exception. */
export type Rule = (ctx: RuleContext, asset: LayeredAsset, shape: Shape) => Conflict[];

/** Where along the trench something lies within a distance: chainage (null for a footprint) and the centre distance. */
export interface Near {
  from: number | null;
  to: number | null;
  /** Smallest centreline (or footprint) distance to the asset shape along the stretch. */
  min: number;
  location: Geometry;
}

/**
 * Prepares a trench for the rules.
 *
 * @example ruleContext(trench, rules).line?.length // 120
 */
export function ruleContext(trench: Trench, rules: RuleSet): RuleContext {
  const isLine = trench.geometry.type === 'LineString';
  return {
    trench,
    rules,
    kind: trench.properties.kind,
    halfWidth: isLine ? trench.properties.width_m / 2 : 0,
    line: trench.geometry.type === 'LineString' ? centreline(trench.geometry.coordinates) : undefined,
    shape: shapeOf(trench.geometry),
    measured: new WeakMap(),
  };
}

function measured(ctx: RuleContext, shape: Shape): Measured {
  let m = ctx.measured.get(shape);
  if (!m) ctx.measured.set(shape, (m = { near: new Map() }));
  return m;
}

/**
 * Where the centreline crosses a line shape (none for a footprint), measured once per shape and shared by the rules.
 *
 * @example crossingsOf(ctx, shapeOf(sewer.geometry))[0].chainage // 42.5
 */
export function crossingsOf(ctx: RuleContext, shape: Shape): Crossing[] {
  const m = measured(ctx, shape);
  return (m.crossings ??= ctx.line ? crossings(ctx.line, shape) : []);
}

/**
 * The stretches of the trench within `threshold` (centre distance) of a shape: one per stretch along a centreline,
 * at most one for a footprint.
 *
 * @example near(ctx, shapeOf(tree), 3.2) // [{ from: 41.2, to: 47.5, min: 1.1, location: LineString }]
 */
export function near(ctx: RuleContext, shape: Shape, threshold: number): Near[] {
  const cache = measured(ctx, shape).near;
  let found = cache.get(threshold);
  if (!found) cache.set(threshold, (found = measureNear(ctx, shape, threshold)));
  return found;
}

function measureNear(ctx: RuleContext, shape: Shape, threshold: number): Near[] {
  if (ctx.line) {
    const line = ctx.line;
    return stretchesWithin(line, shape, threshold).map((s) => ({ ...s, location: stretchGeometry(line, s.from, s.to) }));
  }
  const closest = shapeDistance(ctx.shape, shape);
  if (closest.distance > threshold) return [];
  const location: Geometry = closest.distance === 0 ? { type: 'Point', coordinates: closest.a } : { type: 'LineString', coordinates: [closest.a, closest.b] };
  return [{ from: null, to: null, min: closest.distance, location }];
}

/** The centreline between two chainages, or the point when they coincide. */
export function stretchGeometry(line: Centreline, from: number, to: number): Geometry {
  return to - from < 1e-6 ? { type: 'Point', coordinates: pointAt(line, from) } : { type: 'LineString', coordinates: subLine(line, from, to) };
}

/** A conflict for an asset, with the asset's id, layer and owner filled in. */
export function conflictFor(asset: LayeredAsset, fields: Omit<Conflict, 'assetId' | 'layer' | 'owner'>): Conflict {
  return { ...fields, assetId: asset.id, layer: asset.layer, owner: asset.properties.owner || 'unknown owner' };
}

/**
 * A short name a person recognises: kind of asset, id and owner.
 *
 * @example describeAsset(waterMain) // 'drinking-water pipe water-hudsonstraat (Evides)'
 */
export function describeAsset(asset: LayeredAsset): string {
  const p = asset.properties;
  const what = ({
    cables: `${p.network === 'telecom' || p.network === 'lighting' ? p.network : `${String(p.network ?? '').toUpperCase()} power`.trim()} cable`,
    pipes: ({ water: 'drinking-water pipe', 'gas-lp': 'low-pressure gas pipe', 'gas-hp': 'high-pressure gas pipe' } as Record<string, string>)[String(p.medium)] ?? 'pipe',
    sewers: `${p.system ?? ''} sewer`.trim(),
    heat: 'heat pipe',
    trees: p.protected ? 'protected tree' : 'tree',
    stations: p.type === 'heat-distribution' ? 'heat distribution station' : 'electricity substation',
    streets: 'street',
  } as const)[asset.layer];
  return `${what} ${asset.id} (${p.owner || 'unknown owner'})`;
}

/** A chainage range as people write it: "at chainage 12.3 m" or "between chainage 12.3 and 40.0 m". */
export function whereText(n: Pick<Near, 'from' | 'to'>): string {
  if (n.from === null || n.to === null) return 'at the footprint';
  return n.to - n.from < 0.05 ? `at chainage ${n.from.toFixed(1)} m` : `between chainage ${n.from.toFixed(1)} and ${n.to.toFixed(1)} m`;
}

/** Metres with centimetres, e.g. "0.60 m"; half a centimetre rounds up (toFixed alone turns 0.595 into 0.59). */
export const m = (v: number) => `${cm(v)} m`;

/** A number of metres to two decimals, half up. */
export const cm = (v: number) => (Math.round((v + Math.sign(v) * 1e-9) * 100) / 100).toFixed(2);

