import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Exactly the flags the project runs Chromium with: headless, no sandbox as root, nothing phoning home. */
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Debian's Chromium through playwright-core (no browser download); shared by the browser tests and the benchmark. */
export function launchChromium(): Promise<Browser> {
  // headless: false stops Playwright adding its own --headless variant; our --headless is in the flags.
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: false });
}
