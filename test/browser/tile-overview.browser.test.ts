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
  it('loads its code on the first zoom-out, draws every layer from one tile request per tile, and hides a layer without fetching again', async () => {
    const page = await session.open();
    await page.setViewportSize({ width: 1440, height: 900 });
    const tiles: string[] = [];
    const scripts: string[] = [];
    page.on('response', (res) => {
      const path = new URL(res.url()).pathname;
      if (path.startsWith('/api/tiles/')) tiles.push(`${res.status()} ${path}`);
      if (path.endsWith('.js')) scripts.push(path);
    });
    // Zoomed in on the district, the tile code is not loaded yet.
    expect(await page.evaluate(() => window.__ondergrondTiles)).toBeUndefined();
    await page.locator('#map').focus();
    // About the map's centre, so the district stays in the middle when the window narrows.
    const box = (await page.locator('#map').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 12 && (await page.evaluate(() => window.__ondergrond!.resolution ?? 0)) <= 16; i++) {
      await page.mouse.wheel(0, 600);
      await page.waitForFunction(() => true);
    }
    expect(await page.evaluate(() => window.__ondergrond!.resolution)).toBeGreaterThan(8);
    await page.waitForFunction(() => Object.values(window.__ondergrondTiles?.rendered ?? {}).filter((n) => n > 0).length >= 6, undefined, { timeout: 15_000 });
    expect(scripts.some((s) => /\/tile-overview-[\w-]+\.js$/.test(s)), scripts.join(', ')).toBe(true);
    const { rendered, requests } = await page.evaluate(() => ({ rendered: window.__ondergrondTiles!.rendered, requests: window.__ondergrondTiles!.requests }));
    for (const layer of ['cables', 'pipes', 'sewers', 'trees', 'streets']) expect(rendered[layer], layer).toBeGreaterThan(0);
    expect(requests).toBeGreaterThan(0);
    expect(tiles.length).toBeGreaterThan(0);
    expect(tiles.filter((t) => !/^(200|204|304) \/api\/tiles\/\d+\/\d+\/\d+\.mvt$/.test(t))).toEqual([]);
    // One request per tile, not one per layer per tile.
    expect(new Set(tiles.map((t) => t.split(' ')[1])).size).toBe(tiles.length);
    await session.screenshot(page, 'map-tile-overview');

    await page.click('#tab-layers');
    // Every tile of the view in and drawn (rendercomplete waits for the tiles), so later requests would be refetches.
    await page.waitForFunction(() => window.__ondergrond!.renderCompleteAt > window.__ondergrondTiles!.lastTileAt);
    const before = tiles.length;
    await page.locator('[data-layer-toggle="cables"]').uncheck();
    await page.waitForFunction(() => window.__ondergrondTiles!.rendered.cables === 0);
    await page.locator('[data-layer-toggle="cables"]').check();
    await page.waitForFunction(() => window.__ondergrondTiles!.rendered.cables! > 0);
    expect(tiles.length).toBe(before);
    const rendered390 = await page.evaluate(() => window.__ondergrond!.renderCompleteAt);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction((at) => window.__ondergrond!.renderCompleteAt > at, rendered390);
    await session.screenshot(page, 'map-tile-overview-390');
  });
});
