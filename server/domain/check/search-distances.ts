import type { LayerName } from '../assets/layers.ts';
import type { RuleSet } from '../rules/rule-set.ts';
import type { Trench } from './check.types.ts';

/** The layers the check looks at; streets are where the trench is, not an obstacle. */
export const OBSTACLE_LAYERS = ['cables', 'pipes', 'sewers', 'heat', 'trees', 'stations'] as const satisfies readonly LayerName[];
export type ObstacleLayer = (typeof OBSTACLE_LAYERS)[number];

/**
 * How far from the trench geometry (centreline or footprint) the store must search per layer so that its
 * `ST_DWithin` on asset centrelines never misses an asset a rule could flag: the largest distance any rule applies
 * to that layer for this trench kind, plus half the trench width, plus the largest plausible asset radius, tree
 * zone or station half-diagonal (`search.assetRadius_m` of the rule set).
 *
 * @example candidateSearchDistances(heatTrench06, rules) // { cables: 2.3, pipes: 2.55, sewers: 3.3, heat: 2.05, trees: 20.3, stations: 25.3 }
 */
export function candidateSearchDistances(trench: Trench, rules: RuleSet): Record<ObstacleLayer, number> {
  const halfWidth = trench.geometry.type === 'LineString' ? trench.properties.width_m / 2 : 0;
  const kind = trench.properties.kind;
  const row = rules.horizontalClearance.matrix[kind] ?? {};
  const radius = (layer: ObstacleLayer) => rules.search.assetRadius_m[layer] ?? 0;
  const lineReach = (layer: ObstacleLayer) => {
    const classes = new Set(rules.assetClasses.filter((c) => c.layer === layer).map((c) => c.class));
    const clearances = Object.entries(row).filter(([c]) => classes.has(c)).map(([, e]) => e.min_m);
    const runs = rules.parallelRun.filter((r) => r.new.includes(kind) && r.existing.layer === layer).map((r) => r.within_m);
    return Math.max(0, ...clearances, ...runs);
  };
  const out = {} as Record<ObstacleLayer, number>;
  for (const layer of OBSTACLE_LAYERS) {
    const reach = layer === 'trees' ? 0 : layer === 'stations' ? rules.stations.workingClearance_m.value : lineReach(layer);
    out[layer] = +(reach + halfWidth + radius(layer)).toFixed(3);
  }
  return out;
}
