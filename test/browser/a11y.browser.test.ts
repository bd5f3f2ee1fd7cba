import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession, type BrowserSession } from './browser.ts';

let session: BrowserSession;
let page: Page;
beforeAll(async () => {
  session = await startSession();
  page = await session.open();
});
afterAll(async () => {
  await session?.close();
});

/** A 80 m heat trench along Schippersstraat, inside the demo district, as an upload in RD New. */
const TRENCH = JSON.stringify({
  type: 'FeatureCollection',
  crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } },
  features: [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [[89_480, 436_021.5], [89_560, 436_021.5]] }, properties: { kind: 'heat', width_m: 0.8, depth_m: 1.0 } }],
});

/**
 * What each tab shows once a user has done its first thing, so the scan sees the results too (a table, a
 * cross-section, a timeline), not only the empty form. Tabs the other panels add later are scanned as they open.
 */
const FIRST_STEP: Record<string, (page: Page) => Promise<void>> = {
  check: async (p) => {
    if (await p.locator('#check-results tr').count()) return;
    await p.setInputFiles('#trench-file', { name: 'schippersstraat.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(TRENCH) });
    await p.click('#run-check');
    await p.waitForFunction(() => !!document.querySelector('#check-results')?.textContent?.trim(), undefined, { timeout: 30_000 });
  },
  plan: async (p) => {
    if (await p.locator('#plan-timeline svg').count()) return;
    await p.click('#compute-plan');
    await p.locator('#plan-timeline svg').waitFor({ timeout: 30_000 });
    // The demo's coupling opportunities are in the app, not only in the XLSX: listed, and marked on their rows.
    expect(await p.locator('#plan-coupling li').count()).toBeGreaterThan(0);
    expect(await p.locator('#plan-timeline .coupling').count()).toBeGreaterThan(0);
    expect(await p.locator('#plan-legend [data-type="sewer"]').textContent()).toContain('riolering');
  },
};

/** Serious and critical axe violations on the page as it is, one line each with where. */
async function violations(p: Page): Promise<string[]> {
  const { violations: found } = await new AxeBuilder({ page: p }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? v.help}`));
}

/** Brings the pipes into view with their ⤢ (the layers tab open), as a reader who panned away would. */
async function showPipes(p: Page) {
  await p.click('#tab-layers');
  await p.getByRole('button', { name: /^Zoom naar leidingen/i }).click();
}

/** Clicks the water main on Hudsonstraat, as a site supervisor taps a pipe, and waits for its information. */
async function tapWaterMain(p: Page) {
  const box = (await p.locator('#map').boundingBox())!;
  const pixel = (await p.evaluate(() => window.__ondergrond!.pixelFor([89_446.0, 435_950])))!;
  expect(pixel[0] > 0 && pixel[0] < box.width && pixel[1] > 0 && pixel[1] < box.height, `${pixel} in ${box.width}×${box.height}`).toBe(true);
  await p.mouse.click(box.x + pixel[0], box.y + pixel[1]);
  await p.locator('#feature-info').getByText('water-hudsonstraat').waitFor();
}

describe.each([[1440, 900], [390, 844]] as const)('every panel at %i×%i', (width, height) => {
  it('has no serious or critical accessibility violation, nothing scrolls sideways, and a screenshot of each tab', async () => {
    await page.setViewportSize({ width, height });
    const tabs = await page.locator('[role="tab"]').evaluateAll((nodes) => nodes.map((n) => n.id.replace(/^tab-/, '')));
    expect(tabs).toEqual(expect.arrayContaining(['layers', 'check', 'propose', 'routes', 'plan', 'space', 'import']));
    const found: string[] = [];
    const sideways: string[] = [];
    for (const tab of tabs) {
      await page.click(`#tab-${tab}`);
      await FIRST_STEP[tab]?.(page);
      found.push(...(await violations(page)).map((v) => `${tab}: ${v}`));
      // Neither the page nor the panel scrolls sideways (a wide timeline or table scrolls in its own box).
      const overflow = await page.evaluate(() => {
        const aside = document.querySelector('aside')!;
        return { page: document.scrollingElement!.scrollWidth - innerWidth, panel: aside.scrollWidth - aside.clientWidth };
      });
      if (overflow.page > 0 || overflow.panel > 1) sideways.push(`${tab}: page ${overflow.page} px, panel ${overflow.panel} px`);
      await session.screenshot(page, `tab-${tab}-${width}`);
      if (tab === 'plan') {
        await page.locator('#plan-timeline').scrollIntoViewIfNeeded();
        await session.screenshot(page, `plan-timeline-${width}`);
      }
    }
    await showPipes(page);
    await tapWaterMain(page);
    found.push(...(await violations(page)).map((v) => `info: ${v}`));
    await session.screenshot(page, `feature-info-${width}`);
    expect(found).toEqual([]);
    expect(sideways).toEqual([]);
  }, 240_000);
});

describe('on a phone', () => {
  it('the map takes the full width, the panel folds away and back, and a tapped pipe shows its information', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const map = (await page.locator('#map').boundingBox())!;
    expect(map.width).toBe(390);
    const toggle = page.locator('#panel-toggle');
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    await showPipes(page);
    await toggle.click();
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    expect(await page.locator('#panel').isVisible()).toBe(false);
    // Folded, the map has most of the screen, and every tab is still in reach.
    expect((await page.locator('#map').boundingBox())!.height).toBeGreaterThan(600);
    for (const tab of await page.locator('[role="tab"]').all()) {
      const box = (await tab.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await session.screenshot(page, 'phone-folded');
    await tapWaterMain(page);
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    expect(await page.locator('#feature-info').isVisible()).toBe(true);
    await session.screenshot(page, 'phone-feature-info');
  });

  it('keeps the desktop layout at 1440×900: the panel beside the map', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const map = (await page.locator('#map').boundingBox())!;
    const aside = (await page.locator('aside').boundingBox())!;
    expect(aside.x).toBeGreaterThanOrEqual(map.x + map.width - 1);
    expect(await page.locator('#panel-toggle').isVisible()).toBe(false);
  });
});
