import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crossSection, sectionSvg, type SectionAssetInput } from '../../client/core/cross-section.ts';
import type { AssumedCover } from '../../client/core/types.ts';

// What GET /api/rules serves as check.assumedCover with the default rule file.
const assumedCover = (JSON.parse(readFileSync('data/rules/nl-default.json', 'utf8')) as { assumedCover: AssumedCover[] }).assumedCover;

const trench = [[0, 0], [0, 100]];
const asset = (id: string, x: number, properties: SectionAssetInput['properties'], layer: SectionAssetInput['layer'] = 'pipes'): SectionAssetInput => ({
  id, layer, geometry: { type: 'LineString', coordinates: [[x, -50], [x, 150]] }, properties,
});

describe('the cross-section', () => {
  const assets = [
    asset('water', -0.95, { medium: 'water', diameter_mm: 110, depth_m: 1.0 }),
    asset('telecom', 2, { network: 'telecom', diameter_mm: 40 }, 'cables'),
    asset('far', 20, { medium: 'gas-lp', depth_m: 0.6 }),
  ];
  const section = crossSection(trench, { kind: 'heat', width_m: 0.6, depth_m: 1.0 }, 50, assets, { halfSpan_m: 5, width_px: 400, height_px: 300, assumedCover });

  it('draws to one scale: metres across and metres down are the same number of pixels', () => {
    const water = section.assets.find((a) => a.id === 'water')!;
    const telecom = section.assets.find((a) => a.id === 'telecom')!;
    expect(telecom.cx - water.cx).toBeCloseTo(2.95 * section.scale, 1);
    expect(section.trench.width).toBeCloseTo(0.6 * section.scale, 1);
    expect(section.depthTicks[2]!.y - section.depthTicks[0]!.y).toBeCloseTo(1.0 * section.scale, 1);
  });

  it('places assets by their signed offset from the centreline and leaves out those beyond the span', () => {
    expect(section.assets.map((a) => a.id).sort()).toEqual(['telecom', 'water']);
    expect(section.assets.find((a) => a.id === 'water')!.offset_m).toBeCloseTo(-0.95, 2);
  });

  it('marks an asset without a recorded depth as assumed, at the cover depth of the rules', () => {
    expect(section.assets.find((a) => a.id === 'water')).toMatchObject({ depthSource: 'measured', depth_m: 1.0 });
    expect(section.assets.find((a) => a.id === 'telecom')).toMatchObject({ depthSource: 'assumed', depth_m: 0.6 });
  });

  it('when the served rule set assumes another cover, draws the asset at that cover instead of a number of its own', () => {
    const deeper = assumedCover.map((c) => (c.layer === 'cables' && c.match?.network?.includes('telecom') ? { ...c, depth_m: 0.9 } : c));
    const s = crossSection(trench, { kind: 'heat', width_m: 0.6, depth_m: 1 }, 50, assets, { halfSpan_m: 5, assumedCover: deeper });
    expect(s.assets.find((a) => a.id === 'telecom')).toMatchObject({ depthSource: 'assumed', depth_m: 0.9 });
  });

  it('treats an operator standard depth as assumed, not measured', () => {
    const s = crossSection(trench, { kind: 'heat', width_m: 0.6, depth_m: 1 }, 10, [asset('lv', 1, { network: 'lv', depth_m: 0.6, depth_source: 'standard' }, 'cables')]);
    expect(s.assets[0]!.depthSource).toBe('assumed');
  });

  it('renders measured depths filled and assumed ones hollow and dashed', () => {
    const svg = sectionSvg(section, { title: 'Dwarsprofiel op 50 m', measured: 'gemeten', assumed: 'aangenomen' });
    expect(svg).toMatch(/^<svg /);
    expect(svg).toMatch(/class="asset assumed" data-id="telecom"><circle [^>]*fill="none"[^>]*stroke-dasharray/);
    expect(svg).toMatch(/class="asset measured" data-id="water"><circle [^>]*fill="#1558c0"/);
  });

  it('writes depths as the reader writes numbers: a decimal comma in Dutch, a point in English', () => {
    const nl = sectionSvg(section, { title: 'Dwarsprofiel op 50 m', measured: 'gemeten', assumed: 'aangenomen' });
    const en = sectionSvg(section, { title: 'Cross-section at 50 m', measured: 'measured', assumed: 'assumed', language: 'en' });
    expect(nl).toMatch(/<title>water \d+,\d\d m<\/title>/);
    expect(nl).toMatch(/fill="#333">\d+,\d<\/text>/);
    expect(en).toMatch(/<title>water \d+\.\d\d m<\/title>/);
  });

  it('writes each asset\'s name and depth on the drawing, above the surface and clear of its neighbours', () => {
    const close = [asset('gas', -0.4, { medium: 'gas-lp', depth_m: 0.7 }), asset('water', 0.4, { medium: 'water', diameter_mm: 110, depth_m: 1.0 }), asset('telecom', 0.9, { network: 'telecom' }, 'cables')];
    const s = crossSection(trench, { kind: 'heat', width_m: 0.6, depth_m: 1 }, 50, close, { halfSpan_m: 5, assumedCover });
    const svg = sectionSvg(s, { title: 'Dwarsprofiel op 50 m', measured: 'gemeten', assumed: 'aangenomen' });
    expect(svg).toMatch(/<text class="label"[^>]*>gas 0,70 m<\/text>/);
    expect(svg).toMatch(/<text class="label"[^>]*>telecom 0,60 m\*<\/text>/);
    const xs = s.assets.map((a) => a.labelX).sort((a, b) => a - b);
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(13);
    expect(s.labelBand_px).toBeGreaterThan(0);
    expect(Math.min(...s.assets.map((a) => a.cy - a.r))).toBeGreaterThan(s.surfaceY);
  });

  it('when a sewer lies 2.7 m deep, the depth scale reaches below it', () => {
    const s = crossSection(trench, { kind: 'heat', width_m: 0.6, depth_m: 1 }, 50, [asset('sewer', 1.5, { system: 'gravity', diameter_mm: 400, depth_m: 2.7 }, 'sewers')], { halfSpan_m: 5, assumedCover });
    expect(s.depthTicks.at(-1)!.depth_m).toBeGreaterThanOrEqual(3.1);
    const sewer = s.assets[0]!;
    expect(sewer.cy + sewer.r).toBeLessThanOrEqual(s.depthTicks.at(-1)!.y);
  });
});
