import type { Geometry, Position } from 'geojson';
import type { TrenchKind } from '../check/check.types.ts';
import type { LayeredAsset, LayerName } from './layers.ts';
import type { AssetClassRule, RuleSet } from '../rules/rule-set.ts';
import { matches } from './asset-match.ts';
import { assumedCoverFor } from './assumed-cover.ts';
import { type Message, msg } from '../message.ts';

/**
 * What the rules need to know about an asset, read from its properties with the rule set's defaults. Units are
 * metres throughout.
 */

/**
 * Half the asset's plan-view width: the larger of half its diameter, half its bed width and half a heat pair width.
 *
 * @example assetRadius({ properties: { diameter_mm: 110 } }) // 0.055
 */
export function assetRadius(asset: Pick<LayeredAsset, 'properties'>): number {
  const p = asset.properties;
  return Math.max((p.diameter_mm ?? 0) / 2_000, (p.width_m ?? 0) / 2, (p.pair_width_m ?? 0) / 2);
}

/**
 * The asset class of the clearance matrix (first `assetClasses` entry whose layer and match fit).
 *
 * @example assetClass({ layer: 'pipes', properties: { medium: 'water', ... }, ... }, rules)?.class // 'water'
 */
export function assetClass(asset: LayeredAsset, rules: RuleSet): AssetClassRule | undefined {
  return rules.assetClasses.find((c) => c.layer === asset.layer && matches(asset.properties, c.match));
}

/**
 * The horizontal clearances (m, edge to edge) a new line of `kind` must keep from the classes of one layer: one per
 * class of the layer that has a matrix entry for the kind.
 *
 * @example layerClearances('heat', 'pipes', rules) // [1, 0.5, 0.5, 0.5] (water, gas-lp, gas-hp, other in nl-default)
 */
export function layerClearances(kind: TrenchKind, layer: LayerName, rules: RuleSet): number[] {
  const row = rules.horizontalClearance.matrix[kind] ?? {};
  const classes = new Set(rules.assetClasses.filter((c) => c.layer === layer).map((c) => c.class));
  return Object.entries(row).filter(([c]) => classes.has(c)).map(([, e]) => e.min_m);
}

export interface AssetDepth {
  /** Top of the asset below the surface, m. */
  top_m: number;
  /** Vertical extent (outer diameter), m. */
  height_m: number;
  source: 'measured' | 'assumed';
  /** The rule-set basis of an assumed depth. */
  basis?: Message;
}

/**
 * Depth of an asset at a point along it: `depth_m` when recorded; for a sewer, the invert interpolated along the
 * pipe minus its diameter; otherwise the assumed cover of the rule set, flagged as assumed. A `depth_m` that its
 * record calls a standard or assumed depth (KLIC's `standaardDieptelegging`: how deep the operator usually lays
 * this network, not where this cable is) is used, but flagged as assumed, so its crossings are never called safe.
 *
 * @example assetDepth(sewer, 0.5, rules) // { top_m: 2.6, height_m: 0.4, source: 'measured' }
 * @example assetDepth(klicCable, 0.5, rules) // { top_m: 0.6, height_m: 0, source: 'assumed', basis: { code: 'check.basis.recorded-laying-depth', ... } }
 */
export function assetDepth(asset: LayeredAsset, fraction: number, rules: RuleSet): AssetDepth {
  const p = asset.properties;
  const height_m = (p.diameter_mm ?? 0) / 1_000;
  if (typeof p.depth_m === 'number') {
    if (p.depth_source === undefined || p.depth_source === 'measured') return { top_m: p.depth_m, height_m, source: 'measured' };
    return { top_m: p.depth_m, height_m, source: 'assumed', basis: msg('check.basis.recorded-laying-depth', { depth_source: String(p.depth_source), owner: String(p.owner ?? '') }) };
  }
  if (typeof p.invert_start_m === 'number' && typeof p.invert_end_m === 'number') {
    const invert = p.invert_start_m + (p.invert_end_m - p.invert_start_m) * fraction;
    return { top_m: Math.max(0, invert - height_m), height_m, source: 'measured' };
  }
  const cover = assumedCoverFor(asset.layer, p, rules.assumedCover);
  return { top_m: cover?.depth_m ?? 0, height_m, source: 'assumed', ...(cover ? { basis: cited(cover) } : {}) };
}

export interface TreeZone {
  /** The zone: a circle around the stem (radius_m) or the recorded polygon (radius_m 0). */
  geometry: Geometry;
  radius_m: number;
  basis: Message;
}

