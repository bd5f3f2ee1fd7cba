import { readFileSync } from 'node:fs';
import type { Trench, TrenchKind } from '../../server/domain/check/check.types.ts';
import { TRENCH_KINDS } from '../../server/domain/check/check.types.ts';
import { RULES_BY_LAYER } from '../../server/domain/check/rules-by-layer.ts';
import { OBSTACLE_LAYERS, candidateSearchDistances } from '../../server/domain/check/search-distances.ts';
import { readRuleSetFile } from '../../server/rules-file.ts';
import { checkFixtures } from '../support/check-fixtures.ts';
import { describe, expect, it } from 'vitest';

// The distances the search used while search-distances.ts kept its own copy of the rules' numbers (commit 5b25c07),
// for every golden check fixture and every trench kind as a narrow and a wide centreline and as a footprint.
const BEFORE = JSON.parse(readFileSync('test/fixtures/search-distances/nl-default.json', 'utf8')) as Record<string, Record<string, number>>;
const rules = readRuleSetFile('data/rules/nl-default.json');

const line = (kind: TrenchKind, width_m: number): Trench =>
  ({ type: 'Feature', geometry: { type: 'LineString', coordinates: [[0, 0], [10, 0]] }, properties: { kind, width_m, depth_m: 1 } }) as Trench;
const footprint = (kind: TrenchKind): Trench =>
  ({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 1], [0, 1], [0, 0]]] }, properties: { kind, width_m: 1, depth_m: 1 } }) as Trench;

/**
 * The distances of the layers searched before, and the reservation layer's, added with the reservation rule (issue
 * 13): its margin (0) plus half the trench plus the widest reservation line's half width.
 */
function searched(trench: Trench) {
  const { reservations, ...before } = candidateSearchDistances(trench, rules);
  const half = trench.geometry.type === 'LineString' ? trench.properties.width_m / 2 : 0;
  expect(reservations).toBe(+(rules.reservations.margin_m.value + half + rules.search.assetRadius_m.reservations!).toFixed(3));
  return before;
}

describe('candidate search distances derived from the rules’ reaches', () => {
  it.each(checkFixtures().map((f) => [f.name, f.trench] as const))('for the golden fixture %s, are the distances searched before', (name, trench) => {
    expect(searched(trench)).toEqual(BEFORE[name]);
  });

  it.each(TRENCH_KINDS.flatMap((kind) => [[`line ${kind} 0.4`, line(kind, 0.4)], [`line ${kind} 1.2`, line(kind, 1.2)], [`footprint ${kind}`, footprint(kind)]] as const))(
    'for a %s trench, are the distances searched before',
    (name, trench) => {
      expect(searched(trench)).toEqual(BEFORE[name]);
    },
  );

  it('when a rule set widens one clearance, widens the search for that layer only', () => {
    const wider = structuredClone(rules);
    wider.horizontalClearance.matrix.heat!['water']!.min_m = 7;
    const before = candidateSearchDistances(line('heat', 0.6), rules);
    const after = candidateSearchDistances(line('heat', 0.6), wider);
    expect(after.pipes).toBe(+(7 + 0.3 + rules.search.assetRadius_m.pipes!).toFixed(3));
    for (const layer of OBSTACLE_LAYERS.filter((l) => l !== 'pipes')) expect(after[layer], layer).toBe(before[layer]);
  });

  it('every obstacle layer has at least one rule, and every rule declares a reach that is a distance', () => {
    for (const layer of OBSTACLE_LAYERS) {
      expect(RULES_BY_LAYER[layer].length, layer).toBeGreaterThan(0);
      for (const r of RULES_BY_LAYER[layer]) expect(r.reach(line('heat', 0.6), rules, layer)).toBeGreaterThanOrEqual(0);
    }
  });
});
