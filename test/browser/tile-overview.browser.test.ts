import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession, type BrowserSession } from './browser.ts';

let session: BrowserSession;
beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => {
  await session?.close();
});

describe('the zoomed-out overview', () => {
  it('draws the layers from vector tiles beyond where features load, styled as the features are', async () => {
    const page = await session.open();
    const tiles: string[] = [];
    page.on('response', (res) => {
      if (res.url().includes('/api/tiles/')) tiles.push(`${res.status()} ${new URL(res.url()).pathname}`);
    });
    expect(await page.evaluate(() => Object.values(window.__ondergrondTiles!.rendered).reduce((a, b) => a + b, 0))).toBe(0);
    await page.locator('#map').focus();
    for (let i = 0; i < 12 && (await page.evaluate(() => window.__ondergrond!.resolution ?? 0)) <= 16; i++) {
      await page.mouse.move(400, 400);
      await page.mouse.wheel(0, 600);
      await page.waitForFunction(() => true);
    }
    expect(await page.evaluate(() => window.__ondergrond!.resolution)).toBeGreaterThan(8);
    await page.waitForFunction(() => Object.values(window.__ondergrondTiles!.rendered).filter((n) => n > 0).length >= 6, undefined, { timeout: 15_000 });
    const { rendered, requests } = await page.evaluate(() => ({ rendered: window.__ondergrondTiles!.rendered, requests: window.__ondergrondTiles!.requests }));
    for (const layer of ['cables', 'pipes', 'sewers', 'trees', 'streets']) expect(rendered[layer], layer).toBeGreaterThan(0);
    expect(Object.values(requests).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(tiles.length).toBeGreaterThan(0);
    expect(tiles.filter((t) => !/^(200|204|304) /.test(t))).toEqual([]);
    await session.screenshot(page, 'map-tile-overview');
  });
});
