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
