/**
 * Client benchmark in headless Chromium, three sections in one run:
 *
 * 1. Bundle: every file of client/dist raw, gzip -9 and brotli 11 in KiB, and the total; where pre-compressed
 *    `.br`/`.gz` siblings were built, their sizes as served.
 * 2. First load on the demo district through the real server (in-memory embedded store, the whole app on a
 *    loopback port, basemap off so nothing leaves loopback), a new browser context per run so nothing is cached:
 *    navigation start → first asset feature drawn on the map, → DOMContentLoaded, → load, their ratio, and the
 *    JavaScript's bytes on the wire (and how the server encoded it) from Resource Timing. Medians of BENCH_RUNS
 *    after one uncounted load. The first run on a machine writes a migrated store template (≈6 MB) to the temp
 *    folder, which saves later runs ≈15 s.
 * 3. Rendering: time to first render of BENCH_FEATURES (100 000) seeded line features and the frame time while
 *    panning over them. The API is answered from memory (page.route), so this measures the client, not the store.
 *    Reference in the same process: the same features drawn with a plain per-frame vector layer (what the client
 *    does for layers under 20 000 features), against the image layer it uses for big layers.
 *
 * 4. Overview from vector tiles: a seeded city of BENCH_TILE_ASSETS (100 000) assets through the real server: first
 *    render opened on the overview, zoom-out to it, pan and zoom frame times (scripts/bench/client-tiles.ts). Its
 *    reference is section 3: the same count of features drawn from GeoJSON.
 *
 *   npm run bench:client            (builds the client first if client/dist is missing or stale)
 *   BENCH_FEATURES=20000 BENCH_RUNS=5 npm run bench:client
 *   BENCH_SECTIONS=1,4 BENCH_TILE_ASSETS=1000000 npm run bench:client
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Feature, LineString } from 'geojson';
import type { Page } from 'playwright-core';
import { between, seeded } from '../../server/demo/seeded.ts';
import { CLIENT_DIST, clientRouter } from '../../server/http/client.ts';
import buildClient from '../../test/browser/build-client.setup.ts';
import { launchChromium } from '../../test/browser/chromium.ts';
import { bundleSizes, printBundle } from './client-bundle.ts';
import { firstLoads, printFirstLoads } from './client-first-load.ts';
import { overviewRenders, printOverviewRenders } from './client-tiles.ts';
import { median, printTable } from './stats.ts';

const N = Number(process.env.BENCH_FEATURES ?? 100_000);
/** The sections to run (all by default): section 4 at a million assets is long enough on its own. */
const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? '1,2,3,4').split(',').map(Number));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BOX = { minX: 87_000, minY: 433_500, size: 5_000 };
const NETWORKS = ['lv', 'mv', 'telecom', 'lighting'] as const;

function features(): Feature<LineString>[] {
  const random = seeded(7);
  return Array.from({ length: N }, (_, i) => {
    const x = between(random, BOX.minX, BOX.minX + BOX.size);
    const y = between(random, BOX.minY, BOX.minY + BOX.size);
    const length = between(random, 20, 200);
    const angle = random() * Math.PI * 2;
    return {
      type: 'Feature',
      id: `c${i}`,
      geometry: { type: 'LineString', coordinates: [[x, y], [+(x + Math.cos(angle) * length).toFixed(2), +(y + Math.sin(angle) * length).toFixed(2)]] },
      properties: { owner: 'Bench', status: 'existing', version: 1, network: NETWORKS[i % NETWORKS.length], depth_m: 0.6 },
    };
  });
}

