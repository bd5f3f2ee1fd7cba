import type { Position } from 'geojson';
import { segmentIntersection } from '../../geo/segment-intersection.ts';
import type { LayerName } from '../assets/layers.ts';
import { assetDepth } from '../assets/asset-measures.ts';
import type { TrenchKind } from '../check/check.types.ts';
import type { RuleSet } from '../rules/rule-set.ts';
import type { Obstacle } from './obstacles.ts';

/** Where a proposed centreline crosses an existing line, and at what angle (0–90°). */
export interface RouteCrossing {
  assetId: string;
  layer: LayerName;
  angle_deg: number;
  point: Position;
}

/**
 * Every crossing of `line` with the line obstacles, in order along the line.
 *
 * @example routeCrossings([[0, -5], [0, 5]], [waterMainAlongX])
 *   // [{ assetId: 'water-1', layer: 'pipes', angle_deg: 90, point: [0, 0] }]
 */
export function routeCrossings(line: readonly Position[], obstacles: readonly Obstacle[]): RouteCrossing[] {
  const out: RouteCrossing[] = [];
  for (let i = 0; i + 1 < line.length; i++) {
    const piece = [line[i]!, line[i + 1]!] as const;
    const here: (RouteCrossing & { s: number })[] = [];
    for (const o of obstacles) {
      if (o.reason !== 'clearance') continue;
      for (const seg of o.shape.segments) {
        const hit = segmentIntersection(piece, seg);
        if (hit) here.push({ assetId: String(o.asset.id), layer: o.asset.layer, angle_deg: Math.round(hit.angle_deg * 10) / 10, point: hit.point, s: hit.s });
      }
    }
    here.sort((a, b) => a.s - b.s);
    out.push(...here.map(({ s: _s, ...c }) => c));
  }
  return out;
}

/**
 * Whether a trench of `kind` with its top at `depth_m` can cross a line obstacle at all: false when the vertical
 * gap the check measures would be below the rule set's clearance at both ends of the line (its depth, or a sewer's
 * invert, changes linearly along it, so the ends bound it). An assumed depth is never a reason to avoid: the check
 * flags it as unknown, not as blocking.
 *
 * @example crossableAtDepth(waterMainAt1m, 'heat', 1.0, rules) // false: the pair (0.45 m high) would hit the main
 */
export function crossableAtDepth(obstacle: Obstacle, kind: TrenchKind, depth_m: number, rules: RuleSet): boolean {
  // Vertical clearance is between networks: a crossable lane is space, not a pipe, and needs none.
  if (obstacle.reason !== 'clearance') return obstacle.crossable;
  if (rules.verticalClearance.severity !== 'blocking') return true;
  const laid = rules.trenchKinds[kind]?.laidHeight_m ?? 0;
  const gapAt = (fraction: number) => {
    const d = assetDepth(obstacle.asset, fraction, rules);
    if (d.source === 'assumed') return Infinity;
    return Math.max(d.top_m - (depth_m + laid), depth_m - (d.top_m + d.height_m));
  };
  return Math.min(gapAt(0), gapAt(1)) >= rules.verticalClearance.min_m - 1e-9;
}

/**
 * The shallowest depth (top of what is laid, m, to 5 cm) at or below `depth_m` at which the trench passes under
 * every one of the lines with the rule set's vertical clearance, going by their measured depths; undefined when
 * one has no measured depth (an assumed depth gives no depth to promise).
 *
 * @example depthPassingUnder([waterMainTopAt1], 'heat', 1.0, rules) // 1.45 (top 1.0 + DN 200 + 0.25 m clearance)
 */
export function depthPassingUnder(lines: readonly Obstacle[], depth_m: number, rules: RuleSet): number | undefined {
  let deepest = depth_m;
  for (const line of lines) {
    for (const fraction of [0, 1]) {
      const d = assetDepth(line.asset, fraction, rules);
      if (d.source === 'assumed') return undefined;
      deepest = Math.max(deepest, d.top_m + d.height_m + rules.verticalClearance.min_m);
    }
  }
  return Math.ceil(deepest * 20 - 1e-9) / 20;
}
