import type { Geometry } from 'geojson';
import { type Message, type MessageParam, msg } from '../message.ts';
import type { LayeredAsset } from '../assets/layers.ts';
import type { RuleSet } from '../rules/rule-set.ts';
import type { CheckAsk, Conflict, Trench, TrenchKind } from './check.types.ts';
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
  /** The organisation laying the trench, when known: a lane may be meant for it. */
  organisation: string | undefined;
  /** The day reservations are read on (YYYY-MM-DD); undefined reads every reservation as in force. */
  on: string | undefined;
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
export function ruleContext(trench: Trench, rules: RuleSet, asked: CheckAsk = {}): RuleContext {
  const isLine = trench.geometry.type === 'LineString';
  return {
    trench,
    rules,
    kind: trench.properties.kind,
    halfWidth: isLine ? trench.properties.width_m / 2 : 0,
    line: trench.geometry.type === 'LineString' ? centreline(trench.geometry.coordinates) : undefined,
    shape: shapeOf(trench.geometry),
    organisation: asked.organisation,
    on: asked.on,
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
    // Named fields rather than a spread: a check builds hundreds of these.
    return stretchesWithin(line, shape, threshold).map((s) => ({ from: s.from, to: s.to, min: s.min, location: stretchGeometry(line, s.from, s.to) }));
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

/**
 * A conflict for an asset, with the asset's id, layer and owner filled in. Field by field rather than a spread of
 * `fields` (a check builds hundreds, and the spread was a measurable part of it); an optional field left undefined
 * is left out.
 *
 * @example conflictFor(waterMain, { rule: 'crossing', severity: 'info', … }).assetId // 'water-hudsonstraat'
 */
export function conflictFor(asset: LayeredAsset, fields: Omit<Conflict, 'assetId' | 'layer' | 'owner'>): Conflict {
  const c: Conflict = {
    rule: fields.rule,
    severity: fields.severity,
    assetId: asset.id,
    layer: asset.layer,
    owner: asset.properties.owner || 'unknown owner',
    measured_m: fields.measured_m,
    required_m: fields.required_m,
    chainage_from_m: fields.chainage_from_m,
    chainage_to_m: fields.chainage_to_m,
    location: fields.location,
    message: fields.message,
  };
  if (fields.depth_source !== undefined) c.depth_source = fields.depth_source;
  if (fields.angle_deg !== undefined) c.angle_deg = fields.angle_deg;
  if (fields.basis !== undefined) c.basis = fields.basis;
  if (fields.layers !== undefined) c.layers = fields.layers;
  return c;
}

/**
 * The asset as a person recognises it: kind of asset, id and owner, as a message the edge renders.
 *
 * @example assetMessage(waterMain) // { code: 'check.asset.water-pipe', params: { id: 'water-hudsonstraat', owner: 'Evides' } }
 */
export function assetMessage(asset: LayeredAsset): Message {
  return msg(assetCode(asset), { id: asset.id, owner: ownerOf(asset) });
}

function assetCode(asset: LayeredAsset): string {
  const p = asset.properties;
  switch (asset.layer) {
    case 'cables': return CABLES.has(String(p.network)) ? `check.asset.cable-${String(p.network)}` : 'check.asset.cable';
    case 'pipes': return PIPES[String(p.medium)] ?? 'check.asset.pipe';
    case 'sewers': return p.system === 'gravity' || p.system === 'pressure' ? `check.asset.sewer-${p.system}` : 'check.asset.sewer';
    case 'heat': return 'check.asset.heat-pipe';
    case 'trees': return p.protected ? 'check.asset.tree-protected' : 'check.asset.tree';
    case 'stations': return p.type === 'heat-distribution' ? 'check.asset.heat-station' : 'check.asset.substation';
    case 'reservations': return 'check.asset.reservation';
    default: return 'check.asset.street';
  }
}

const CABLES = new Set(['lv', 'mv', 'hv', 'telecom', 'lighting']);
const PIPES: Record<string, string> = { water: 'check.asset.water-pipe', 'gas-lp': 'check.asset.gas-lp-pipe', 'gas-hp': 'check.asset.gas-hp-pipe' };

/**
 * Who to agree with: the recorded owner, or a message saying it is unknown (never an empty name in a sentence).
 *
 * @example ownerOf(assetWithoutOwner) // { code: 'check.owner.unknown' }
 */
export function ownerOf(asset: LayeredAsset): MessageParam {
  return asset.properties.owner || msg('check.owner.unknown');
}

/**
 * What the trench is for, as a word inside a finding.
 *
 * @example newKind('heat') // { code: 'check.new.heat' }
 */
export const newKind = (kind: TrenchKind): Message => msg(`check.new.${kind}`);

/**
 * A chainage range as people write it: at one chainage, between two, or at the footprint of a Polygon trench.
 *
 * @example whereMessage({ from: 12.3, to: 40 }) // { code: 'check.where.between', params: { from_m: 12.3, to_m: 40 } }
 */
export function whereMessage(n: Pick<Near, 'from' | 'to'>): Message {
  if (n.from === null || n.to === null) return msg('check.where.footprint');
  return n.to - n.from < 0.05 ? msg('check.where.at', { at_m: n.from }) : msg('check.where.between', { from_m: n.from, to_m: n.to });
}
