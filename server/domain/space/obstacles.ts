import type { LayeredAsset } from '../assets/layers.ts';
import { assetClass, assetRadius, stationArea, treeZone } from '../assets/asset-measures.ts';
import { reservationHalfWidth, reservationInForce, reservationMeantFor } from '../assets/reservation.ts';
import type { TrenchKind } from '../check/check.types.ts';
import type { RuleSet } from '../rules/rule-set.ts';
import { shapeOf } from '../../geo/shape.ts';
import type { Shape } from '../../geo/types.ts';

/**
 * What takes space from a new trench, in the terms of the check: the distance the trench's CENTRELINE must keep
 * from an asset's shape so that the check finds no blocking conflict with it. The space scan and the route
 * proposal both work on these, so "fits" there means "passes the check" here.
 */

/** The trench being fitted: what it carries, how wide it is, who lays it and on which day reservations are read. */
export interface Fitting {
  kind: TrenchKind;
  width_m: number;
  organisation?: string;
  /** YYYY-MM-DD; reservations not in force on this day take no space. */
  on: string;
}

export type ObstacleReason = 'clearance' | 'tree-zone' | 'station' | 'reservation';

export interface Obstacle {
  asset: LayeredAsset;
  /** The asset as the rule measures it: line centreline, tree stem or zone, station footprint, reservation area. */
  shape: Shape;
  /** The trench centreline must stay farther than this from `shape` (m): the requirement plus half the trench and the asset. */
  keep_m: number;
  /** The requirement edge to edge (m), as the check reports it. */
  required_m: number;
  /**
   * A line the trench may cross (at an angle, with vertical clearance) rather than a space it must stay out of:
   * the check measures no horizontal clearance at a crossing.
   */
  crossable: boolean;
  reason: ObstacleReason;
}

/**
 * The obstacles among `assets` for a trench of `fitting`: every line asset with a clearance-matrix entry for the
 * kind, tree root-protection zones, station footprints with their working clearance and reservations in force
 * that are not meant for this kind or organisation. Abandoned assets take no space (the check only notes them);
 * streets and reservations meant for the trench are where it may go.
 *
 * @example obstaclesFor(demoAssets, { kind: 'heat', width_m: 0.9, on: '2027-01-01' }, rules)
 *   // [{ reason: 'clearance', keep_m: 1.555, required_m: 1, crossable: true, … }, { reason: 'tree-zone', keep_m: 4.3, … }, …]
 */
export function obstaclesFor(assets: readonly LayeredAsset[], fitting: Fitting, rules: RuleSet): Obstacle[] {
  const half = fitting.width_m / 2;
  const out: Obstacle[] = [];
  for (const asset of assets) {
    if (asset.properties.status === 'abandoned') continue;
    switch (asset.layer) {
      case 'cables':
      case 'pipes':
      case 'sewers':
      case 'heat': {
        const cls = assetClass(asset, rules);
        const entry = cls && rules.horizontalClearance.matrix[fitting.kind]?.[cls.class];
        if (!entry) continue;
        out.push({ asset, shape: shapeOf(asset.geometry), keep_m: entry.min_m + half + assetRadius(asset), required_m: entry.min_m, crossable: true, reason: 'clearance' });
        continue;
      }
      case 'trees': {
        const zone = treeZone(asset, rules);
        out.push({ asset, shape: shapeOf(zone.geometry), keep_m: zone.radius_m + half, required_m: zone.radius_m, crossable: false, reason: 'tree-zone' });
        continue;
      }
      case 'stations': {
        const area = stationArea(asset, rules);
        out.push({ asset, shape: shapeOf(area.footprint), keep_m: area.clearance_m + half, required_m: area.clearance_m, crossable: false, reason: 'station' });
        continue;
      }
      case 'reservations': {
        if (!reservationInForce(asset, fitting.on) || reservationMeantFor(asset, { kind: fitting.kind, organisation: fitting.organisation })) continue;
        const margin = rules.reservations.margin_m.value;
        // Another party's lane drawn as a line may be crossed, as a cable is: every house connection crosses the
        // lanes of its street. Space kept for trees, climate or free of everything is never crossed.
        const lane = asset.properties.purpose === 'lane' && asset.geometry.type === 'LineString';
        out.push({ asset, shape: shapeOf(asset.geometry), keep_m: reservationHalfWidth(asset) + margin + half, required_m: margin, crossable: lane, reason: 'reservation' });
        continue;
      }
      default:
        continue;
    }
  }
  return out;
}
