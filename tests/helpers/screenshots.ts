/**
 * Browser tests keep what the screen looked like: each shot goes to
 * test-artifacts/screenshots/<test>-<step>.png (kept by CI as an artefact,
 * ignored by git); the README shows a few of them, copied to docs/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const SCREENSHOT_DIR = join(process.cwd(), 'test-artifacts', 'screenshots');

export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
