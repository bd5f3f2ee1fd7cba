import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDistrict } from '../../server/demo/district.ts';
import { drawTrench, startSession, type BrowserSession } from './browser.ts';

let session: BrowserSession;
beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => {
  await session?.close();
});

/** The demo's planned heat route on Hudsonstraat as an upload: 0.6 m wide, its edge 0.595 m from the water main. */
const HUDSON_HEAT = JSON.stringify({
  type: 'FeatureCollection',
  crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } },
  features: [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [[89_446.95, 435_790], [89_446.95, 436_170]] }, properties: { kind: 'heat', width_m: 0.6, depth_m: 1.0, name: 'Warmtenet Hudsonstraat' } }],
});

describe('checking a trench in a browser', () => {
  it('when the Hudsonstraat heat trench is uploaded and checked, lists the blocking clearance to the water main and highlights it', async () => {
    const page = await session.open();
    await page.click('#tab-check');
    await page.setInputFiles('#trench-file', { name: 'hudsonstraat.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(HUDSON_HEAT) });
    const answer = page.waitForResponse((r) => r.url().includes('/api/checks') && r.request().method() === 'POST');
    await page.click('#run-check');
    const body = await (await answer).json();
    const water = body.report.conflicts.find((c: { assetId: string; rule: string }) => c.assetId === 'water-hudsonstraat' && c.rule === 'horizontal-clearance');
    expect(water).toMatchObject({ severity: 'blocking', required_m: 1 });
    expect(water.measured_m).toBeCloseTo(0.595, 3);

    const row = page.locator('tr[data-asset="water-hudsonstraat"][data-rule="horizontal-clearance"]').first();
    await row.waitFor();
    expect(await row.getAttribute('data-severity')).toBe('blocking');
    expect(await row.textContent()).toMatch(/0,60 m.*1,00 m/);
    await row.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window.__ondergrond!.overlays.conflicts ?? 0) > 0);
    expect(await page.locator('#cross-section svg .asset').count()).toBeGreaterThan(2);
    // The keyboard user stays where they were: on the chosen row, then on the section slider step by step.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TR');
    const at = Number(await page.inputValue('#section-chainage'));
    await page.focus('#section-chainage');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('section-chainage');
    expect(Number(await page.inputValue('#section-chainage'))).toBe(at + 2);
    await expect(page.locator('#section-at').textContent()).resolves.toBe(` ${at + 2} m`);
    expect(await page.inputValue('#trench-width')).toBe('0.6');
    await session.screenshot(page, 'check-hudsonstraat');
  });
});

describe('drawing a trench can be cancelled, and the form is checked before sending', () => {
  it('Escape, the cancel button and leaving the tab each stop a drawing and bring back the trench from before; a negative width is named', async () => {
    const page = await session.open();
    await drawTrench(page, [89_597.5, 435_800], [89_597.5, 435_880]);
    const box = (await page.locator('#map').boundingBox())!;
    const clickAt = async (c: [number, number]) => {
      const p = (await page.evaluate((at) => window.__ondergrond!.pixelFor(at), c))!;
      await page.mouse.click(box.x + p[0], box.y + p[1]);
    };
    const drawing = () => page.locator('#draw-trench').getAttribute('aria-pressed');
    for (const cancel of ['Escape', 'button', 'tab'] as const) {
      await page.click('#draw-trench');
      await expect(drawing()).resolves.toBe('true');
      await clickAt([89_520, 435_900]);
      if (cancel === 'Escape') await page.keyboard.press('Escape');
      else if (cancel === 'button') await page.click('#cancel-draw');
      else await page.click('#tab-layers').then(() => page.click('#tab-check'));
      await expect(drawing(), cancel).resolves.toBe('false');
      expect(await page.locator('#cancel-draw').count(), cancel).toBe(0);
      // The trench drawn before is still the one on the map.
      await page.waitForFunction(() => (window.__ondergrond!.overlays.trench ?? 0) > 0);
    }
    // A negative width is named in the form, not sent.
    const sent: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/api/checks')) sent.push(r.url()); });
    await page.fill('#trench-width', '-1');
    await page.locator('#trench-width').dispatchEvent('change');
    await page.click('#run-check');
    await page.locator('#message .error', { hasText: 'Vul bij breedte een getal in van 0,05 tot en met 10 m.' }).waitFor();
    await expect(page.locator('#trench-width').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(sent).toEqual([]);
  });
});

describe('submitting and reviewing a heat route in a browser', () => {
  it('when a heat company draws and submits a route, the municipality approves it in the same list', async () => {
    const submitter = await session.server.tokenFor('Eneco', 'submitter', 'heat-company');
    const page = await session.open({ token: submitter });
    await drawTrench(page, [89_597.5, 435_800], [89_597.5, 435_880]);
    await page.click('#tab-routes');
    await page.fill('#route-name', 'Warmtenet Jan Kobellstraat zuid');
    await page.click('#submit-route');
    const submitted = page.locator('tr[data-status="submitted"]', { hasText: 'Warmtenet Jan Kobellstraat zuid' });
    await submitted.waitFor();
    const id = (await submitted.getAttribute('data-route'))!;
    // The heat company follows its review but is not offered the municipality's decision.
    expect(await submitted.locator('button.approve').count()).toBe(0);
    await session.screenshot(page, 'route-submitted');
    // Nor a plan computation its role would be refused: it is told who computes plans instead.
    await page.click('#tab-plan');
    await page.locator('#plan-may-not').waitFor();
    expect(await page.locator('#compute-plan').count()).toBe(0);

    const engineer = await session.server.tokenFor('Gemeente Rotterdam', 'engineer', 'municipality');
    const review = await session.open({ token: engineer });
    await review.click('#tab-routes');
    await review.locator(`tr[data-route="${id}"] button.approve`).click();
    await review.locator(`tr[data-route="${id}"][data-status="approved"]`).waitFor();
    const stored = await session.server.call(`/api/routes/${id}`);
    expect(stored.body.status).toBe('approved');
    await session.screenshot(review, 'route-approved');
  });
});

describe('planning in a browser', () => {
  it('when the planner computes a plan, shows the timeline and downloads the XLSX export', async () => {
    // The demo district brings its planned works; the planner plans them.
    const listed = await session.server.call('/api/works', 'GET');
    expect(listed.status).toBe(200);
    expect(listed.body.works.length).toBeGreaterThanOrEqual(demoDistrict().works.length); // plus the heat work of a route approved earlier in this file

    const page = await session.open();
    await page.click('#tab-plan');
    await page.click('#compute-plan');
    await page.locator('#plan-metrics').waitFor({ timeout: 30_000 });
    expect(await page.locator('.timeline svg .opening').count()).toBeGreaterThan(0);
    await page.waitForFunction(() => (window.__ondergrond!.overlays.openings ?? 0) > 0);
    // The date slider keeps the focus under arrow keys and moves one day per key.
    await page.focus('#plan-slider');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('plan-slider');
    expect(await page.inputValue('#plan-slider')).toBe('2');
    const download = page.waitForEvent('download');
    await page.click('a[data-export="xlsx"]');
    const file = await download;
    const path = await file.path();
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    // The Dutch interface's CSV opens in columns in Dutch Excel: semicolons and a byte order mark.
    const csvDownload = page.waitForEvent('download');
    await page.click('a[data-export="csv"]');
    const csv = readFileSync(await (await csvDownload).path());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8').split('\r\n')[0]).toContain(';');
    await session.screenshot(page, 'plan-timeline');
  });
});
