import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { loadDemoIfEmpty } from '../../server/demo/load.ts';
import type { Store } from '../../server/store/index.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { openTestStore } from '../support/store.ts';

export { CHROMIUM, CHROMIUM_FLAGS, launchChromium } from './chromium.ts';

export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

export interface BrowserSession {
  store: Store;
  server: TestServer;
  browser: Browser;
  /** Opens the client as `${url}/?token=…` (the admin token unless another is given) and waits for the first render. */
  open(options?: { token?: string; query?: string }): Promise<Page>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/** A store with the demo district, the app on a free port, and Chromium. */
export async function startSession(): Promise<BrowserSession> {
  const store = await openTestStore();
  await loadDemoIfEmpty(store);
  const [server, browser] = await Promise.all([startTestServer(store, { bodyLimit: '20mb' }), launchChromium()]);
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    store,
    server,
    browser,
    async open({ token = server.token, query = '' } = {}) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
      await page.goto(`${server.url}/?token=${token}${query}`);
      await page.waitForFunction(() => {
        const hook = window.__ondergrond;
        return !!hook && Object.values(hook.rendered).some((n) => n > 0);
      }, undefined, { timeout: 20_000 });
      return page;
    },
    async screenshot(page, name) {
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
    },
    async close() {
      await browser?.close();
      await server?.close();
      await store?.close();
    },
  };
}

/**
 * Draws a trench on the map with the mouse, from one RD New point to another, as an engineer would: Check tab,
 * "draw", click the start, double-click the end. Resolves once the map shows the trench.
 */
export async function drawTrench(page: Page, from: readonly [number, number], to: readonly [number, number]): Promise<void> {
  await page.click('#tab-check');
  await page.click('#draw-trench');
  const box = (await page.locator('#map').boundingBox())!;
  const at = async ([x, y]: readonly [number, number]) => {
    const p = (await page.evaluate((c) => window.__ondergrond!.pixelFor(c), [x, y] as [number, number]))!;
    return [box.x + p[0], box.y + p[1]] as const;
  };
  const [x1, y1] = await at(from);
  const [x2, y2] = await at(to);
  await page.mouse.click(x1, y1);
  await page.mouse.dblclick(x2, y2);
  await page.waitForFunction(() => (window.__ondergrond!.overlays.trench ?? 0) > 0);
}
