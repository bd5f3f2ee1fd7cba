import type { Position } from 'geojson';
import type { LayeredAsset } from '../../assets/layers.ts';
import { assetDepth, assetRadius } from '../../assets/asset-measures.ts';
import { type Centreline, centreline, stretchAt } from '../centreline.ts';
import type { Conflict } from '../check.types.ts';
import { inPolygon } from '../../../geo/point-in-polygon.ts';
import { segmentIntersection } from '../../../geo/segment-intersection.ts';
import type { Shape } from '../../../geo/types.ts';
import { msg } from '../../message.ts';
import { type Rule, type RuleContext, assetMessage, conflictFor, crossingsOf, near, newKind } from '../rule-context.ts';
import type { SearchReach } from '../search-distances.ts';
import { cited } from '../../assets/asset-measures.ts';

interface Meeting {
  point: Position;
  /** 0–1 along the asset, to read a sewer's invert at the crossing. */
  fraction: number;
  chainage: number | null;
  from: number | null;
  to: number | null;
  angle_deg?: number;
}

/**
 * Where the trench crosses an existing line: the vertical gap between what is laid (its top `depth_m` and height,
 * the trench's `diameter_mm` or the rule set's laid height) and the asset (its depth, a sewer's invert, or an
 * assumed cover) against the vertical clearance. A gap that is too small is the rule set's crossing severity; a
 * sufficient gap is still `info` (dig by hand there); an assumed depth is `unknown-depth`, never safe. A shallow
 * crossing angle is a warning of its own.
 *
 * @example crossing(ctx, sewer, shapeOf(sewer.geometry))
 *   // [{ rule: 'crossing', severity: 'blocking', measured_m: 0.1, required_m: 0.25, depth_source: 'measured', ... }]
 */
export const crossing: Rule = (ctx, asset, shape) => {
  const out: Conflict[] = [];
  const v = ctx.rules.verticalClearance;
  const laidHeight = typeof ctx.trench.properties.diameter_mm === 'number'
    ? ctx.trench.properties.diameter_mm / 1_000
    : (ctx.rules.trenchKinds[ctx.kind]?.laidHeight_m ?? 0);
  const top = ctx.trench.properties.depth_m;
  for (const meet of meetings(ctx, asset, shape)) {
    const depth = assetDepth(asset, meet.fraction, ctx.rules);
    // Positive: that much soil between them; negative: they would occupy the same depth.
    const gap = Math.max(depth.top_m - (top + laidHeight), top - (depth.top_m + depth.height_m));
    const assumed = depth.source === 'assumed';
    const below = depth.top_m >= top + laidHeight;
    const where = meet.chainage === null ? msg('check.where.in-footprint') : msg('check.where.at', { at_m: meet.chainage });
    const named = assetMessage(asset);
    const kind = newKind(ctx.kind);
    const location = { type: 'Point' as const, coordinates: meet.point };
    const levels = msg(below ? 'check.crossing.levels-below' : 'check.crossing.levels-above', {
      kind,
      top_m: top,
      bottom_m: top + laidHeight,
      asset_top_m: depth.top_m,
      asset_bottom_m: depth.top_m + depth.height_m,
    });
    if (assumed) {
      // Every field named (no shared object spread in): a city route crosses hundreds of house connections.
      out.push(conflictFor(asset, {
        measured_m: gap, required_m: v.min_m, chainage_from_m: meet.from, chainage_to_m: meet.to, location, depth_source: depth.source,
        rule: 'unknown-depth',
        severity: ctx.rules.unknownDepth.severity,
        message: msg('check.crossing.unknown-depth', { asset: named, where, cover_m: depth.top_m, gap_m: gap, levels }),
        basis: depth.basis ?? cited(ctx.rules.unknownDepth),
      }));
    } else {
      const enough = gap >= v.min_m - 1e-9;
      out.push(conflictFor(asset, {
        measured_m: gap, required_m: v.min_m, chainage_from_m: meet.from, chainage_to_m: meet.to, location, depth_source: depth.source,
        rule: 'crossing',
        severity: enough ? 'info' : v.severity,
        message: enough
          ? msg('check.crossing.enough', { asset: named, where, gap_m: gap, levels })
          : gap < 0
            ? msg('check.crossing.overlap', { asset: named, where, overlap_m: -gap, levels, required_m: v.min_m, kind })
            : msg('check.crossing.too-small', { asset: named, where, gap_m: gap, levels, required_m: v.min_m, kind }),
        basis: cited(v),
      }));
    }
    const angle = meet.angle_deg;
    if (angle !== undefined && angle < ctx.rules.crossingAngle.warnBelow_deg) {
      out.push(conflictFor(asset, {
        rule: 'crossing-angle',
        severity: ctx.rules.crossingAngle.severity,
        measured_m: null,
        required_m: null,
        chainage_from_m: meet.from,
        chainage_to_m: meet.to,
        location,
        angle_deg: angle,
        message: msg('check.crossing.angle', { asset: named, where, angle_deg: angle, limit_deg: ctx.rules.crossingAngle.warnBelow_deg, length_m: (meet.to ?? 0) - (meet.from ?? 0) }),
        basis: cited(ctx.rules.crossingAngle),
      }));
    }
  }
  return out;
};

/** The crossings of the trench with a line asset: per crossing point along a centreline, once for a footprint. */
function meetings(ctx: RuleContext, asset: LayeredAsset, shape: Shape): Meeting[] {
  if (asset.geometry.type !== 'LineString') return [];
  if (ctx.line) {
    const crossed = crossingsOf(ctx, shape);
    if (crossed.length === 0) return [];
    const assetLine = centreline(asset.geometry.coordinates);
    const overlap = near(ctx, shape, ctx.halfWidth + assetRadius(asset));
    return crossed.map((c) => {
      const span = stretchAt(overlap, c.chainage);
      return { point: c.point, fraction: fractionAt(assetLine, c.assetSegment, c.t), chainage: c.chainage, from: span?.from ?? c.chainage, to: span?.to ?? c.chainage, angle_deg: c.angle_deg };
    });
  }
  const assetLine = centreline(asset.geometry.coordinates);
  const rings = ctx.trench.geometry.type === 'Polygon' ? ctx.trench.geometry.coordinates : [];
  for (const [j, seg] of shape.segments.entries()) {
    if (inPolygon(seg[0], rings)) return [{ point: seg[0], fraction: fractionAt(assetLine, j, 0), chainage: null, from: null, to: null }];
    for (const edge of ctx.shape.segments) {
      const hit = segmentIntersection(seg, edge);
      if (hit) return [{ point: hit.point, fraction: fractionAt(assetLine, j, hit.s), chainage: null, from: null, to: null }];
    }
  }
  return [];
}

/** 0–1 along an asset line at a parameter of one of its segments. */
function fractionAt(assetLine: Centreline, segment: number, t: number): number {
  return assetLine.length === 0 ? 0 : (assetLine.at[segment]! + t * (assetLine.at[segment + 1]! - assetLine.at[segment]!)) / assetLine.length;
}

/**
 * A crossing needs the lines to meet in plan view: no reach beyond the trench's edge.
 *
 * @example crossingReach(trench, rules, 'pipes') // 0
 */
export const crossingReach: SearchReach = () => 0;
