/**
 * A till for browser tests: a real daemon (demo catalogue, simulated devices)
 * and a Chromium page on it, started and removed together; and what a person
 * does first at a till (sign in) or a scanner does all day (type a code).
 */
import type { Page } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import type { Daemon } from './daemon.ts';
import { startDaemon, writeTillConfig } from './daemon.ts';
import { tempDir } from './till.ts';

export interface UiTill {
  daemon: Daemon;
  page: Page;
  /** Where the till keeps its data (the simulated printer's tickets are under devices/). */
  dataDir: string;
  close(): Promise<void>;
}

export async function startUiTill(
  till: { code: string; name: string; language?: string },
  viewport = { width: 1280, height: 900 },
): Promise<UiTill> {
  const dir = tempDir();
  const daemon = await startDaemon(writeTillConfig(dir.path, { till }));
  const browser = await launchBrowser();
  const page = await browser.browser.newPage({ viewport });
  return {
    daemon,
    page,
    dataDir: dir.path,
    close: async () => {
      await browser.close();
      await daemon.stop();
      dir.remove();
    },
  };
}

/** Demo staff: Alice is a manager (PIN 1234), Bob a cashier (PIN 0000). */
export async function signIn(page: Page, name: 'Alice' | 'Bob', signInLabel = 'Sign in') {
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await page.locator('input[name=pin]').fill(name === 'Alice' ? '1234' : '0000');
  await page.getByRole('button', { name: signInLabel }).click();
}

/**
 * A keyboard-wedge scanner: key downs by key code, then Enter, sent from
 * inside the page so a busy test machine cannot space them out like typing.
 */
export async function wedgeScan(page: Page, code: string) {
  // a string, evaluated in the page (test files are type-checked without the DOM)
  await page.evaluate(`(() => {
    for (const ch of ${JSON.stringify(code)}) {
      const code = ch === '-' ? 'Minus' : /\\d/.test(ch) ? 'Digit' + ch : 'Key' + ch.toUpperCase();
      window.dispatchEvent(new KeyboardEvent('keydown', { code, key: ch }));
    }
    window.dispatchEvent(new KeyboardEvent('keydown', { code: 'Enter', key: 'Enter' }));
  })()`);
}
