/**
 * The zoomed-out overview drawn from vector tiles, through the real server on a seeded city (default 100 000
 * assets) in an in-memory embedded store: per run a new browser context, the client opened, then zoomed out with
 * the keyboard (`-`, 100 ms animation per level) until the whole city is in view (≥ 24 m per pixel). Measures from
 * the first key press to the render that completes with every tile answered, and the tiles' bytes on the wire.
 */
import type { Browser } from 'playwright-core';
import { withBenchServer } from './bench-server.ts';
import { loadCity } from './load-city.ts';
import { median, printTable } from './stats.ts';

export interface OverviewRender {
  /** First zoom-out key press → render complete with every tile answered, ms. */
  renderMs: number;
  tiles: number;
  features: number;
  tileBytes: number;
}

/**
 * `runs` overview renders after one uncounted run (the server's first statements plan and warm).
 *
 * @example const renders = await overviewRenders(browser, 3, 100_000); median(renders.map((r) => r.renderMs))
 */
export async function overviewRenders(browser: Browser, runs: number, assets: number): Promise<OverviewRender[]> {
  return withBenchServer((store) => loadCity(store, assets), async (url) => {
    const renders: OverviewRender[] = [];
    for (let i = 0; i <= runs; i++) {
      const render = await once(browser, url);
      if (i > 0) renders.push(render);
    }
    return renders;
  });
}

async function once(browser: Browser, url: string): Promise<OverviewRender> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => !!window.__ondergrond && !!window.__ondergrondTiles, undefined, { timeout: 30_000 });
    await page.focus('#map');
    const started = await page.evaluate(() => performance.now());
    for (let i = 0; i < 10 && (await page.evaluate(() => window.__ondergrond!.resolution ?? 0)) < 24; i++) {
      await page.keyboard.press('-');
      await page.waitForFunction(() => true);
    }
    await page.waitForFunction(() => {
      const tiles = window.__ondergrondTiles!;
      const drawn = Object.values(tiles.rendered).reduce((a, b) => a + b, 0);
      return drawn > 0 && tiles.lastTileAt > 0 && window.__ondergrond!.renderCompleteAt > tiles.lastTileAt && (window.__ondergrond!.resolution ?? 0) >= 24;
    }, undefined, { timeout: 120_000, polling: 50 });
    const measured = await page.evaluate(() => {
      const tiles = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.name.includes('/api/tiles/'));
      return {
        done: window.__ondergrond!.renderCompleteAt,
        tiles: tiles.length,
        tileBytes: tiles.reduce((s, r) => s + r.transferSize, 0),
        features: Object.values(window.__ondergrondTiles!.rendered).reduce((a, b) => a + b, 0),
      };
    });
    return { renderMs: measured.done - started, tiles: measured.tiles, features: measured.features, tileBytes: measured.tileBytes };
  } finally {
    await context.close();
  }
}

/** Prints the medians of `renders`. */
export function printOverviewRenders(renders: readonly OverviewRender[]): void {
  const at = (pick: (r: OverviewRender) => number) => median(renders.map(pick));
  printTable(
    ['overview from tiles (median)', 'value', 'unit'],
    [
      ['first zoom-out key → render complete, every tile in', at((r) => r.renderMs).toFixed(0), 'ms'],
      ['tiles requested', at((r) => r.tiles).toFixed(0), ''],
      ['tile features drawn', at((r) => r.features).toFixed(0), ''],
      ['tiles on the wire', (at((r) => r.tileBytes) / 1024).toFixed(1), 'KiB'],
    ],
  );
}
