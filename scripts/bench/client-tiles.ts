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
 * `runs` + 1 overview renders: the first on a server that has made no tile yet (its tile cache cold, its statements
 * not yet planned), the rest on tiles it keeps, as a reader after the first finds them.
 *
 * @example const [cold, ...warm] = await overviewRenders(browser, 3, 100_000); median(warm.map((r) => r.firstRenderMs))
 */
export async function overviewRenders(browser: Browser, runs: number, assets: number): Promise<OverviewRender[]> {
  const side = citySide(assets);
  const centre: [number, number] = [ORIGIN.x + side / 2, ORIGIN.y + side / 2];
  return withBenchServer((store) => loadCity(store, assets), async (url) => {
    // Zooming in fetches features, which keeps a big city's embedded store busy for a while after: the zooms in and
    // out come last, so they do not slow the first renders and zoom-outs measured before them.
    const opened: Opened[] = [];
    for (let i = 0; i <= runs; i++) opened.push(await openOnOverview(browser, url, centre));
    const zooms: number[] = [];
    for (let i = 0; i <= runs; i++) zooms.push(await zoomOut(browser, url));
    const throughs: Pick<OverviewRender, 'zoomFrameMs' | 'zoomThroughMs'>[] = [];
    for (let i = 0; i <= runs; i++) throughs.push(await zoomThrough(browser, url, centre));
    return opened.map((o, i) => ({ ...o, zoomMs: zooms[i]!, ...throughs[i]! }));
  });
}

type Opened = Pick<OverviewRender, 'firstRenderMs' | 'tiles' | 'tileBytes' | 'features' | 'panFrameMs'>;

/** Opened straight on the overview (the remembered view set before load): first render, tiles, then a pan. */
async function openOnOverview(browser: Browser, url: string, centre: [number, number]): Promise<Opened> {
  const context = await onOverview(browser, centre);
  try {
    const page = await context.newPage();
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
    return { firstRenderMs, ...wire, panFrameMs };
  } finally {
    await context.close();
  }
}

/** From the overview `+` level by level down to the features (≈ 0.75 m/px) and `-` back out: frame times, time to settle. */
async function zoomThrough(browser: Browser, url: string, centre: [number, number]): Promise<Pick<OverviewRender, 'zoomFrameMs' | 'zoomThroughMs'>> {
  const context = await onOverview(browser, centre);
  try {
    const page = await context.newPage();
    await page.goto(url);
    await everyTileDrawn(page);
    await page.focus('#map');
    const started = Date.now();
    let settled = false;
    const zoomFrameMs = await framesWhile(page, async () => {
      for (const key of ['+', '-']) {
        for (let level = 0; level < 5; level++) {
          await page.keyboard.press(key);
          await page.waitForTimeout(300);
        }
      }
      // Zoomed in, the view fetches every asset of its box as GeoJSON: on a big city that may not settle soon.
      settled = await everyTileDrawn(page, SETTLE_MS, 8).then(() => true, () => false);
    });
    return { zoomFrameMs, zoomThroughMs: settled ? Date.now() - started : Number.NaN };
  } finally {
    await context.close();
  }
}

/** A browser context whose client opens on the overview of the city around `centre`. */
async function onOverview(browser: Browser, centre: [number, number]) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript((view) => localStorage.setItem('ondergrond.view', view), JSON.stringify({ center: centre, resolution: OVERVIEW_RESOLUTION }));
  return context;
}

/** Opened on the city's default view, `-` until the city is in view: first key → every tile drawn, ms. */
async function zoomOut(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => !!window.__ondergrond, undefined, { timeout: 120_000 });
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

/** How long the zoom in and out may take to settle before it is reported as not settling (NaN). */
const SETTLE_MS = 60_000;

/** Waits until the overview is drawn with every tile answered; returns that render's performance.now(). */
async function everyTileDrawn(page: Page, timeout = 120_000, minResolution = OVERVIEW_RESOLUTION): Promise<number> {
  await page.waitForFunction((overview) => {
    const tiles = window.__ondergrondTiles;
    if (!tiles) return false;
    const drawn = Object.values(tiles.rendered).reduce((a, b) => a + b, 0);
    return drawn > 0 && tiles.lastTileAt > 0 && window.__ondergrond!.renderCompleteAt > tiles.lastTileAt && (window.__ondergrond!.resolution ?? 0) >= overview;
  }, minResolution, { timeout, polling: 50 });
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

/** Prints the first (cold) render and the medians of the others. */
export function printOverviewRenders([cold, ...renders]: readonly OverviewRender[]): void {
  if (!cold) return;
  console.log(`server tile cache cold (first run): first render ${cold.firstRenderMs.toFixed(0)} ms, zoom ${cold.zoomMs.toFixed(0)} ms, zoom in and out ${cold.zoomThroughMs.toFixed(0)} ms`);
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
      ['zoom in and out, 10 levels, until every tile is in (NaN: not within 60 s)', at((r) => r.zoomThroughMs).toFixed(0), 'ms'],
    ],
  );
}
