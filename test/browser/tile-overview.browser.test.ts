import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadResolution } from '../../client/map/asset-layers.ts';
import type { Asset } from '../../server/domain/assets/layers.ts';
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

  it('draws a layer too dense to fetch whole views of from tiles until closer in, then fetches and draws its features', async () => {
    // 12 000 trees in a 300 × 360 m block at the corner of the district: a view a few metres per pixel across would hold them all.
    const dense: Asset[] = Array.from({ length: 12_000 }, (_, i) => ({
      type: 'Feature',
      id: `dense-${i}`,
      geometry: { type: 'Point', coordinates: [89_800 + (i % 120) * 2.5, 436_000 + Math.floor(i / 120) * 3.6] },
      properties: { owner: 'Gemeente Rotterdam', status: 'existing', version: 1 },
    }));
    await session.store.features.insert('trees', dense);
    const trees = (await session.store.features.summaries()).find((s) => s.layer === 'trees')!;
    const from = loadResolution(trees.count, trees.extent);
    expect(from).toBeLessThan(8);

    const page = await session.open();
    await page.setViewportSize({ width: 1440, height: 900 });
    const treeLoads: string[] = [];
    page.on('request', (req) => {
      if (new URL(req.url()).pathname === '/api/layers/trees') treeLoads.push(req.url());
    });
    const showAt = async (resolution: number) => {
      // Before the page's own scripts, which remember every move of the view (init scripts run in turn: the last wins).
      await page.addInitScript((view) => localStorage.setItem('ondergrond.view', view), JSON.stringify({ center: [89_800, 436_000], resolution }));
      treeLoads.length = 0;
      await page.reload();
      await page.waitForFunction(() => !!window.__ondergrond && window.__ondergrond.renderCompleteAt > 0, undefined, { timeout: 20_000 });
    };

    // Between where the trees load and 8 m/px: the trees come from tiles, the other layers still as features.
    await showAt(from * 1.6);
    await page.waitForFunction(() => (window.__ondergrondTiles?.rendered.trees ?? 0) > 0 && window.__ondergrond!.renderCompleteAt > window.__ondergrondTiles!.lastTileAt, undefined, { timeout: 15_000 });
    expect(treeLoads).toEqual([]);
    expect(await page.evaluate(() => window.__ondergrond!.loaded.trees)).toBe(0);
    expect(await page.evaluate(() => window.__ondergrondTiles!.rendered.cables)).toBe(0);
    await page.waitForFunction(() => window.__ondergrond!.loaded.cables! > 0);
    expect(await page.locator('#zoom-hint').isVisible()).toBe(true);
    await session.screenshot(page, 'map-dense-layer-tiles');

    // Closer in than that, the trees in view are fetched as features (clickable), and the hint is gone.
    await showAt(from * 0.6);
    await page.waitForFunction(() => window.__ondergrond!.loaded.trees! > 0, undefined, { timeout: 15_000 });
    expect(treeLoads.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.__ondergrond!.loaded.trees)).toBeLessThan(12_000);
    expect(await page.locator('#zoom-hint').isVisible()).toBe(false);
    await session.screenshot(page, 'map-dense-layer-features');
  });
});
