import { describe, expect, it } from 'vitest';
import { longitudinalProfile } from '../../client/core/profile.ts';
import { spreadLabels } from '../../client/core/label-layout.ts';
import { profileSvg } from '../../client/ui/profile-svg.ts';
import type { LayeredAsset } from '../../server/domain/assets/layers.ts';
import { checkTrench } from '../../server/domain/check/check-trench.ts';
import type { Trench } from '../../server/domain/check/check.types.ts';
import { demoDistrict } from '../../server/demo/district.ts';
import { readRuleSetFile } from '../../server/rules-file.ts';

const rules = readRuleSetFile('data/rules/nl-default.json');
const { layers } = demoDistrict();
const assets: LayeredAsset[] = Object.entries(layers).flatMap(([layer, list]) => list.map((a) => ({ ...a, layer }) as LayeredAsset));

/** A heat trench across Hudsonstraat, west to east: it crosses every pipe and cable in the street. */
const across: Trench = {
  type: 'Feature',
  geometry: { type: 'LineString', coordinates: [[89_436, 435_960], [89_466, 435_960]] },
  properties: { kind: 'heat', width_m: 0.6, depth_m: 1.2 },
};
const report = checkTrench(across, assets, rules);
const profile = longitudinalProfile(report, across.properties, { width_px: 720 });
const labels = { title: 'Lengteprofiel', chainage: 'afstand (m)', depth: 'diepte (m)', measured: 'gemeten', assumed: 'aangenomen', trenchBottom: 'onderkant', language: 'nl' as const };

describe('the longitudinal profile of a trench across a street', () => {
  it('when a trench crosses Hudsonstraat, draws every crossed asset once, in chainage order', () => {
    const crossed = profile.crossings.map((c) => c.assetId);
    expect(crossed).toEqual(['gas-hudsonstraat', 'water-hudsonstraat', 'heat-planned-hudsonstraat', 'sewer-hudsonstraat-2', 'lv-hudsonstraat', 'mv-hudsonstraat', 'telecom-hudsonstraat']);
    expect(profile.crossings.map((c) => c.chainage_m)).toEqual([...profile.crossings.map((c) => c.chainage_m)].sort((a, b) => a - b));
    expect(profile.crossings.find((c) => c.assetId === 'water-hudsonstraat')!.chainage_m).toBeCloseTo(10, 1);
  });

  it('places each asset at its depth where it is crossed, and the scale reaches below the deepest one', () => {
    const sewer = profile.crossings.find((c) => c.assetId === 'sewer-hudsonstraat-2')!;
    expect(sewer.top_m).toBeGreaterThan(2.4);
    expect(profile.depthRange_m).toBeGreaterThanOrEqual(sewer.bottom_m + (sewer.required_m ?? 0));
    expect(sewer.cy).toBeGreaterThan(profile.trench.yBottom);
    expect(sewer.cy).toBeLessThan(profile.plot.bottom);
  });

  it('tells an assumed depth from a measured one: telecom has no recorded depth, water has', () => {
    expect(profile.crossings.find((c) => c.assetId === 'telecom-hudsonstraat')).toMatchObject({ depthSource: 'assumed' });
    expect(profile.crossings.find((c) => c.assetId === 'water-hudsonstraat')).toMatchObject({ depthSource: 'measured' });
    expect(profile.crossings.find((c) => c.assetId === 'telecom-hudsonstraat')!.label).toMatch(/^telecom-hudsonstraat \d,\d\d m\*$/);
  });

  it('colours a crossing by the worst finding on that asset there, with a clearance box of the vertical clearance', () => {
    const water = profile.crossings.find((c) => c.assetId === 'water-hudsonstraat')!;
    const worst = report.conflicts.filter((c) => c.assetId === 'water-hudsonstraat').map((c) => c.severity);
    expect(water.severity).toBe(worst.includes('blocking') ? 'blocking' : worst.includes('warning') ? 'warning' : 'info');
    expect(water.required_m).toBe(rules.verticalClearance.min_m);
    expect(water.box!.height).toBeGreaterThan(2 * water.r);
  });

  it('draws the trench from its top to its bottom along the whole length', () => {
    expect(profile.length_m).toBeCloseTo(30, 1);
    expect(profile.trench.top_m).toBe(1.2);
    expect(profile.trench.bottom_m).toBeGreaterThan(1.2);
    expect(profile.trench.width).toBeCloseTo(profile.plot.right - profile.plot.left, 1);
  });

  it('keeps labels apart even where assets lie 0.6 m from each other', () => {
    const xs = profile.crossings.map((c) => c.labelX).sort((a, b) => a - b);
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(12.99);
    expect(Math.max(...xs)).toBeLessThanOrEqual(profile.plot.right);
  });

  it('renders every crossing with its label, measured solid and assumed dashed, in the reader\'s numbers', () => {
    const svg = profileSvg(profile, labels);
    expect(svg.match(/<g class="crossing /g)).toHaveLength(7);
    expect(svg).toMatch(/class="crossing assumed [a-z]+" data-id="telecom-hudsonstraat"[^]*?stroke-dasharray/);
    expect(svg).toMatch(/<text class="label"[^>]*>water-hudsonstraat 1,00 m<\/text>/);
    expect(profileSvg(profile, { ...labels, language: 'en' })).toMatch(/>1\.5<\/text>/);
    expect(svg).toMatch(/class="trench-bottom"/);
  });

  it('draws nothing for a report without crossings', () => {
    expect(longitudinalProfile({ conflicts: [], summary: report.summary }, { depth_m: 1 }).crossings).toEqual([]);
  });
});

describe('spreading labels', () => {
  it('keeps labels at their anchor when there is room and pushes crowded ones apart', () => {
    expect(spreadLabels([10, 12, 40], 8, 0, 100)).toEqual([10, 18, 40]);
  });

  it('pulls a row pushed past the right edge back inside', () => {
    expect(spreadLabels([95, 96, 97], 10, 0, 100)).toEqual([80, 90, 100]);
  });
});
