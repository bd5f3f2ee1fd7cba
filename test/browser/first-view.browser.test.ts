import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession, type BrowserSession } from './browser.ts';

let session: BrowserSession;
beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => {
  await session?.close();
});

const resolution = (page: Page) => page.evaluate(() => window.__ondergrond!.resolution!);
const centre = async (page: Page) => {
  const box = (await page.locator('#map').boundingBox())!;
  return [box.x + box.width / 2, box.y + box.height / 2] as const;
};
const drawn = (page: Page) => page.evaluate(() => Object.values(window.__ondergrond!.rendered).reduce((a, b) => a + b, 0));

describe('the map before anything was clicked', () => {
  it('zooms with the mouse wheel and pans with the first drag (regression: OpenLayers onFocusOnly with a tabindex on #map)', async () => {
    const page = await session.open();
    const before = await resolution(page);
    const [x, y] = await centre(page);
    await page.mouse.move(x, y);
    await page.mouse.wheel(0, -300);
    await page.waitForFunction((r) => window.__ondergrond!.resolution! < r, before, { timeout: 5_000 });
    expect(await page.evaluate(() => document.activeElement?.id)).not.toBe('map');

    const second = await session.open();
    const [a, b] = await centre(second);
    const from = await second.evaluate(([px, py]) => window.__ondergrond!.coordinateFor([px, py]), [200, 200] as [number, number]);
    await second.mouse.move(a, b);
    await second.mouse.down();
    await second.mouse.move(a + 60, b + 40, { steps: 4 });
    await second.mouse.up();
    const to = await second.evaluate(([px, py]) => window.__ondergrond!.coordinateFor([px, py]), [200, 200] as [number, number]);
    expect(to![0]).toBeLessThan(from![0] - 10);
    await page.context().close();
    await second.context().close();
  });
});

/** Three water mains and their register's area in Groningen, 200 km from the demo district in Rotterdam. */
async function importGroningen() {
  const RD = { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } } };
  const main = (n: number) => ({
    type: 'Feature', id: `gn-water-${n}`,
    geometry: { type: 'LineString', coordinates: [[233_400, 582_000 + n * 20], [233_600, 582_000 + n * 20]] },
    properties: { owner: 'Waterbedrijf Groningen', medium: 'water', diameter_mm: 160, depth_m: 1.1 },
  });
  const { status } = await session.server.call('/api/layers/pipes/features', 'POST', { type: 'FeatureCollection', ...RD, features: [main(1), main(2), main(3)] });
  expect(status).toBe(201);
  await session.store.coverage.replace('test:groningen', [{
    source: 'test:groningen', layer: 'pipes', owner: 'Waterbedrijf Groningen', kind: 'declared',
    geometry: { type: 'Polygon', coordinates: [[[233_300, 581_950], [233_700, 581_950], [233_700, 582_150], [233_300, 582_150], [233_300, 581_950]]] },
  }], []);
}

describe('with data at both ends of the country', () => {
  beforeAll(importGroningen);

  it('opens where assets load and draws them, not on the whole extent at 265 m/px', async () => {
    const page = await session.open();
    await page.waitForFunction(() => Object.values(window.__ondergrond!.rendered).some((n) => n > 0), undefined, { timeout: 15_000 });
    expect(await resolution(page)).toBeLessThanOrEqual(8);
    await expect(page.locator('#zoom-hint').isVisible()).resolves.toBe(false);
    await page.context().close();
  });

  it('"zoom to all" and the pipes ⤢ land where features load, and zoomed out the coverage outlines still draw', async () => {
    const page = await session.open();
    await page.locator('#map').focus();
    const [x, y] = await centre(page);
    await page.mouse.move(x, y);
    for (let i = 0; i < 20 && (await resolution(page)) < 100; i++) {
      const was = await resolution(page);
      await page.mouse.wheel(0, 800);
      await page.waitForFunction((r) => window.__ondergrond!.resolution !== r, was);
    }
    expect(await resolution(page)).toBeGreaterThan(8);
    // Let the last wheel zoom's animation end, or it would carry on past the button's fit.
    const wheeled = await page.evaluate(() => performance.now());
    await page.waitForFunction((t) => window.__ondergrond!.renderCompleteAt > t, wheeled);
    await page.waitForFunction(() => (window.__ondergrond!.overlays.coverage ?? 0) > 0, undefined, { timeout: 10_000 });
    await page.getByRole('button', { name: 'Zoom naar alles' }).click();
    expect(await resolution(page)).toBeLessThanOrEqual(8);
    await page.waitForFunction(() => Object.values(window.__ondergrond!.rendered).some((n) => n > 0));
    await page.getByRole('button', { name: /^Zoom naar leidingen/i }).first().click();
    expect(await resolution(page)).toBeLessThanOrEqual(8);
    await page.waitForFunction(() => (window.__ondergrond!.rendered.pipes ?? 0) > 0);
    expect(await drawn(page)).toBeGreaterThan(0);
    await page.context().close();
  });

  it('opens the next visit where the last one looked', async () => {
    const page = await session.open();
    const [x, y] = await centre(page);
    await page.mouse.move(x, y);
    const before = await resolution(page);
    await page.mouse.wheel(0, -300);
    // Remembered once the zoom has ended where it ends.
    await page.waitForFunction((r) => {
      const saved = JSON.parse(localStorage.getItem('ondergrond.view') ?? 'null') as { resolution: number } | null;
      return !!saved && saved.resolution < r && saved.resolution === window.__ondergrond!.resolution;
    }, before);
    const looked = await page.evaluate(() => JSON.parse(localStorage.getItem('ondergrond.view')!) as { resolution: number });
    const again = await page.context().newPage();
    await again.goto(`${session.server.url}/?token=${session.server.token}`);
    await again.waitForFunction(() => !!window.__ondergrond);
    await again.waitForFunction((r) => Math.abs(window.__ondergrond!.resolution! - r) < 1e-6, looked.resolution, { timeout: 10_000 });
    await page.context().close();
  });
});
