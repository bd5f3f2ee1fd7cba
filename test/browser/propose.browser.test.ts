import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession, type BrowserSession } from './browser.ts';

let session: BrowserSession;
beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => {
  await session?.close();
});

/** Clicks the map at an RD New point, as a person would. */
async function clickAt(page: Page, [x, y]: readonly [number, number]) {
  const box = (await page.locator('#map').boundingBox())!;
  const p = (await page.evaluate((c) => window.__ondergrond!.pixelFor(c), [x, y] as [number, number]))!;
  await page.mouse.click(box.x + p[0], box.y + p[1]);
  // OpenLayers reports a single click only once no second click followed within its double-click delay.
  await page.waitForTimeout(400);
}

describe('proposing a heat route in a browser', () => {
  it('propose, then submit: a heat company clicks two points, sees proposals, submits one and finds it in the routes panel as submitted', async () => {
    const eneco = await session.server.tokenFor('Eneco', 'submitter', 'heat-company');
    const page = await session.open({ token: eneco });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.waitForTimeout(300);
    await page.click('#tab-propose');
    expect(await page.inputValue('#propose-width')).toBe('0.9');
    expect(await page.inputValue('#propose-depth')).toBe('1');
    // Under the water mains, so a clean route exists across the district.
    await page.fill('#propose-depth', '1.45');
    await page.dispatchEvent('#propose-depth', 'change');
    await clickAt(page, [89_300, 435_800]);
    await clickAt(page, [89_805, 436_140]);
    await page.waitForFunction(() => !document.querySelector('#make-proposal')!.hasAttribute('disabled'));
    expect(await page.textContent('#propose-points')).toMatch(/Begin 89300, 435800, eind 89805, 436140/);

    const answered = page.waitForResponse((r) => r.url().includes('/api/routes/propose') && r.request().method() === 'POST', { timeout: 60_000 });
    await page.click('#make-proposal');
    const body = await (await answered).json();
    expect(body.proposals.length).toBeGreaterThanOrEqual(2);
    await page.locator('#proposal-2').waitFor();
    expect(await page.locator('#proposal-list li[data-clean="true"]').count()).toBe(body.proposals.length);
    expect(await page.textContent('#proposal-1')).toMatch(/Voorstel 1 past\s*\d{3},\d m · \d+ kruisingen · [\d.,]+ m in wortelzones · 0 blokkerend/);
    await session.screenshot(page, 'propose-proposals');
    await page.setViewportSize({ width: 390, height: 844 });
    await session.screenshot(page, 'propose-proposals-mobile');
    await page.setViewportSize({ width: 1440, height: 900 });

    await page.click('#proposal-2');
    expect(await page.getAttribute('#proposal-2', 'aria-pressed')).toBe('true');
    await page.click('#submit-proposal');
    const row = page.locator('tr[data-status="submitted"]', { hasText: 'Voorstel 2 van' });
    await row.waitFor();
    expect(await page.getAttribute('#tab-routes', 'aria-selected')).toBe('true');
    const id = (await row.getAttribute('data-route'))!;
    const stored = await session.server.call(`/api/routes/${id}?crs=EPSG:28992`, 'GET', undefined, { token: eneco });
    expect(stored.body).toMatchObject({ status: 'submitted', owner: 'Eneco' });
    expect(stored.body.feature.geometry.coordinates).toEqual(body.proposals[1].geometry.coordinates);
    expect(stored.body.report.summary.bySeverity.blocking).toBe(0);
    await session.screenshot(page, 'propose-submitted');
    await page.setViewportSize({ width: 390, height: 844 });
    await session.screenshot(page, 'propose-submitted-mobile');
  }, 120_000);
});
