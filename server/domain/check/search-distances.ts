import type { LayerName } from '../assets/layers.ts';
import type { RuleSet } from '../rules/rule-set.ts';
import type { Trench } from './check.types.ts';
import { RULES_BY_LAYER } from './rules-by-layer.ts';

/** The layers the check looks at; streets are where the trench is, not an obstacle. */
export const OBSTACLE_LAYERS = ['cables', 'pipes', 'sewers', 'heat', 'trees', 'stations', 'reservations'] as const satisfies readonly LayerName[];
export type ObstacleLayer = (typeof OBSTACLE_LAYERS)[number];

/**
 * A rule's search reach: how far (m) from the trench's edge to the asset's edge the rule can still flag an asset of
 * the layer. Each rule declares its own beside its code, so a new rule or a new number cannot be missed by the
 * candidate search.
 */
export type SearchReach = (trench: Trench, rules: RuleSet, layer: ObstacleLayer) => number;

/**
 * How far from the trench geometry (centreline or footprint) the store must search per layer so that its
 * `ST_DWithin` on asset centrelines never misses an asset a rule could flag: the largest reach any rule of that
 * layer declares for this trench, plus half the trench width, plus the largest plausible asset radius, tree zone or
 * station half-diagonal (`search.assetRadius_m` of the rule set).
 *
 * @example candidateSearchDistances(heatTrench06, rules) // { cables: 2.3, pipes: 2.55, sewers: 3.3, heat: 2.05, trees: 20.3, stations: 25.3 }
 */
export function candidateSearchDistances(trench: Trench, rules: RuleSet): Record<ObstacleLayer, number> {
  const halfWidth = trench.geometry.type === 'LineString' ? trench.properties.width_m / 2 : 0;
  const out = {} as Record<ObstacleLayer, number>;
  for (const layer of OBSTACLE_LAYERS) {
    const reach = Math.max(0, ...RULES_BY_LAYER[layer].map((r) => r.reach(trench, rules, layer)));
    out[layer] = +(reach + halfWidth + (rules.search.assetRadius_m[layer] ?? 0)).toFixed(3);
  }
  return out;
}
