import { treeZone } from '../../assets/asset-measures.ts';
import { type Rule, conflictFor, describeAsset, m, near, whereText } from '../rule-context.ts';
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
  return near(ctx, shapeOf(zone.geometry), zone.radius_m + ctx.halfWidth).map((stretch) => {
    const measured = stretch.min - ctx.halfWidth;
    const inside = zone.radius_m === 0 ? 'enters the recorded root-protection zone of' : `comes within ${m(Math.max(0, measured))} of the stem of`;
    const what = asset.properties.protected === true
      ? 'Digging there is not allowed: reroute the trench outside the zone'
      : 'Dig by hand or bore, with a tree-impact assessment, or reroute';
    return conflictFor(asset, {
      rule: 'tree-zone',
      severity,
      measured_m: measured,
      required_m: zone.radius_m,
      chainage_from_m: stretch.from,
      chainage_to_m: stretch.to,
      location: stretch.location,
      explanation: `The trench ${inside} ${describeAsset(asset)} ${whereText(stretch)}; its root-protection zone is ${m(zone.radius_m)} (${zone.basis.split(' (')[0]}). ${what}.`,
      basis: zone.basis,
    });
  });
};

/**
 * Nothing beyond the root-protection zone, which the search's tree radius (`search.assetRadius_m.trees`) already
 * spans.
 *
 * @example treeZoneReach(trench, rules, 'trees') // 0
 */
export const treeZoneReach: SearchReach = () => 0;
