import { assetClass, assetRadius, layerClearances } from '../../assets/asset-measures.ts';
import { crossingWithin } from '../centreline.ts';
import type { Conflict } from '../check.types.ts';
import { msg } from '../../message.ts';
import { type Rule, assetMessage, conflictFor, crossingsOf, near, newKind, ownerOf, whereMessage } from '../rule-context.ts';
import type { SearchReach } from '../search-distances.ts';
import { cited } from '../../assets/asset-measures.ts';

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
    out.push(conflictFor(asset, {
      rule: 'horizontal-clearance',
      severity: ctx.rules.horizontalClearance.severity,
      measured_m: measured,
      required_m: entry.min_m,
      chainage_from_m: stretch.from,
      chainage_to_m: stretch.to,
      location: stretch.location,
      message: msg(measured < 0 ? 'check.clearance.overlap' : 'check.clearance.too-close', {
        kind: newKind(ctx.kind),
        ...(measured < 0 ? { overlap_m: -measured } : { measured_m: measured }),
        asset: assetMessage(asset),
        where: whereMessage(stretch),
        // The class in the reader's words ("warmte ↔ riool"), not the rule file's id.
        class: msg(`check.class.${cls.class}`),
        required_m: entry.min_m,
        move_m: entry.min_m - measured,
        owner: ownerOf(asset),
      }),
      basis: cited(entry),
    }));
  }
  return out;
};

/**
 * The largest clearance the matrix asks of the layer's classes for this trench kind: no asset farther than that
 * (edge to edge) can break it.
 *
 * @example horizontalClearanceReach(heatTrench, rules, 'sewers') // 0.5
 */
export const horizontalClearanceReach: SearchReach = (trench, rules, layer) => Math.max(0, ...layerClearances(trench.properties.kind, layer, rules));
