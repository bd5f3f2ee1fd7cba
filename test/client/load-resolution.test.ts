import { describe, expect, it } from 'vitest';
import { loadResolution, MAX_LOAD_RESOLUTION, VIEW_FEATURE_BUDGET } from '../../client/map/asset-layers.ts';

const VIEW_PIXELS = 1920 * 1080;
/** Features of a layer spread evenly over `extent` in a view of VIEW_PIXELS at resolution r. */
const inView = (count: number, extent: number[], r: number) => {
  const area = (extent[2]! - extent[0]!) * (extent[3]! - extent[1]!);
  return (count * Math.min(area, VIEW_PIXELS * r * r)) / area;
};

describe('loadResolution: where a layer is fetched feature by feature rather than drawn from tiles', () => {
  it('is MAX_LOAD_RESOLUTION for a layer within the budget, or without a known extent', () => {
    expect(loadResolution(400, [89_000, 435_500, 90_000, 436_500])).toBe(MAX_LOAD_RESOLUTION);
    expect(loadResolution(VIEW_FEATURE_BUDGET, [0, 0, 10, 10])).toBe(MAX_LOAD_RESOLUTION);
    expect(loadResolution(500_000, null)).toBe(MAX_LOAD_RESOLUTION);
  });

  it('for a city-wide layer, is the resolution at which one view holds the budget', () => {
    const city = [87_000, 432_000, 95_700, 440_700];
    const r = loadResolution(305_000, city);
    expect(r).toBeGreaterThan(1);
    expect(r).toBeLessThan(1.2);
    expect(inView(305_000, city, r)).toBeCloseTo(VIEW_FEATURE_BUDGET, 0);
    // Closer in, fewer; a denser layer switches closer in.
    expect(inView(305_000, city, r * 0.9)).toBeLessThan(VIEW_FEATURE_BUDGET);
    expect(loadResolution(3_050_000, city)).toBeCloseTo(r / Math.sqrt(10), 6);
  });

  it('stays at MAX_LOAD_RESOLUTION where even that view holds no more than the budget', () => {
    // 30 000 trees over a 40 km square: 8 m/px shows a 15 × 9 km view, about 2 600 of them.
    const region = [60_000, 420_000, 100_000, 460_000];
    expect(inView(30_000, region, MAX_LOAD_RESOLUTION)).toBeLessThan(VIEW_FEATURE_BUDGET);
    expect(loadResolution(30_000, region)).toBe(MAX_LOAD_RESOLUTION);
  });
});
