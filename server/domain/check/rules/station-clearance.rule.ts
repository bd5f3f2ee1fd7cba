import { stationArea } from '../../assets/asset-measures.ts';
import { shapeOf } from '../../../geo/shape.ts';
import { msg } from '../../message.ts';
import { type Rule, assetMessage, conflictFor, near, ownerOf, whereMessage } from '../rule-context.ts';
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
      return conflictFor(asset, {
        rule: 'station-clearance',
        severity: ctx.rules.stations.severity,
        measured_m: measured,
        required_m: area.clearance_m,
        chainage_from_m: stretch.from,
        chainage_to_m: stretch.to,
        location: stretch.location,
        message: msg(measured <= 0 ? 'check.station.cuts-in' : 'check.station.too-close', {
          ...(measured <= 0 ? {} : { measured_m: measured }),
          asset: assetMessage(asset),
          where: whereMessage(stretch),
          clearance_m: area.clearance_m,
          owner: ownerOf(asset),
        }),
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
