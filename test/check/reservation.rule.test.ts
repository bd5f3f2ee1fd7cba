import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { LayeredAsset } from '../../server/domain/assets/layers.ts';
import { checkTrench } from '../../server/domain/check/check-trench.ts';
import type { Trench, TrenchKind } from '../../server/domain/check/check.types.ts';
import { candidateSearchDistances } from '../../server/domain/check/search-distances.ts';
import { parseRuleSet } from '../../server/domain/rules/rule-set.ts';
import { render } from '../../server/messages/render.ts';
import { readRuleSetFile } from '../../server/rules-file.ts';

const rules = readRuleSetFile('data/rules/nl-default.json');
const ON = '2027-06-01';

const reservation = (id: string, geometry: LayeredAsset['geometry'], properties: Record<string, unknown>): LayeredAsset => ({
  type: 'Feature', id, layer: 'reservations', geometry, properties: { owner: 'Gemeente Rotterdam', status: 'existing', version: 1, ...properties },
});
const trench = (coordinates: Position[], kind: TrenchKind = 'heat', width_m = 0.9): Trench => ({
  type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: { kind, width_m, depth_m: 1 },
});
// A tree strip 2 m wide along y = 0…2 from x = 20 to 40; a heat trench along y = 1 from x = 0 to 60 runs through it.
const strip = { type: 'Polygon' as const, coordinates: [[[20, 0], [40, 0], [40, 2], [20, 2], [20, 0]]] };
const through = trench([[0, 1], [60, 1]]);
// A lane drawn as a centreline y = 1 with a width of 1.2 m over the same stretch.
const laneLine = { type: 'LineString' as const, coordinates: [[20, 1], [40, 1]] };
const findings = (t: Trench, a: LayeredAsset, asked = {}) => checkTrench(t, [a], rules, { on: ON, ...asked }).conflicts.filter((c) => c.rule === 'reservation');

