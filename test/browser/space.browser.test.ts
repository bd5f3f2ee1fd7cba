import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession, type BrowserSession } from './browser.ts';

let session: BrowserSession;
beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => {
  await session?.close();
});

describe('the space scan in a browser', () => {
  it('scans the demo district for a twin heat pipe, colours the segments with a legend and explains a clicked one', async () => {
    const page = await session.open();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.click('#tab-space');
    expect(await page.inputValue('#space-width')).toBe('0.9');
    expect(await page.inputValue('#space-kind')).toBe('heat');
    const answer = page.waitForResponse((r) => r.url().includes('/api/space?'));
    await page.click('#space-scan');
    const body = await (await answer).json();
    expect(body.summary.fits + body.summary['does-not-fit']).toBeGreaterThan(10);
    await page.locator('#space-summary').waitFor();
    expect(await page.locator('#space-summary').textContent()).toMatch(/\d+ past, \d+ krap, \d+ past niet, \d+ onbekend/);
    expect(await page.locator('#space-legend li').allTextContents()).toEqual(['past', 'krap', 'past niet', 'onbekend', 'vrije ruimte voor de sleuf'].map((s) => ` ${s}`));

    // Hudsonstraat between Schiedamseweg and Taandwarsstraat: its trees take the whole width.
    const pixel = await page.evaluate(() => window.__ondergrond!.pixelFor([89_450, 435_840]));
    expect(pixel).not.toBeNull();
    await page.mouse.click(pixel![0], pixel![1]);
    const chosen = page.locator('#space-chosen');
    await chosen.waitFor();
    expect(await chosen.textContent()).toBe('Hudsonstraat (hudsonstraat-1): past niet');
    expect(await chosen.getAttribute('data-verdict')).toBe('does-not-fit');
    expect(await page.locator('#space-detail').textContent()).toContain('smalste vrije breedte 0,00 m');
    expect(await page.locator('#space-taken li').allTextContents()).toContainEqual(expect.stringMatching(/^tree-hudsonstraat-\d+ \(Bomen, Gemeente Rotterdam; boomwortelzone \d+,\d\d m\)$/));
    await session.screenshot(page, 'space-scan-1440');

    const download = page.waitForEvent('download');
    await page.click('button[data-export="csv"]');
    expect((await download).suggestedFilename()).toBe('ruimtescan-heat.csv');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('#space-chosen').scrollIntoViewIfNeeded();
    await session.screenshot(page, 'space-scan-390');
  });
});
