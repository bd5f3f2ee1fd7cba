import type { RuleSet } from '../rules/rule-set.ts';
import { matches } from './asset-match.ts';
import type { LayerName } from './layers.ts';

export type AssumedCover = RuleSet['assumedCover'][number];

/**
 * The rule set's assumed cover for an asset whose depth is not recorded: the first `assumedCover` entry whose layer
 * and match fit (a valid rule set ends each line layer with an entry without match). Server and client read the
 * same entries, so the cross-section draws what the check assumes.
 *
 * @example assumedCoverFor('cables', { network: 'telecom' }, rules.assumedCover)?.depth_m // 0.6
 */
export function assumedCoverFor(layer: LayerName, properties: Record<string, unknown>, covers: readonly AssumedCover[]): AssumedCover | undefined {
  return covers.find((c) => c.layer === layer && matches(properties, c.match));
}
