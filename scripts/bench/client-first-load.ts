/**
 * First load of the client on the demo district through the real server: a throwaway in-memory embedded store
 * (scripts/bench/pglite-template.ts) with the demo loaded, the whole app (API and client/dist) on a free loopback port, and per run a new browser
 * context, so nothing is cached. Measures, from navigation start, the first asset feature drawn on the map and
 * DOMContentLoaded, and the bytes the JavaScript bundle took on the wire.
 */
import type { Browser, Page } from 'playwright-core';
import { loadDemoIfEmpty } from '../../server/demo/load.ts';
import { withBenchServer } from './bench-server.ts';
import { median, printTable } from './stats.ts';

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
    const offsite: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).hostname !== '127.0.0.1') offsite.push(request.url());
    });
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
    if (offsite.length > 0) throw new Error(`the page asked for ${offsite.length} URLs off loopback (first ${offsite[0]}); the benchmark runs without network: keep basemap=off in the URL`);
    return { ...measured, jsEncoding: [...encodings].sort().join('+') || 'none' };
  } finally {
    await context.close();
  }
}

/**
 * `runs` cold first loads of `/?token=…&basemap=off` (no PDOK tiles: loopback only) on the demo district, after
 * one uncounted load that warms the server (its prepared statements and JIT), so the runs compare what the browser
 * fetches and draws.
 *
 * @example const loads = await firstLoads(browser, 5); median(loads.map((l) => l.firstDrawnMs))
 */
export async function firstLoads(browser: Browser, runs: number): Promise<FirstLoad[]> {
  return withBenchServer(loadDemoIfEmpty, async (url) => {
    await once(browser, url);
    const loads: FirstLoad[] = [];
    for (let i = 0; i < runs; i++) loads.push(await once(browser, url));
    return loads;
  });
}

/** Prints the medians of `loads`, one measure a row. */
export function printFirstLoads(loads: readonly FirstLoad[]): void {
  const at = (pick: (l: FirstLoad) => number) => median(loads.map(pick));
  const ms = (pick: (l: FirstLoad) => number) => [at(pick).toFixed(0), 'ms'];
  const kib = (pick: (l: FirstLoad) => number) => [(at(pick) / 1024).toFixed(1), 'KiB'];
  printTable(
    ['first load, cold (median)', 'value', 'unit'],
    [
      ['navigation start → first asset feature drawn', ...ms((l) => l.firstDrawnMs)],
      ['navigation start → DOMContentLoaded', ...ms((l) => l.domContentLoadedMs)],
      ['navigation start → load', ...ms((l) => l.loadMs)],
      ['first drawn / DOMContentLoaded', at((l) => l.firstDrawnMs / l.domContentLoadedMs).toFixed(2), '×'],
      ['JavaScript on the wire (headers included)', ...kib((l) => l.jsTransfer)],
      ['JavaScript body as sent', ...kib((l) => l.jsEncoded)],
      ['JavaScript decoded', ...kib((l) => l.jsDecoded)],
      ['JavaScript content-encoding', [...new Set(loads.map((l) => l.jsEncoding))].join(', '), ''],
      ['everything on the wire (page, assets, API)', ...kib((l) => l.allTransfer)],
    ],
  );
}
