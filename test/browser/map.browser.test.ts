import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession, type BrowserSession } from './browser.ts';

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
    await page.waitForFunction(() => Object.values(window.__ondergrond!.rendered).filter((n) => n > 0).length === 7, undefined, { timeout: 15_000 });
    const { loaded, rendered } = await page.evaluate(() => ({ loaded: window.__ondergrond!.loaded, rendered: window.__ondergrond!.rendered }));
    expect(loaded).toMatchObject({ pipes: 17, stations: 2, heat: 2 });
    for (const layer of ['cables', 'pipes', 'sewers', 'heat', 'trees', 'stations', 'streets']) expect(rendered[layer], layer).toBeGreaterThan(0);
    // The token left the address bar once it was read.
    expect(page.url()).not.toContain('token=');
    await session.screenshot(page, 'map-demo-layers');
  });
});
