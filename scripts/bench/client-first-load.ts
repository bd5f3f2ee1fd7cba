/**
 * First load of the client on the demo district through the real server: a throwaway in-memory embedded store
 * with the demo loaded, the whole app (API and client/dist) on a free loopback port, and per run a new browser
 * context, so nothing is cached. Measures, from navigation start, the first asset feature drawn on the map and
 * DOMContentLoaded, and the bytes the JavaScript bundle took on the wire.
 */
import type { Browser, Page } from 'playwright-core';
import { loadDemoIfEmpty } from '../../server/demo/load.ts';
import { createApp } from '../../server/http/app.ts';
import { createLogger } from '../../server/log.ts';
import { readPlanningRulesFile, readRuleSetFile } from '../../server/rules-file.ts';
import { openStore } from '../../server/store/index.ts';
import { closeWorkPool } from '../../server/workers/run-job.ts';

export interface FirstLoad {
  /** Navigation start → the first frame after which the test hook counts a drawn asset feature, ms. */
  firstDrawnMs: number;
  domContentLoadedMs: number;
  loadMs: number;
  /** The .js files: bytes on the wire (headers included), body as sent, body decoded. */
  jsTransfer: number;
  jsEncoded: number;
  jsDecoded: number;
  /** Every resource of the page, API answers included, on the wire. */
  allTransfer: number;
  /** Content-Encoding the server answered the .js files with ('identity' when none). */
  jsEncoding: string;
}

/**
 * Checks after every frame whether the map has drawn an asset feature and keeps the time of the first. A task
 * posted from requestAnimationFrame runs after that frame's rendering, where OpenLayers has just styled what it drew,
 * so the time is that frame's, not the next one's. A string rather than a function: tsx names inner arrow functions
 * through a helper (`__name`) that the page does not define.
 */
const PROBE = `(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    const hook = window.__ondergrond;
    if (hook && Object.values(hook.rendered).some((n) => n > 0)) {
      window.__firstDrawnAt = performance.now();
      channel.port1.close();
    } else requestAnimationFrame(() => channel.port2.postMessage(null));
  };
  requestAnimationFrame(() => channel.port2.postMessage(null));
})();`;

declare global {
  interface Window {
    __firstDrawnAt?: number;
  }
}

async function once(browser: Browser, url: string): Promise<FirstLoad> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page: Page = await context.newPage();
    await page.addInitScript(PROBE);
    const encodings = new Set<string>();
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.endsWith('.js')) encodings.add(response.headers()['content-encoding'] ?? 'identity');
    });
    await page.goto(url);
    await page.waitForFunction(() => (window.__firstDrawnAt ?? 0) > 0, undefined, { timeout: 30_000, polling: 100 });
    await page.waitForLoadState('load');
    const measured = await page.evaluate(() => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const js = resources.filter((r) => new URL(r.name).pathname.endsWith('.js'));
      // Inline reductions, no named helper: see PROBE.
      return {
        firstDrawnMs: window.__firstDrawnAt!,
        domContentLoadedMs: navigation.domContentLoadedEventEnd,
        loadMs: navigation.loadEventEnd,
        jsTransfer: js.reduce((s, r) => s + r.transferSize, 0),
        jsEncoded: js.reduce((s, r) => s + r.encodedBodySize, 0),
        jsDecoded: js.reduce((s, r) => s + r.decodedBodySize, 0),
        allTransfer: resources.reduce((s, r) => s + r.transferSize, navigation.transferSize),
      };
    });
    return { ...measured, jsEncoding: [...encodings].sort().join('+') || 'none' };
  } finally {
    await context.close();
  }
}

/**
 * `runs` cold first loads of `/?token=…` on the demo district, after one uncounted load that warms the server (its
 * prepared statements and JIT), so the runs compare what the browser fetches and draws.
 *
 * @example const loads = await firstLoads(browser, 5); median(loads.map((l) => l.firstDrawnMs))
 */
export async function firstLoads(browser: Browser, runs: number): Promise<FirstLoad[]> {
  const store = await openStore({});
  const log = createLogger({ level: 'silent' });
  try {
    await loadDemoIfEmpty(store);
    const { token } = await store.access.createToken('Gemeente Rotterdam', 'municipality', 'admin', 'bench');
    const app = createApp(store, {
      bodyLimit: '1mb',
      maxFeatures: 1_000,
      maxCoordinates: 10_000,
      rules: readRuleSetFile('data/rules/nl-default.json'),
      planningRules: readPlanningRulesFile('data/rules/planning.json'),
      log,
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/?token=${token}`;
    try {
      await once(browser, url);
      const loads: FirstLoad[] = [];
      for (let i = 0; i < runs; i++) loads.push(await once(browser, url));
      return loads;
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  } finally {
    await closeWorkPool();
    await store.close();
  }
}
