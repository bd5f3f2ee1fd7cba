import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realdata, skipWithoutRealdata } from '../support/realdata.ts';
import { startSession, type BrowserSession } from './browser.ts';

let session: BrowserSession;
beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => {
  await session?.close();
});

const SMALLEST = 'Levering_22O000518_1.zip';

describe.skipIf(skipWithoutRealdata)('importing in a browser', () => {
  it('when a real KLIC delivery is dropped on the map, uploads it and shows the import report', async () => {
    const page = await session.open();
    const data = readFileSync(realdata('klic', SMALLEST)).toString('base64');
    const transfer = await page.evaluateHandle(({ data, name }) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, { type: 'application/zip' }));
      return dt;
    }, { data, name: SMALLEST });
    await page.dispatchEvent('#map', 'dragover', { dataTransfer: transfer });
    await page.dispatchEvent('#map', 'drop', { dataTransfer: transfer });
    const done = page.locator('#import-done');
    await done.waitFor({ timeout: 30_000 });
    expect(await done.textContent()).toContain(SMALLEST);
    const cables = Number((await page.locator('#import-report tr[data-layer="cables"] td').textContent())?.replace(/\D/g, ''));
    expect(cables).toBeGreaterThan(100);
    expect(await session.store.features.count()).toBeGreaterThan(327 + 300);
    await session.screenshot(page, 'import-klic-report');
  });

  it('takes the municipality\'s own sewer file from the Import tab\'s picker and reports its pipes', async () => {
    const page = await session.open();
    await page.click('#tab-import');
    expect(await page.locator('#import-file').getAttribute('accept')).toContain('.rib');
    await page.setInputFiles('#import-file', { name: '224-4_DWA.rib', mimeType: 'application/octet-stream', buffer: readFileSync(realdata('almere-riool', '224-4_DWA.rib')) });
    const done = page.locator('#import-done');
    await done.waitFor({ timeout: 30_000 });
    expect(await done.textContent()).toContain('224-4_DWA.rib');
    expect(await page.locator('#import-report tr[data-layer="sewers"] td').first().textContent()).toMatch(/25/);
  });
});