describe('the reservation rule', () => {
  it('when a heat trench runs through space kept for future trees, reports a blocking finding with purpose, reservation, whom it is for and where', () => {
    const [finding, ...more] = findings(through, reservation('bomen-hudson', strip, { purpose: 'future-trees', source: 'Bomenplan 2030' }));
    expect(more).toEqual([]);
    // The trench edge (half of 0.9 m) reaches the strip at x = 19.55 and leaves it at x = 40.45.
    expect(finding).toMatchObject({ rule: 'reservation', severity: 'blocking', assetId: 'bomen-hudson', layer: 'reservations', owner: 'Gemeente Rotterdam', required_m: 0, chainage_from_m: 19.55, chainage_to_m: 40.45 });
    expect(finding!.measured_m).toBe(-0.45);
    expect(render(finding!.message, 'en')).toBe(
      'The trench for heat enters reservation bomen-hudson (Gemeente Rotterdam) between chainage 19.6 and 40.5 m: space kept for future trees, meant for no trench. Route the trench outside this space, or ask Gemeente Rotterdam to revise the reservation.',
    );
    expect(render(finding!.message, 'nl')).toContain('ruimte voor toekomstige bomen, voor geen enkele sleuf bedoeld');
    expect(finding!.basis).toMatchObject({ code: 'check.basis.rule', params: { status: 'E' } });
  });

  it('when a heat trench runs in another party\'s cable lane, warns and names whom the lane is for', () => {
    const lane = reservation('lane-cables', laneLine, { purpose: 'lane', width_m: 1.2, kinds: ['cables'], organisation: 'Stedin' });
    const [finding] = findings(through, lane, { organisation: 'Eneco' });
    // A lane line is its centreline buffered by half its width, round at the ends: 20 − 0.6 − 0.45 = 18.95.
    expect(finding).toMatchObject({ severity: 'warning', assetId: 'lane-cables', chainage_from_m: 18.95, chainage_to_m: 41.05, measured_m: -1.05 });
    expect(render(finding!.message, 'en')).toContain('a lane, meant for cables of Stedin. Route the trench in a lane of its own, or agree the use of this lane with Gemeente Rotterdam.');
  });

  it('finds nothing where a trench only crosses another party\'s lane square enough, and warns where it crosses and runs along', () => {
    const lane = reservation('lane-cables', laneLine, { purpose: 'lane', width_m: 1.2, kinds: ['cables'], organisation: 'Stedin' });
    expect(findings(trench([[30, -10], [30, 10]]), lane, { organisation: 'Eneco' })).toEqual([]);
    expect(findings(trench([[25, -10], [35, 10]]), lane, { organisation: 'Eneco' })).toEqual([]);
    // At 20° the crossing is too flat: the trench runs along the lane for metres.
    expect(findings(trench([[2.5, -5.4], [57.5, 14.6]]), lane, { organisation: 'Eneco' })).toMatchObject([{ severity: 'warning' }]);
    // Crossing, then turning to run inside it: entering.
    expect(findings(trench([[30, -10], [30, 1], [45, 1]]), lane, { organisation: 'Eneco' })).toMatchObject([{ severity: 'warning' }]);
    // A tree strip is not crossed, however square.
    expect(findings(trench([[30, -10], [30, 10]]), reservation('bomen', strip, { purpose: 'future-trees' }))).toMatchObject([{ severity: 'blocking' }]);
  });

  it('finds nothing in a lane meant for the trench\'s kind or for the organisation laying it', () => {
    const heatLane = reservation('lane-heat', laneLine, { purpose: 'lane', width_m: 1.2, kinds: ['heat'] });
    const enecoLane = reservation('lane-eneco', laneLine, { purpose: 'lane', width_m: 1.2, organisation: 'Eneco' });
    expect(findings(through, heatLane)).toEqual([]);
    expect(findings(through, enecoLane, { organisation: 'Eneco' })).toEqual([]);
    expect(findings(through, enecoLane, { organisation: 'Vattenfall' })).toMatchObject([{ severity: 'warning' }]);
  });

  it('finds nothing for a reservation out of force on the day asked, and reads every reservation as in force without a day', () => {
    const expired = reservation('expired', strip, { purpose: 'keep-free', valid_until: '2027-05-31' });
    const later = reservation('later', strip, { purpose: 'keep-free', valid_from: '2027-06-02' });
    expect(findings(through, expired)).toEqual([]);
    expect(findings(through, later)).toEqual([]);
    expect(findings(through, reservation('today', strip, { purpose: 'keep-free', valid_from: ON, valid_until: ON }))).toHaveLength(1);
    expect(checkTrench(through, [expired], rules).conflicts).toMatchObject([{ rule: 'reservation', severity: 'blocking' }]);
  });

  it('lets a trench touch a reservation but not enter it, and takes the severity from the rule file', () => {
    const trees = reservation('trees', strip, { purpose: 'future-trees' });
    expect(findings(trench([[0, -0.45], [60, -0.45]]), trees)).toEqual([]);
    expect(findings(trench([[0, -0.44], [60, -0.44]]), trees)).toHaveLength(1);
    const lowered = structuredClone(rules);
    lowered.reservations.purposes['future-trees'].severity = 'warning';
    expect(checkTrench(through, [trees], lowered, { on: ON }).conflicts).toMatchObject([{ rule: 'reservation', severity: 'warning' }]);
  });

  it('has its candidates searched: the reservation layer at its margin, trench half width and the widest lane', () => {
    expect(candidateSearchDistances(through, rules).reservations).toBe(0 + 0.45 + 5);
  });

  it('refuses a rule file whose reservation section lacks a purpose, naming the field', () => {
    const json = JSON.parse(JSON.stringify(rules));
    delete json.reservations.purposes['climate-adaptation'];
    const parsed = parseRuleSet(json);
    expect(parsed.valid ? [] : parsed.errors.map((e) => e.field)).toContain('reservations.purposes.climate-adaptation');
  });
});
