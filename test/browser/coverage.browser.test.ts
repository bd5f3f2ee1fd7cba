import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrecautionZone } from '../../server/domain/coverage/coverage.ts';
import { startSession, type BrowserSession } from './browser.ts';

let session: BrowserSession;
// A precaution zone on Schippersstraat, as a KLIC delivery would record one, to see it drawn beside the district.
const zone: PrecautionZone = {
  id: 'ev-schippersstraat', source: 'test:ev', owner: 'Stedin', layer: 'pipes', demand: 'GHD-W3', network: 'Gas Hoge Druk',
  geometry: { type: 'Polygon', coordinates: [[[89_480, 436_010], [89_560, 436_010], [89_560, 436_016], [89_480, 436_016], [89_480, 436_010]]] },
};
beforeAll(async () => {
  session = await startSession();
  await session.store.coverage.replace('test:ev', [], [zone]);
});
afterAll(async () => {
  await session?.close();
});

/** 120 m heat trench from inside the district to 60 m beyond its coverage, as an upload in RD New. */
const EAST = JSON.stringify({
  type: 'FeatureCollection',
  crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } },
  features: [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [[89_780, 436_100], [89_900, 436_100]] }, properties: { kind: 'heat', width_m: 0.8, depth_m: 1.0 } }],
});

describe('coverage in the browser', () => {
  it('draws the district coverage and a precaution zone, with a toggle and legend in the layers panel', async () => {
    const page = await session.open();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.waitForFunction(() => (window.__ondergrond!.overlays.coverage ?? 0) >= 2, undefined, { timeout: 15_000 });
    const toggle = page.locator('#coverage-toggle');
    expect(await toggle.isChecked()).toBe(true);
    expect(await page.locator('.coverage-item .legend li').count()).toBe(2);
    await expect(page.locator('.coverage-item').textContent()).resolves.toContain('Dekking en voorzorgszones');
    await session.screenshot(page, 'coverage-map-1440');
    await toggle.uncheck();
    expect(await toggle.isChecked()).toBe(false);
  });

  it('when a trench runs out of the district, shows the unknown-ground banner with the metres and layers, and never "Geen conflicten"', async () => {
    for (const [width, height, name] of [[1440, 900, 'coverage-unknown-ground-1440'], [390, 844, 'coverage-unknown-ground-390']] as const) {
      const page = await session.open();
      await page.setViewportSize({ width, height });
      // Along the northern street east past the district's edge (x 89 840): 60 m of the 120 m outside coverage.
      await page.click('#tab-check');
      await page.setInputFiles('#trench-file', { name: 'oost.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(EAST) });
      await page.click('#run-check');
      const banner = page.locator('#unknown-ground');
      await banner.waitFor();
      const text = (await banner.textContent()) ?? '';
      expect(text).toMatch(/^Onbekende grond: \d+,\d\d m van het tracé ligt buiten de dekking van kabels, leidingen, riolering, warmtenet, bomen en stations/);
      expect(text).toContain('60,00 m');
      expect(await page.locator('#check-results').textContent()).not.toContain('Geen conflicten');
      expect(await page.locator('#check-results tr[data-rule="coverage"]').count()).toBeGreaterThan(0);
      await banner.scrollIntoViewIfNeeded();
      await session.screenshot(page, name);
      await page.context().close();
    }
  });
});
