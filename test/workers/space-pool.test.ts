import { afterAll, describe, expect, it } from 'vitest';
import { seededCity } from '../../server/demo/seeded-city.ts';
import type { LayeredAsset, LayerName } from '../../server/domain/assets/layers.ts';
import { scanSegments } from '../../server/domain/space/scan.ts';
import { segmentsFromStreets } from '../../server/domain/streets/street-segments.ts';
import { readRuleSetFile } from '../../server/rules-file.ts';
import { closeWorkPool, configureWorkPool, runInPool } from '../../server/workers/run-job.ts';

// The space scan as a pool job: plain data in and out, the layers unknown per segment as a map (a function cannot
// cross threads), and the same answer as inline.
afterAll(closeWorkPool);
const rules = readRuleSetFile('data/rules/nl-default.json');
const layers = seededCity(6);
const assets = (Object.entries(layers) as [LayerName, LayeredAsset[]][]).flatMap(([layer, list]) => list.map((a) => ({ ...a, layer })));
const segments = segmentsFromStreets(layers.streets);
const fitting = { kind: 'heat' as const, width_m: 0.9, on: '2027-01-01' };

describe('the space-scan job', () => {
  it('answers in a worker what the scan answers inline, with unknown layers passed as data', async () => {
    configureWorkPool({ size: 1, queue: 4, timeoutMs: 30_000 });
    const unknownLayers = { [segments[0]!.id]: ['cables'] };
    const pooled = await runInPool('space-scan', { segments, assets, fitting, rules, unknownLayers });
    const inline = scanSegments(segments, assets, fitting, rules, { unknownLayers: (s) => unknownLayers[s.id] ?? [] });
    expect(pooled).toEqual(inline);
    expect(pooled[0]).toMatchObject({ verdict: 'unknown', unknown_layers: ['cables'] });
    expect(pooled.filter((s) => s.verdict === 'fits').length).toBeGreaterThan(0);
  }, 60_000);
});
