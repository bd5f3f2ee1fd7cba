import { stationArea } from '../../assets/asset-measures.ts';
import { shapeOf } from '../../../geo/shape.ts';
import { type Rule, conflictFor, describeAsset, m, near, whereText } from '../rule-context.ts';
import type { SearchReach } from '../search-distances.ts';

/**
 * A trench inside a station's footprint or its working clearance around it. Measured is the edge distance from
 * the trench to the footprint (negative when the trench cuts into it); required is the working clearance.
 *
 * @example stationClearance(ctx, substation, shape) // [{ rule: 'station-clearance', severity: 'blocking', measured_m: 0.4, required_m: 1, ... }]
 */
export const stationClearance: Rule = (ctx, asset) => {
  const area = stationArea(asset, ctx.rules);
  return near(ctx, shapeOf(area.footprint), area.clearance_m + ctx.halfWidth)
    .filter((stretch) => stretch.min - ctx.halfWidth < area.clearance_m - 1e-9)
    .map((stretch) => {
      const measured = stretch.min - ctx.halfWidth;
      const what = measured <= 0 ? 'cuts into the footprint of' : `comes ${m(measured)} from the footprint of`;
      return conflictFor(asset, {
        rule: 'station-clearance',
        severity: ctx.rules.stations.severity,
        measured_m: measured,
        required_m: area.clearance_m,
        chainage_from_m: stretch.from,
        chainage_to_m: stretch.to,
        location: stretch.location,
        explanation: `The trench ${what} ${describeAsset(asset)} ${whereText(stretch)}; the station needs ${m(area.clearance_m)} of working space around it. Keep the trench out of that space or agree access with ${asset.properties.owner}.`,
        basis: area.basis,
      });
    });
};

/**
 * The rule set's working clearance around a station; the footprint itself is covered by the search's station
 * radius (`search.assetRadius_m.stations`).
 *
 * @example stationClearanceReach(trench, rules, 'stations') // 1
 */
export const stationClearanceReach: SearchReach = (_trench, rules) => rules.stations.workingClearance_m.value;
