/** Debian's Chromium driven by playwright-core (it makes its own fresh profile), as the UI tests need it. */
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.POSMESH_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<{
  browser: Browser;
  context: () => Promise<BrowserContext>;
  close: () => Promise<void>;
}> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    browser,
    context: () => browser.newContext({ viewport: { width: 1280, height: 900 } }),
    close: () => browser.close(),
  };
}
