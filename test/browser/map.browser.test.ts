import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawTrench, startSession, type BrowserSession } from './browser.ts';

let session: BrowserSession;
beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => {
  await session?.close();
});

describe('the map in a browser', () => {
  it('loads the demo layers and draws features of every layer, with no basemap reachable', async () => {
    const page = await session.open();
    await page.waitForFunction(() => Object.values(window.__ondergrond!.rendered).filter((n) => n > 0).length === 8, undefined, { timeout: 15_000 });
    const { loaded, rendered } = await page.evaluate(() => ({ loaded: window.__ondergrond!.loaded, rendered: window.__ondergrond!.rendered }));
    expect(loaded).toMatchObject({ pipes: 17, stations: 2, heat: 2 });
    for (const layer of ['cables', 'pipes', 'sewers', 'heat', 'trees', 'stations', 'streets', 'reservations']) expect(rendered[layer], layer).toBeGreaterThan(0);
    // The token left the address bar once it was read.
    expect(page.url()).not.toContain('token=');
    await session.screenshot(page, 'map-demo-layers');
  });

  it('zoomed out beyond where assets load, says so on the map and zooms back in on a click', async () => {
    const page = await session.open();
    const hint = page.locator('#zoom-hint');
    expect(await hint.isVisible()).toBe(false);
    await page.locator('#map').focus();
    for (let i = 0; i < 12 && !(await hint.isVisible()); i++) {
      await page.mouse.move(400, 400);
      await page.mouse.wheel(0, 600);
      await page.waitForTimeout(150);
    }
    // The server draws tiles, so the far view is an overview and the hint says what zooming in adds.
    await expect(hint.textContent()).resolves.toMatch(/^Overzicht: zoom in om kabels, leidingen en bomen aan te klikken/);
    expect(await page.evaluate(() => window.__ondergrond!.resolution)).toBeGreaterThan(8);
    await session.screenshot(page, 'map-zoom-hint');
    await page.click('#zoom-in-assets');
    await hint.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => window.__ondergrond!.resolution)).toBeLessThanOrEqual(8);
  });

  it('speaks the language a link asks for with ?lang=', async () => {
    const page = await session.open({ query: '&lang=en' });
    await expect(page.locator('#tab-layers').textContent()).resolves.toBe('Layers');
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
  });

  it('loads with no failed request, the bundle brotli-compressed and cached, and a favicon', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    const failed: string[] = [];
    const bundle: Record<string, string | undefined>[] = [];
    page.on('response', (res) => {
      if (res.status() >= 400) failed.push(`${res.status()} ${new URL(res.url()).pathname}`);
      if (/\/assets\/index-[^/]+\.js$/.test(res.url())) bundle.push(res.headers());
    });
    await page.goto(`${session.server.url}/?token=${session.server.token}`);
    await page.waitForFunction(() => Object.values(window.__ondergrond?.rendered ?? {}).some((n) => n > 0), undefined, { timeout: 15_000 });
    await expect(page.locator('link[rel="icon"]').getAttribute('href')).resolves.toBe('./favicon.svg');
    expect(failed).toEqual([]);
    expect(bundle[0]).toMatchObject({ 'content-encoding': 'br', 'cache-control': 'public, max-age=31536000, immutable' });
    await context.close();
  });
});

describe('feature information and language', () => {
  it('when the water main on Hudsonstraat is clicked, shows its owner, depth and that the depth was measured', async () => {
    const page = await session.open();
    const box = (await page.locator('#map').boundingBox())!;
    const pixel = await page.evaluate(() => window.__ondergrond!.pixelFor([89_446.0, 435_950]));
    await page.mouse.click(box.x + pixel![0], box.y + pixel![1]);
    const info = page.locator('#feature-info');
    await info.getByText('water-hudsonstraat').waitFor();
    await expect(info.textContent()).resolves.toMatch(/Evides/);
    // The clicked main stands out on the map until the information is closed.
    expect(await page.evaluate(() => window.__ondergrond!.overlays.selected)).toBe(1);
    await expect(info.locator('[data-depth-source]').textContent()).resolves.toBe('gemeten');
    await page.click('#language');
    await info.getByText('Feature information').waitFor();
    await expect(info.locator('[data-depth-source]').textContent()).resolves.toBe('measured');
    await session.screenshot(page, 'map-feature-info');
    await info.locator('button.link').click();
    await page.waitForFunction(() => window.__ondergrond!.overlays.selected === 0);
  });
});

describe('a reservation on the map', () => {
  it('when the future-trees strip east of Hudsonstraat is clicked, says what it keeps space for, for whom and its source', async () => {
    const page = await session.open();
    const box = (await page.locator('#map').boundingBox())!;
    const pixel = await page.evaluate(() => window.__ondergrond!.pixelFor([89_456.3, 435_958]));
    await page.mouse.click(box.x + pixel![0], box.y + pixel![1]);
    const info = page.locator('#feature-info');
    await info.getByText('future-trees-hudsonstraat').waitFor();
    await expect(info.locator('[data-reservation]').allTextContents()).resolves.toEqual(['Ruimte voor toekomstige bomen', 'geen enkele sleuf', 'vanaf 1 jan 2026', 'Bomenplan Bospolder-Tussendijken (demo)']);
    await session.screenshot(page, 'map-reservation-info');
  });
});

describe('drawing a trench', () => {
  it('when a line is drawn along Schippersstraat, shows the trench and a to-scale cross-section of what it crosses', async () => {
    const page = await session.open();
    await drawTrench(page, [89_480, 436_021.5], [89_560, 436_021.5]);
    const section = page.locator('#cross-section svg');
    await section.waitFor();
    const crossed = await section.locator('.asset').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id')));
    expect(crossed).toEqual(expect.arrayContaining(['water-schippersstraat', 'sewer-schippersstraat-2', 'telecom-schippersstraat']));
    expect(await section.locator('.asset.assumed[data-id="telecom-schippersstraat"]').count()).toBe(1);
    await session.screenshot(page, 'draw-trench-section');
  });
});
