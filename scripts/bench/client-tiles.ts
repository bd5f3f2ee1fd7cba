/**
 * The city overview drawn from vector tiles, through the real server on a seeded city (default 100 000 assets) in an
 * in-memory embedded store. Per run a new browser context (nothing cached), 1440×900, four measures:
 *
 * - first render: the client opened straight on the overview of the whole city (the view it remembers in
 *   localStorage set before load, ≥ 24 m per pixel): navigation start → the render that completes with every tile in;
 * - zoom: opened on the city's default view, zoomed out with the keyboard (`-`, animated) until the whole city is in
 *   view: first key press → render complete with every tile in;
 * - pan: frame times while panning over the overview with the arrow keys (as bench:client section 3 does);
 * - zoom through: `+` level by level from the overview down to the clickable GeoJSON view (≈ 1 m per pixel) and
 *   `-` back out, frame times throughout (window.__ondergrond.frameMs).
 */
import type { Browser, Page } from 'playwright-core';
import { citySide, ORIGIN } from './check-city.ts';
import { withBenchServer } from './bench-server.ts';
import { loadCity } from './load-city.ts';
import { median, percentile, printTable } from './stats.ts';

export interface OverviewRender {
  /** Navigation start → render complete with every tile in, opened on the overview, ms. */
  firstRenderMs: number;
  /** First zoom-out key press → render complete with every tile in, ms. */
  zoomMs: number;
  /** Tiles requested and their bytes on the wire (first render), features the style drew. */
  tiles: number;
  tileBytes: number;
  features: number;
  /** Frame times panning over the overview, and zooming in to the features and out again, ms. */
  panFrameMs: number[];
  zoomFrameMs: number[];
  zoomThroughMs: number;
}

/** The whole city in view at this many metres per pixel (and more), as the zoom measure ends. */
const OVERVIEW_RESOLUTION = 24;

/**
 * `runs` overview renders after one uncounted run (the server's first statements plan and warm).
 *
 * @example const renders = await overviewRenders(browser, 3, 100_000); median(renders.map((r) => r.firstRenderMs))
 */
export async function overviewRenders(browser: Browser, runs: number, assets: number): Promise<OverviewRender[]> {
  const side = citySide(assets);
  const centre: [number, number] = [ORIGIN.x + side / 2, ORIGIN.y + side / 2];
  return withBenchServer((store) => loadCity(store, assets), async (url) => {
    const renders: OverviewRender[] = [];
    for (let i = 0; i <= runs; i++) {
      const render = await once(browser, url, centre);
      if (i > 0) renders.push(render);
    }
    return renders;
  });
}

async function once(browser: Browser, url: string, centre: [number, number]): Promise<OverviewRender> {
  const first = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    await first.addInitScript((view) => localStorage.setItem('ondergrond.view', view), JSON.stringify({ center: centre, resolution: OVERVIEW_RESOLUTION }));
    const page = await first.newPage();
    await page.goto(url);
    const firstRenderMs = await everyTileDrawn(page);
    const wire = await page.evaluate(() => {
      const tiles = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.name.includes('/api/tiles/'));
      return { tiles: tiles.length, tileBytes: tiles.reduce((s, r) => s + r.transferSize, 0), features: Object.values(window.__ondergrondTiles!.rendered).reduce((a, b) => a + b, 0) };
    });
    await page.focus('#map');
    const panFrameMs = await framesWhile(page, async () => {
      for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp']) {
        for (let step = 0; step < 6; step++) {
          await page.keyboard.press(key);
          await page.waitForTimeout(60);
        }
      }
    });
    const throughStarted = Date.now();
    const zoomFrameMs = await framesWhile(page, async () => {
      for (const key of ['+', '-']) {
        for (let level = 0; level < 5; level++) {
          await page.keyboard.press(key);
          await page.waitForTimeout(300);
        }
      }
      await everyTileDrawn(page);
    });
    const zoomThroughMs = Date.now() - throughStarted;

    const zoomMs = await zoomOut(browser, url);
    return { firstRenderMs, zoomMs, ...wire, panFrameMs, zoomFrameMs, zoomThroughMs };
  } finally {
    await first.close();
  }
}

/** Opened on the city's default view, `-` until the city is in view: first key → every tile drawn, ms. */
async function zoomOut(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => !!window.__ondergrond, undefined, { timeout: 30_000 });
    await page.focus('#map');
    const started = await page.evaluate(() => performance.now());
    for (let i = 0; i < 10 && (await page.evaluate(() => window.__ondergrond!.resolution ?? 0)) < OVERVIEW_RESOLUTION; i++) {
      await page.keyboard.press('-');
      await page.waitForFunction(() => true);
    }
    return (await everyTileDrawn(page)) - started;
  } finally {
    await context.close();
  }
}

/** Waits until the overview is drawn with every tile answered; returns that render's performance.now(). */
async function everyTileDrawn(page: Page): Promise<number> {
  await page.waitForFunction((overview) => {
    const tiles = window.__ondergrondTiles;
    if (!tiles) return false;
    const drawn = Object.values(tiles.rendered).reduce((a, b) => a + b, 0);
    return drawn > 0 && tiles.lastTileAt > 0 && window.__ondergrond!.renderCompleteAt > tiles.lastTileAt && (window.__ondergrond!.resolution ?? 0) >= overview;
  }, OVERVIEW_RESOLUTION, { timeout: 120_000, polling: 50 });
  return page.evaluate(() => window.__ondergrond!.renderCompleteAt);
}

/** The frame times (ms) the map composed while `act` ran. */
async function framesWhile(page: Page, act: () => Promise<void>): Promise<number[]> {
  const before = await page.evaluate(() => window.__ondergrond!.frames);
  await act();
  const after = await page.evaluate(() => window.__ondergrond!.frames);
  // frameMs keeps the last 500; the acts here stay well under that.
  return page.evaluate((n) => window.__ondergrond!.frameMs.slice(-n), Math.min(500, after - before));
}

/** Prints the medians of `renders`. */
export function printOverviewRenders(renders: readonly OverviewRender[]): void {
  const at = (pick: (r: OverviewRender) => number) => median(renders.map(pick));
  const frames = (pick: (r: OverviewRender) => number[]) => renders.flatMap(pick);
  printTable(
    ['overview from tiles (median of runs)', 'value', 'unit'],
    [
      ['first render: navigation start → render complete, every tile in', at((r) => r.firstRenderMs).toFixed(0), 'ms'],
      ['zoom: first zoom-out key → render complete, every tile in', at((r) => r.zoomMs).toFixed(0), 'ms'],
      ['tiles requested (first render)', at((r) => r.tiles).toFixed(0), ''],
      ['tile features drawn', at((r) => r.features).toFixed(0), ''],
      ['tiles on the wire', (at((r) => r.tileBytes) / 1024).toFixed(1), 'KiB'],
      ['pan over the overview: frame ms median / p95', `${median(frames((r) => r.panFrameMs)).toFixed(1)} / ${percentile(frames((r) => r.panFrameMs), 95).toFixed(1)}`, 'ms'],
      ['zoom in to the features and out: frame ms median / p95', `${median(frames((r) => r.zoomFrameMs)).toFixed(1)} / ${percentile(frames((r) => r.zoomFrameMs), 95).toFixed(1)}`, 'ms'],
      ['zoom in and out, 10 levels, until every tile is in', at((r) => r.zoomThroughMs).toFixed(0), 'ms'],
    ],
  );
}