async function run(page: Page, url: string, body: string, reportedCount: number) {
  const extent = [BOX.minX, BOX.minY, BOX.minX + BOX.size, BOX.minY + BOX.size];
  await page.route('**/api/**', (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/api/layers') return route.fulfill({ json: [{ layer: 'cables', count: reportedCount, extent }] });
    if (path === '/api/openapi.json') return route.fulfill({ json: { paths: {} } });
    if (path === '/api/layers/cables') return route.fulfill({ body, contentType: 'application/geo+json' });
    return route.fulfill({ json: { type: 'FeatureCollection', features: [] } });
  });
  await page.goto(`${url}/?token=bench&basemap=off`);
  await page.waitForFunction((n) => {
    const hook = window.__ondergrond;
    return !!hook && hook.loaded.cables === n && hook.rendered.cables! > 0 && hook.renderCompleteAt > hook.lastLoadAt;
  }, N, { timeout: 120_000, polling: 50 });
  const firstRender = await page.evaluate(() => window.__ondergrond!.renderCompleteAt);

  // Pan the way a keyboard user does: arrow keys, 128 px animated steps, round a square.
  const before = await page.evaluate(() => window.__ondergrond!.frameMs.length);
  const started = Date.now();
  await page.focus('#map');
  for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp']) {
    for (let step = 0; step < 6; step++) {
      await page.keyboard.press(key);
      await page.waitForTimeout(60);
    }
  }
  const seconds = (Date.now() - started) / 1000;
  const frames = await page.evaluate((skip) => window.__ondergrond!.frameMs.slice(skip), before);
  return { firstRender, frameMs: median(frames), fps: frames.length / seconds };
}

await buildClient();
if (SECTIONS.has(1)) {
  console.log('Bundle: client/dist');
  printBundle(bundleSizes(CLIENT_DIST));
  console.log();
}

const body = JSON.stringify({ type: 'FeatureCollection', features: features() });
const app = express().use(clientRouter());
const server = app.listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await launchChromium();

const modes = [
  { name: 'image layer (client default above 20 000)', reported: N },
  { name: 'per-frame vector layer (reference)', reported: 1 },
];
const results = new Map<string, { firstRender: number[]; frameMs: number[]; fps: number[] }>();
const TILE_ASSETS = Number(process.env.BENCH_TILE_ASSETS ?? 100_000);
let overview: Awaited<ReturnType<typeof overviewRenders>> = [];
try {
  if (SECTIONS.has(2)) {
    const loads = await firstLoads(browser, RUNS);
    console.log(`First load on the demo district through the real server, 1440×900, a new browser context each run; ${RUNS} runs`);
    printFirstLoads(loads);
    console.log();
  }

  for (let i = 0; i < (SECTIONS.has(3) ? RUNS : 0); i++) {
    for (const mode of modes) {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      const page = await context.newPage();
      const r = await run(page, url, body, mode.reported);
      await context.close();
      const entry = results.get(mode.name) ?? { firstRender: [], frameMs: [], fps: [] };
      entry.firstRender.push(r.firstRender);
      entry.frameMs.push(r.frameMs);
      entry.fps.push(r.fps);
      results.set(mode.name, entry);
    }
  }
  if (SECTIONS.has(4)) overview = await overviewRenders(browser, RUNS, TILE_ASSETS);
} finally {
  await browser.close();
  server.close();
}

if (SECTIONS.has(3)) {
  console.log(`${N.toLocaleString('en')} seeded line features (20–200 m) in a 5×5 km box, RD New; ${RUNS} runs each, medians; headless Chromium, --disable-gpu`);
  const reference = results.get(modes[1]!.name)!;
  printTable(
    ['mode', 'first render ms', 'pan frame ms', 'pan frames/s', 'frame ms vs reference'],
    modes.map((mode) => {
      const r = results.get(mode.name)!;
      return [mode.name, median(r.firstRender).toFixed(0), median(r.frameMs).toFixed(1), median(r.fps).toFixed(1), (median(r.frameMs) / median(reference.frameMs)).toFixed(2)];
    }),
  );
  console.log();
}

if (SECTIONS.has(4)) {
  console.log(`Overview of a seeded city of ${TILE_ASSETS.toLocaleString('en')} assets from vector tiles through the real server, 1440×900; one run on a cold server, then ${RUNS} (medians)`);
  printOverviewRenders(overview);
}
