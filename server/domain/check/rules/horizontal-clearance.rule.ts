import { assetClass, assetRadius } from '../asset-measures.ts';
import { crossingWithin } from '../centreline.ts';
import type { Conflict } from '../check.types.ts';
import { type Rule, conflictFor, crossingsOf, describeAsset, m, near, whereText } from '../rule-context.ts';

/**
 * Horizontal clearance between the new line and an existing line, edge to edge (trench half-width and asset
 * radius taken off the centre distance), against the matrix entry for new kind × asset class. A stretch that holds
 * a crossing is the crossing rule's: there the lines are meant to meet in plan.
 *
 * @example horizontalClearance(ctx, waterMain, shapeOf(waterMain.geometry))
 *   // [{ rule: 'horizontal-clearance', severity: 'blocking', measured_m: 0.595, required_m: 1, ... }]
 */
export const horizontalClearance: Rule = (ctx, asset, shape) => {
  const cls = assetClass(asset, ctx.rules);
  const entry = cls && ctx.rules.horizontalClearance.matrix[ctx.kind]?.[cls.class];
  if (!cls || !entry) return [];
  const radius = assetRadius(asset);
  const offset = ctx.halfWidth + radius;
  const out: Conflict[] = [];
  for (const stretch of near(ctx, shape, entry.min_m + offset)) {
    const measured = stretch.min - offset;
    if (measured >= entry.min_m - 1e-9) continue;
    if (stretch.from === null ? stretch.min === 0 : crossingWithin(crossingsOf(ctx, shape), stretch.from!, stretch.to!)) continue;
    const gap = measured < 0 ? `overlaps ${describeAsset(asset)} by ${m(-measured)} in plan` : `runs ${m(measured)} edge to edge from ${describeAsset(asset)}`;
    out.push(conflictFor(asset, {
      rule: 'horizontal-clearance',
      severity: ctx.rules.horizontalClearance.severity,
      measured_m: measured,
      required_m: entry.min_m,
      chainage_from_m: stretch.from,
      chainage_to_m: stretch.to,
      location: stretch.location,
      explanation: `The ${ctx.kind} trench ${gap} ${whereText(stretch)}; ${ctx.kind} ↔ ${cls.class} needs at least ${m(entry.min_m)}. Move the trench ${m(entry.min_m - measured)} further away or agree a deviation with ${asset.properties.owner}.`,
      basis: `${entry.source} (${entry.status})`,
    }));
  }
  return out;
};
