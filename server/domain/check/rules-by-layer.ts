import type { Rule } from './rule-context.ts';
import type { ObstacleLayer, SearchReach } from './search-distances.ts';
import { crossing, crossingReach } from './rules/crossing.rule.ts';
import { horizontalClearance, horizontalClearanceReach } from './rules/horizontal-clearance.rule.ts';
import { parallelRun, parallelRunReach } from './rules/parallel-run.rule.ts';
import { reservationReach, reservationRule } from './rules/reservation.rule.ts';
import { stationClearance, stationClearanceReach } from './rules/station-clearance.rule.ts';
import { treeZoneReach, treeZoneRule } from './rules/tree-zone.rule.ts';

/** A rule with the search reach it declares. */
export interface LayerRule {
  check: Rule;
  reach: SearchReach;
}

const lineRules: readonly LayerRule[] = [
  { check: horizontalClearance, reach: horizontalClearanceReach },
  { check: crossing, reach: crossingReach },
  { check: parallelRun, reach: parallelRunReach },
];

/** Which rules look at which layer: the check runs them, the candidate search takes the largest of their reaches. */
export const RULES_BY_LAYER: Readonly<Record<ObstacleLayer, readonly LayerRule[]>> = {
  cables: lineRules,
  pipes: lineRules,
  sewers: lineRules,
  heat: lineRules,
  trees: [{ check: treeZoneRule, reach: treeZoneReach }],
  stations: [{ check: stationClearance, reach: stationClearanceReach }],
  reservations: [{ check: reservationRule, reach: reservationReach }],
};