/**
 * The root-protection zone of a tree: crown projection + margin or the stem-diameter table, whichever is larger;
 * a Polygon tree is its own zone.
 *
 * @example treeZone(treeWithStem60, rules) // { radius_m: 1.75, basis: { code: 'check.basis.stem', params: { stem_cm: 60, radius_m: 1.75, ... } } }
 */
export function treeZone(asset: LayeredAsset, rules: RuleSet): TreeZone {
  const p = asset.properties;
  const t = rules.trees;
  if (asset.geometry.type !== 'Point') return { geometry: asset.geometry, radius_m: 0, basis: msg('check.basis.recorded-zone') };
  const options: { radius: number; basis: Message }[] = [];
  if (typeof p.crown_diameter_m === 'number') {
    options.push({ radius: p.crown_diameter_m / 2 + t.crownMargin_m.value, basis: msg('check.basis.crown', { crown_m: p.crown_diameter_m, margin_m: t.crownMargin_m.value, source: t.crownMargin_m.source, status: t.crownMargin_m.status }) });
  }
  if (typeof p.stem_diameter_cm === 'number') {
    const rows = p.one_sided === true && t.stemTable.oneSidedRows ? t.stemTable.oneSidedRows : t.stemTable.rows;
    const radius = interpolate(rows, p.stem_diameter_cm);
    options.push({ radius, basis: msg('check.basis.stem', { stem_cm: p.stem_diameter_cm, radius_m: radius, source: t.stemTable.source, status: t.stemTable.status }) });
  }
  if (options.length === 0) options.push({ radius: t.unknownZoneRadius_m.value, basis: msg('check.basis.unknown-tree', { radius_m: t.unknownZoneRadius_m.value, source: t.unknownZoneRadius_m.source }) });
  const best = options.reduce((a, b) => (b.radius > a.radius ? b : a));
  return { geometry: asset.geometry, radius_m: best.radius, basis: best.basis };
}

/**
 * Linear interpolation in a sorted [x, y] table; below the first row the first value, above the last row the last
 * slope continued (a bigger tree never gets a smaller zone).
 *
 * @example interpolate([[20, 1.15], [40, 1.5]], 30) // 1.325
 */
export function interpolate(rows: readonly (readonly [number, number])[], x: number): number {
  const first = rows[0]!;
  if (x <= first[0]) return first[1];
  for (let i = 1; i < rows.length; i++) {
    const [x0, y0] = rows[i - 1]!;
    const [x1, y1] = rows[i]!;
    if (x <= x1 || i === rows.length - 1) return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return first[1];
}

export interface StationArea {
  footprint: Geometry;
  clearance_m: number;
  basis: Message;
}

/**
 * A station's footprint (its polygon, or a square of its recorded or default size around a point) and working
 * clearance.
 *
 * @example stationArea(compactStationPoint, rules).footprint // a 2.83 m square polygon
 */
export function stationArea(asset: LayeredAsset, rules: RuleSet): StationArea {
  const p = asset.properties;
  const s = rules.stations;
  const clearance_m = typeof p.clearance_m === 'number' ? p.clearance_m : s.workingClearance_m.value;
  const basis = typeof p.clearance_m === 'number' ? msg('check.basis.recorded-clearance') : cited(s.workingClearance_m);
  if (asset.geometry.type !== 'Point') return { footprint: asset.geometry, clearance_m, basis };
  const size = typeof p.size_m2 === 'number' ? p.size_m2 : (s.defaultFootprint_m2[String(p.type)]?.value ?? Math.max(...Object.values(s.defaultFootprint_m2).map((v) => v.value)));
  const h = Math.sqrt(size) / 2;
  const [x, y] = asset.geometry.coordinates as [number, number];
  const ring: Position[] = [[x - h, y - h], [x + h, y - h], [x + h, y + h], [x - h, y + h], [x - h, y - h]];
  return { footprint: { type: 'Polygon', coordinates: [ring] }, clearance_m, basis };
}

/**
 * Where a number of the rule set comes from: its source and its status (C/S/E), as a citation beside a finding.
 *
 * @example cited({ source: 'CROW 500', status: 'C' }) // { code: 'check.basis.rule', params: { source: 'CROW 500', status: 'C' } }
 */
export function cited(entry: { source: string; status: string }): Message {
  return msg('check.basis.rule', { source: entry.source, status: entry.status });
}
