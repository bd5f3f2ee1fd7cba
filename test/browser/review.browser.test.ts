import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession, type BrowserSession } from './browser.ts';

let session: BrowserSession;
/** One admin page for the checks: opening a page costs seconds, and each test starts from an upload anyway. */
let admin: Page;
beforeAll(async () => {
  session = await startSession();
  admin = await session.open();
});
afterAll(async () => {
  await session?.close();
});

const rd = (coordinates: number[][], properties: object) => JSON.stringify({
  type: 'FeatureCollection',
  crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } },
  features: [{ type: 'Feature', geometry: { type: 'LineString', coordinates }, properties }],
});
/** West to east across Hudsonstraat: gas, water, the planned heat pipe, the sewer and three cables are crossed. */
const ACROSS_HUDSON = rd([[89_436, 435_960], [89_466, 435_960]], { kind: 'heat', width_m: 0.6, depth_m: 1.2 });
/** Along Hudsonstraat, 0.6 m from the water main: blocked, and it crosses the cross streets' networks. */
const ALONG_HUDSON = rd([[89_446.95, 435_790], [89_446.95, 436_170]], { kind: 'heat', width_m: 0.6, depth_m: 1.0 });
const ACROSS_CROSSED = ['gas-hudsonstraat', 'water-hudsonstraat', 'heat-planned-hudsonstraat', 'sewer-hudsonstraat-2', 'lv-hudsonstraat', 'mv-hudsonstraat', 'telecom-hudsonstraat'];

async function upload(page: Page, name: string, text: string) {
  await page.click('#tab-check');
  await page.setInputFiles('#trench-file', { name, mimeType: 'application/geo+json', buffer: Buffer.from(text) });
  await page.waitForFunction(() => (window.__ondergrond!.overlays.trench ?? 0) > 0);
}

async function check(page: Page) {
  const answer = page.waitForResponse((r) => r.url().includes('/api/checks') && r.request().method() === 'POST');
  await page.click('#run-check');
  await answer;
  await page.locator('#check-summary').waitFor();
}

/** Clicks the map at an RD New point, as a person would, and waits out OpenLayers' double-click delay. */
async function clickAt(page: Page, [x, y]: readonly [number, number]) {
  const box = (await page.locator('#map').boundingBox())!;
  const p = (await page.evaluate((c) => window.__ondergrond!.pixelFor(c), [x, y] as [number, number]))!;
  await page.mouse.click(box.x + p[0], box.y + p[1]);
  await page.waitForTimeout(400);
}

