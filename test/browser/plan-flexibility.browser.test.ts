import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession, type BrowserSession } from './browser.ts';

let session: BrowserSession;
beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => {
  await session?.close();
});

describe('flexibility in the plan panel', () => {
  it('when the planner asks what moving works would save, the demo district\'s series is drawn as a chart beside the opportunities', async () => {
    const page = await session.open();
    await page.click('#tab-plan');
    // The works list speaks the reader's language, headers and types alike (it said 'type', 'start' and 'cables').
    const works = page.locator('details', { has: page.locator('summary', { hasText: 'Werken (' }) });
    await works.locator('summary').click();
    expect(await works.locator('th').allTextContents()).toEqual(['Soort', 'Eigenaar', 'Naam', 'Gewenste start']);
    expect(await works.locator('tbody tr td:first-child').allTextContents()).toContain('kabels');
    await page.check('#plan-flex-series');
    const answer = page.waitForResponse((r) => r.url().includes('/api/plans') && r.request().method() === 'POST');
    await page.click('#compute-plan');
    const response = await answer;
    expect(JSON.parse(response.request().postData()!).options).toEqual({ flexibility: { series: [0, 3, 6, 12, 24, 60] } });
    const { plan } = await response.json();
    expect(plan.flexibility.series).toHaveLength(6);

    const chart = page.locator('#plan-flex .flex-chart svg');
    await chart.waitFor({ timeout: 30_000 });
    expect(await chart.locator('.openings-point').count()).toBe(6);
    expect(await chart.locator('.household-days-point').count()).toBe(6);
    expect(await chart.locator('text.month').allTextContents()).toEqual(['0', '3', '6', '12', '24', '60']);
    expect(await page.locator('#plan-flex h3').textContent()).toBe('Flexibiliteit');
    const listed = plan.flexibility.opportunities.length;
    if (listed) expect(await page.locator('#plan-flex-opportunities li').count()).toBe(listed);
    else expect(await page.locator('#plan-flex').textContent()).toContain('Meer speling levert geen extra koppelingen op.');

    await chart.scrollIntoViewIfNeeded();
    await page.setViewportSize({ width: 1440, height: 900 });
    await chart.scrollIntoViewIfNeeded();
    await session.screenshot(page, 'plan-flexibility-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await chart.scrollIntoViewIfNeeded();
    // Narrow, the chart keeps a readable size and scrolls inside its box, which stays on the screen.
    expect((await chart.boundingBox())!.width).toBeGreaterThanOrEqual(340);
    const box = (await page.locator('#plan-flex .flex-chart').boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    // A phone stacks the map over the panel: side by side the panel had 214 px and the chart hid its second axis.
    expect((await page.locator('aside').boundingBox())!.width).toBeGreaterThanOrEqual(380);
    expect(box.width).toBeGreaterThanOrEqual(340);
    await session.screenshot(page, 'plan-flexibility-390');
  });
});
