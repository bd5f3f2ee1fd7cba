import { matches } from '../../rules/rule-set.ts';
import { assetRadius } from '../../assets/asset-measures.ts';
import type { Conflict } from '../check.types.ts';
import { msg } from '../../message.ts';
import { type Rule, assetMessage, conflictFor, near, newKind, whereMessage } from '../rule-context.ts';
import type { SearchReach } from '../search-distances.ts';
import { cited } from '../../assets/asset-measures.ts';

/**
 * A new line running within a distance of an existing one for longer than a length (e.g. heat along a power
 * cable, which derates the cable). Measured is the length of the run; required is the longest run allowed.
 * Only along a centreline: a footprint has no direction to run along.
 *
 * @example parallelRun(ctx, lvCable, shapeOf(lvCable.geometry)) // [{ rule: 'parallel-run', severity: 'warning', measured_m: 24.0, required_m: 10, ... }]
 */
export const parallelRun: Rule = (ctx, asset, shape) => {
  if (!ctx.line) return [];
  const out: Conflict[] = [];
  for (const rule of ctx.rules.parallelRun) {
    if (!rule.new.includes(ctx.kind) || rule.existing.layer !== asset.layer || !matches(asset.properties, rule.existing.match)) continue;
    const offset = ctx.halfWidth + assetRadius(asset);
    for (const stretch of near(ctx, shape, rule.within_m + offset)) {
      const length = stretch.to! - stretch.from!;
      if (length <= rule.longerThan_m) continue;
      out.push(conflictFor(asset, {
        rule: 'parallel-run',
        severity: rule.severity,
        measured_m: length,
        required_m: rule.longerThan_m,
        chainage_from_m: stretch.from,
        chainage_to_m: stretch.to,
        location: stretch.location,
        message: msg('check.parallel.run', {
          kind: newKind(ctx.kind),
          within_m: rule.within_m,
          asset: assetMessage(asset),
          length_m: length,
          where: whereMessage(stretch),
          closest_m: stretch.min - offset,
          limit_m: rule.longerThan_m,
          rule_id: rule.id,
        }),
        basis: cited(rule),
      }));
    }
  }
  return out;
};

/**
 * The widest `within_m` of the parallel-run rules for this trench kind and layer.
 *
 * @example parallelRunReach(heatTrench, rules, 'cables') // 1
 */
export const parallelRunReach: SearchReach = (trench, rules, layer) =>
  Math.max(0, ...rules.parallelRun.filter((r) => r.new.includes(trench.properties.kind) && r.existing.layer === layer).map((r) => r.within_m));