/** Both viewports the issue names, the element of interest scrolled into view. */
async function screenshots(page: Page, name: string, selector: string) {
  for (const [suffix, width, height] of [['', 1440, 900], ['-mobile', 390, 844]] as const) {
    await page.setViewportSize({ width, height });
    // To the top of the panel, then back by the height of the sticky tab bar, which would cover the first lines.
    await page.locator(selector).evaluate((e) => {
      e.scrollIntoView({ block: 'start' });
      document.querySelector('aside')?.scrollBy(0, -(document.querySelector('.tabs')?.getBoundingClientRect().height ?? 0) - 8);
    });
    await session.screenshot(page, `${name}${suffix}`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

describe('the longitudinal profile and the cross-section', () => {
  it('when a trench across Hudsonstraat is checked, the profile shows every crossed asset at its depth, assumed apart from measured, with clearance boxes and the trench bottom', async () => {
    const page = admin;
    await page.setViewportSize({ width: 1440, height: 900 });
    await upload(page, 'dwars-hudsonstraat.geojson', ACROSS_HUDSON);
    await check(page);
    const profile = page.locator('#check-profile');
    await profile.waitFor();
    const crossed = await profile.locator('g.crossing').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-id')));
    expect(crossed).toEqual(ACROSS_CROSSED);
    // Labels are drawn, not only tooltips: each asset's name and depth in Dutch numbers.
    const labels = await profile.locator('text.label').allTextContents();
    expect(labels).toContain('water-hudsonstraat 1,00 m');
    expect(labels.find((l) => l.startsWith('telecom-hudsonstraat'))).toMatch(/\d,\d\d m\*$/);
    expect(await profile.locator('g.crossing.assumed').count()).toBeGreaterThan(0);
    expect(await profile.locator('g.crossing.measured').count()).toBeGreaterThan(0);
    expect(await profile.locator('rect.clearance').count()).toBe(ACROSS_CROSSED.length);
    expect(await profile.locator('.trench-bottom').count()).toBe(1);
    // The legend says which is which, and the worst finding on the table is also the colour on the drawing.
    expect(await page.locator('#check-profile .profile-legend').textContent()).toMatch(/gemeten diepte.*aangenomen diepte \(\*\).*blokkerend/);
    const blockingRows = await page.locator('#check-results tr[data-severity="blocking"]').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-asset')));
    for (const id of await profile.locator('g.crossing.blocking').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-id')))) expect(blockingRows).toContain(id);
    // No label runs into the next one.
    const boxes = await profile.locator('text.label').evaluateAll((ts) => ts.map((t) => (t as SVGGraphicsElement).getBoundingClientRect()).map((b) => [b.left, b.right]));
    boxes.sort((a, b) => a[0]! - b[0]!);
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]![0]!).toBeGreaterThanOrEqual(boxes[i - 1]![1]! - 0.5);
    await screenshots(page, 'review-profile', '#check-profile');
  });

  it('when a trench runs along Hudsonstraat, the cross-section writes the names of the pipes beside it and reaches below the sewer', async () => {
    const page = admin;
    await upload(page, 'langs-hudsonstraat.geojson', ALONG_HUDSON);
    await check(page);
    const section = page.locator('#cross-section svg');
    await section.locator('text.label').first().waitFor();
    const labels = await section.locator('text.label').allTextContents();
    expect(labels.some((l) => /^water-hudsonstraat 1,00 m$/.test(l))).toBe(true);
    expect(labels.some((l) => /^sewer-hudsonstraat-\d 2,\d\d m$/.test(l))).toBe(true);
    const deepestTick = Math.max(...(await section.locator('text').allTextContents()).filter((t) => /^\d,\d$/.test(t)).map((t) => Number(t.replace(',', '.'))));
    expect(deepestTick).toBeGreaterThanOrEqual(3);
  });
});

describe('drawing a trench with the keyboard only', () => {
  it('tabs to the coordinate entry, adds vertices with Enter, is told about a swapped pair, removes one and checks the trench', async () => {
    const page = admin;
    await page.click('#tab-check');
    await page.focus('#draw-trench');
    for (let i = 0; i < 12 && !(await page.evaluate(() => document.activeElement?.closest('#coordinate-entry') !== null && document.activeElement?.tagName === 'SUMMARY')); i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY');
    await page.keyboard.press('Enter');
    expect(await page.locator('#coordinate-entry').getAttribute('open')).toBe('');
    const vertex = async (x: string, y: string) => {
      await page.focus('#coord-a');
      await page.keyboard.type(x);
      await page.keyboard.press('Tab');
      await page.keyboard.type(y);
      await page.keyboard.press('Enter');
    };
    await vertex('89436', '435960');
    // x and y swapped: named at the field, nothing added, the focus on the field to fix.
    await vertex('435960', '89466');
    await expect(page.locator('#coord-error').textContent()).resolves.toMatch(/x \(m\).*-7\.?000.*300\.?000/);
    expect(await page.locator('#coord-a').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('coord-a');
    await page.fill('#coord-a', '');
    await page.fill('#coord-b', '');
    await vertex('89450', '435960');
    await vertex('89466,5', '435960');
    expect(await page.locator('#coord-list li').count()).toBe(3);
    await page.locator('#coord-list li').nth(1).locator('button').focus();
    expect(await page.locator('#coord-list li').nth(1).locator('button').getAttribute('aria-label')).toBe('Punt 2 verwijderen');
    await page.keyboard.press('Enter');
    expect(await page.locator('#coord-list li').allTextContents()).toEqual(['89.436,00, 435.960,00 ✕', '89.466,50, 435.960,00 ✕']);
    await page.focus('#coord-use');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window.__ondergrond!.overlays.trench ?? 0) > 0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('run-check');
    const answer = page.waitForResponse((r) => r.url().includes('/api/checks') && r.request().method() === 'POST');
    await page.keyboard.press('Enter');
    const body = await (await answer).json();
    expect(body.report.summary.trenchLength_m).toBeCloseTo(30.5, 1);
    await page.locator('#check-profile g.crossing').first().waitFor();
  });
});

describe('a route under review', () => {
  it('a heat company is told what is missing, submits with its window; the municipality reads the full report, rejects; the company resubmits; approval refreshes the heat layer', async () => {
    const eneco = await session.server.tokenFor('Eneco', 'submitter', 'heat-company');
    const company = await session.open({ token: eneco });
    await company.setViewportSize({ width: 1440, height: 900 });
    await upload(company, 'langs-hudsonstraat.geojson', ALONG_HUDSON);
    await company.click('#tab-routes');
    const posted: string[] = [];
    company.on('request', (r) => { if (r.url().includes('/api/routes') && r.method() === 'POST') posted.push(r.url()); });

    // No name: a sentence that says what to do, at the field.
    await company.click('#submit-route');
    await expect(company.locator('#route-form-error').textContent()).resolves.toMatch(/^Geef het tracé een naam/);
    expect(await company.getAttribute('#route-name', 'aria-invalid')).toBe('true');
    expect(await company.evaluate(() => document.activeElement?.id)).toBe('route-name');
    // A preferred start before the earliest start is named with both dates, and nothing is sent.
    await company.fill('#route-name', 'Warmtenet Hudsonstraat');
    await company.fill('#route-earliest-start', '2027-03-01');
    await company.fill('#route-preferred-start', '2027-02-01');
    await company.click('#submit-route');
    await expect(company.locator('#route-form-error').textContent()).resolves.toBe('De gewenste start (1 feb 2027) ligt vóór de vroegste start (1 mrt 2027).');
    expect(await company.getAttribute('#route-preferred-start', 'aria-invalid')).toBe('true');
    expect(posted).toEqual([]);
    await company.fill('#route-preferred-start', '2027-04-01');
    await company.fill('#route-latest-end', '2027-10-01');
    await company.click('#submit-route');
    const row = company.locator('tr[data-status="submitted"]', { hasText: 'Warmtenet Hudsonstraat' });
    await row.waitFor();
    const id = (await row.getAttribute('data-route'))!;
    const stored = await session.server.call(`/api/routes/${id}`, 'GET', undefined, { token: eneco });
    expect(stored.body.feature.properties).toMatchObject({ preferred_start: '2027-04-01', earliest_start: '2027-03-01', latest_end: '2027-10-01' });
    // "6 / 9" says what it counts.
    expect(await company.locator('#route-list th').nth(3).textContent()).toBe('Bevindingen (blokkerend / totaal aantal bevindingen)');
    const { blocking, total } = { blocking: stored.body.report.summary.bySeverity.blocking, total: stored.body.report.summary.total };
    expect(await row.locator('.findings').getAttribute('title')).toBe(`${blocking} blokkerende van ${total} bevindingen`);

    // The municipality opens the route: the same table and profile as a check, history and versions.
    const engineer = await session.server.tokenFor('Gemeente Rotterdam', 'engineer', 'municipality');
    const review = await session.open({ token: engineer });
    await review.setViewportSize({ width: 1440, height: 900 });
    await review.click('#tab-routes');
    await review.locator(`tr[data-route="${id}"]`).click();
    const report = review.locator('#route-report');
    await report.locator('#route-summary').waitFor();
    expect(await report.locator('tbody tr').count()).toBe(total);
    const water = report.locator('tr[data-asset="water-hudsonstraat"][data-rule="horizontal-clearance"]');
    expect(await water.textContent()).toMatch(/Horizontale afstand.*water-hudsonstraat \(.+\).*0,60 m.*1,00 m.*m/s);
    expect(await report.locator('#route-profile g.crossing').count()).toBeGreaterThan(3);
    expect(await report.locator('.route-history li').allTextContents()).toEqual([expect.stringMatching(/versie 1 ingediend door Eneco/)]);
    expect(await review.evaluate(() => document.activeElement?.id)).toBe('route-report-title');
    await screenshots(review, 'review-route-report', '#route-report-title');
    await screenshots(review, 'review-route-profile', '#route-profile');
    await report.locator('input.reason').fill('Te dicht bij de drinkwaterleiding; leg het tracé aan de overkant.');
    await report.locator('button.reject').click();
    await report.locator('.route-history li[data-event="rejected"]').waitFor();

    // The company sees the rejection with its reason and resubmits another design: version 2 is in review.
    await upload(company, 'dwars-hudsonstraat.geojson', ACROSS_HUDSON);
    await company.click('#tab-routes');
    await company.locator('#route-list button.link').first().click();
    await company.locator(`tr[data-route="${id}"][data-status="rejected"]`).click();
    await company.locator('#route-report .decision-reason', { hasText: 'drinkwaterleiding' }).waitFor();
    await company.click('#resubmit-route');
    await company.locator('#route-report .route-versions li[data-version="2"]').waitFor();
    expect(await company.locator('#route-report .route-versions li').count()).toBe(2);
    expect(await company.locator('#route-report h3').textContent()).toMatch(/versie 2/);
    const v2 = await session.server.call(`/api/routes/${id}`, 'GET', undefined, { token: eneco });
    expect(v2.body.feature.properties).toMatchObject({ preferred_start: '2027-04-01', latest_end: '2027-10-01' });

    // Approval from the report: the heat layer and its count include the new planned route without a reload.
    await review.click('#tab-routes');
    await review.locator('#route-list button.link').first().click();
    await review.locator(`tr[data-route="${id}"][data-status="submitted"]`).click();
    await review.locator('#route-report .route-versions li[data-version="2"]').waitFor();
    const heatCount = async () => ((await session.server.call('/api/layers', 'GET')).body as { layer: string; count: number }[]).find((l) => l.layer === 'heat')!.count;
    const before = await heatCount();
    await review.locator('#route-report button.approve').click();
    await review.locator(`tr[data-route="${id}"][data-status="approved"]`).waitFor();
    expect(await heatCount()).toBe(before + 1);
    // The planned heat pipe is on the map now: clicking the route west of the gas main picks it, without a reload.
    await review.waitForFunction(() => (window.__ondergrond!.loaded.heat ?? 0) > 0);
    await expect.poll(async () => {
      await clickAt(review, [89_439, 435_960]);
      return review.locator('#feature-info dd').nth(1).textContent({ timeout: 1_000 }).catch(() => null);
    }, { timeout: 10_000 }).toBe(`route-${id}`);
    await review.click('#tab-layers');
    await expect(review.locator('li[data-layer="heat"] .muted').first().textContent()).resolves.toBe(`${before + 1} objecten`);
  }, 90_000);

  it('beside an approved route, lists the poor sewer in its opening and adds its replacement as a work in one click', async () => {
    // A sewer in poor condition (class 5, 1950) under Jan Kobellstraat, where no sewer work is planned yet.
    await session.store.features.insert('sewers', [{
      type: 'Feature', id: 'sewer-poor-kobell',
      geometry: { type: 'LineString', coordinates: [[89_600.4, 435_920], [89_600.4, 436_000]] },
      properties: { owner: 'Gemeente Rotterdam', status: 'existing', version: 1, system: 'gravity', depth_m: 2.4, diameter_mm: 400, street: 'Jan Kobellstraat', condition_class: 5, built_year: 1950 },
    }]);
    const eneco = await session.server.tokenFor('Eneco', 'submitter', 'heat-company');
    const engineer = await session.server.tokenFor('Gemeente Rotterdam', 'engineer', 'municipality');
    const feature = { type: 'Feature', geometry: { type: 'LineString', coordinates: [[89_599.2, 435_925], [89_599.2, 435_995]] }, properties: { kind: 'heat', width_m: 0.6, depth_m: 1.0, preferred_start: '2027-06-01' } };
    const submitted = await session.server.call('/api/routes?crs=EPSG:28992', 'POST', { name: 'Warmte Jan Kobellstraat', feature }, { token: eneco });
    expect(submitted.status).toBe(201);
    const id = (submitted.body as { id: string }).id;
    expect((await session.server.call(`/api/routes/${id}/decision`, 'POST', { decision: 'approved' }, { token: engineer })).status).toBeLessThan(300);

    const page = await session.open({ token: engineer });
    await page.click('#tab-routes');
    await page.locator(`tr[data-route="${id}"]`).click();
    const item = page.locator('#sewer-suggestions li[data-sewer="sewer-poor-kobell"]');
    await item.waitFor();
    expect(await item.textContent()).toMatch(/Jan Kobellstraat: 80 m, \d+ jaar, klasse 5/);
    await screenshots(page, 'review-sewer-suggestions', '#sewer-suggestions');
    await item.locator('button').click();
    await page.locator('#sewer-suggestions li[data-sewer="sewer-poor-kobell"]').waitFor({ state: 'detached' });
    const works = (await session.server.call('/api/works?crs=EPSG:28992', 'GET', undefined, { token: engineer })).body as { works: { properties: { type: string; sewer_id?: string; owner: string } }[] };
    expect(works.works.filter((w) => w.properties.sewer_id === 'sewer-poor-kobell').map((w) => [w.properties.type, w.properties.owner])).toEqual([['sewer', 'Gemeente Rotterdam']]);
    await page.close();
  }, 60_000);
});
