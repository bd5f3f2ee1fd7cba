import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeRoute } from '../../server/app/propose-route.ts';
import type { Principal } from '../../server/domain/access/policy.ts';
import type { LayerName } from '../../server/domain/assets/layers.ts';
import { seededCity } from '../../server/demo/seeded-city.ts';
import { readRuleSetFile } from '../../server/rules-file.ts';
import type { Store } from '../../server/store/index.ts';
import { openTestStore } from '../support/store.ts';

const rules = readRuleSetFile('data/rules/nl-default.json');
const eneco: Principal = { tokenId: 't', organisation: 'Eneco', organisationKind: 'heat-company', role: 'submitter' };
let store: Store;

beforeAll(async () => {
  store = await openTestStore();
  const city = seededCity(8);
  for (const [layer, assets] of Object.entries(city) as [LayerName, (typeof city)[LayerName]][]) await store.features.insert(layer, assets);
  const ring = [[99_900, 439_900], [101_000, 439_900], [101_000, 441_000], [99_900, 441_000], [99_900, 439_900]];
  await store.coverage.replace('test', rules.coverage.layers.map((layer) => ({ source: 'test', layer, owner: '', kind: 'district' as const, geometry: { type: 'Polygon' as const, coordinates: [ring] } })), []);
}, 60_000);
afterAll(() => store.close());

describe('proposeRoute', () => {
  it('answers at most the alternatives asked, shortest first, each clean by the check, however many rounds found more', async () => {
    const body = { from: [100_060, 440_000], to: [100_720, 440_360], kind: 'heat', width_m: 0.9, depth_m: 1.45 };
    for (const alternatives of [1, 2, 3]) {
      const result = await proposeRoute(store, eneco, rules, { body, crs: 'EPSG:28992', today: '2027-01-01' }, { alternatives });
      if (!result.ok) throw new Error(JSON.stringify(result));
      expect(result.proposals.length).toBeGreaterThan(0);
      expect(result.proposals.length).toBeLessThanOrEqual(alternatives);
      const lengths = result.proposals.map((p) => p.length_m);
      expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
      for (const p of result.proposals) expect([p.clean, p.report.summary.bySeverity.blocking, p.report.conflicts.filter((c) => c.severity === "blocking").map((c) => `${alternatives} ${c.rule} ${c.assetId} ${c.measured_m} ${c.required_m} ${c.chainage_from_m}-${c.chainage_to_m}`)]).toEqual([true, 0, []]);
    }
  }, 120_000);
});
