import type { LayeredAsset } from '../../assets/layers.ts';
import { type Message, msg } from '../../message.ts';
import type { RuleSet } from '../../rules/rule-set.ts';
import { type TreeZone, treeZone } from '../../assets/asset-measures.ts';
import { type Rule, assetMessage, conflictFor, near, whereMessage } from '../rule-context.ts';
import { shapeOf } from '../../../geo/shape.ts';
import type { SearchReach } from '../search-distances.ts';

/**
 * A trench edge inside a tree's root-protection zone (crown projection + margin or the stem-diameter table,
 * whichever is larger; or the recorded zone polygon). A protected tree makes it blocking. Measured is the
 * distance from the trench edge to the stem (or zone edge); required is the zone radius.
 *
 * @example treeZone(ctx, protectedPlane, shape) // [{ rule: 'tree-zone', severity: 'blocking', measured_m: 1.2, required_m: 4.9, ... }]
 */
export const treeZoneRule: Rule = (ctx, asset) => {
  const zone = treeZone(asset, ctx.rules);
  const t = ctx.rules.trees;
  const severity = asset.properties.protected === true ? t.protectedSeverity : t.unprotectedSeverity;
  const advice = msg(asset.properties.protected === true ? 'check.tree.advice-protected' : 'check.tree.advice-unprotected');
  return near(ctx, shapeOf(zone.geometry), zone.radius_m + ctx.halfWidth).map((stretch) => {
    const measured = stretch.min - ctx.halfWidth;
    const where = whereMessage(stretch);
    return conflictFor(asset, {
      rule: 'tree-zone',
      severity,
      measured_m: measured,
      required_m: zone.radius_m,
      chainage_from_m: stretch.from,
      chainage_to_m: stretch.to,
      location: stretch.location,
      message: zone.radius_m === 0
        ? msg('check.tree.in-recorded-zone', { asset: assetMessage(asset), where, advice })
        : msg('check.tree.near-stem', { distance_m: Math.max(0, measured), asset: assetMessage(asset), where, radius_m: zone.radius_m, zone: zoneMessage(asset, zone, ctx.rules), advice }),
      basis: zone.basis,
    });
  });
};

/**
 * How the zone radius was found: the option of `treeZone` that gave it (crown first, as `treeZone` keeps the crown
 * on a tie), so the finding names the measure a tree officer can check on site.
 */
function zoneMessage(asset: LayeredAsset, zone: TreeZone, rules: RuleSet): Message {
  const p = asset.properties;
  const margin = rules.trees.crownMargin_m.value;
  if (typeof p.crown_diameter_m === 'number' && Math.abs(p.crown_diameter_m / 2 + margin - zone.radius_m) < 1e-9) {
    return msg('check.tree.zone-crown', { crown_m: p.crown_diameter_m, margin_m: margin });
  }
  if (typeof p.stem_diameter_cm === 'number') return msg('check.tree.zone-stem', { stem_cm: p.stem_diameter_cm, radius_m: zone.radius_m });
  return msg('check.tree.zone-assumed', { radius_m: zone.radius_m });
}

/**
 * Nothing beyond the root-protection zone, which the search's tree radius (`search.assetRadius_m.trees`) already
 * spans.
 *
 * @example treeZoneReach(trench, rules, 'trees') // 0
 */
export const treeZoneReach: SearchReach = () => 0;
