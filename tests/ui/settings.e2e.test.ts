/**
 * The manager's settings in Chromium against a real daemon with a simulated
 * printer and drawer: a new shop name shows in the header, this till's
 * language switches the whole screen at once (and back), a currency change
 * after a sale is refused in words, a test page and the open day's X report
 * reach the printer (the simulated printer writes each ticket into the data
 * directory).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../node/demo/demo-catalogue.ts';
import { launchBrowser } from '../helpers/browser.ts';
import type { Daemon } from '../helpers/daemon.ts';
import { ApiClient, startDaemon, writeTillConfig } from '../helpers/daemon.ts';
import { shot } from '../helpers/screenshots.ts';
import { tempDir } from '../helpers/till.ts';
import { signIn } from '../helpers/ui-till.ts';
import { waitFor } from '../helpers/wait-for.ts';

const dir = tempDir();
const printed = join(dir.path, 'data', 'devices', 'printer');
let daemon: Daemon;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

/** The bytes of the one ticket whose file name starts with `label` (sanitised), once printed. */
async function ticket(label: RegExp): Promise<string> {
  const find = () => {
    try {
      return readdirSync(printed).find((f) => label.test(f) && f.endsWith('.bin'));
    } catch {
      return undefined; // the printer has printed nothing yet
    }
  };
  await waitFor(() => find() !== undefined, { what: `the printed ${label.source}` });
  return readFileSync(join(printed, find()!)).toString('latin1');
}

beforeAll(async () => {
  daemon = await startDaemon(
    writeTillConfig(dir.path, {
      till: { code: 'S1', name: 'Front till' },
      devices: { printer: { transport: 'simulated' }, drawer: {} },
    }),
  );
  browser = await launchBrowser();
  page = await (await browser.context()).newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await daemon?.stop();
  dir.remove();
});

describe('settings screen', () => {
  it('renames the shop, and the header shows the new name', async () => {
    await page.goto(daemon.url);
    await signIn(page, 'Alice');
    await page.getByRole('link', { name: 'Settings' }).click();
    const name = page.locator('input[name=shopName]');
    await name.fill('Boulangerie Zoé');
    await page.getByRole('button', { name: 'Save the shop' }).click();
    await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();
    await page.locator('header.shell strong', { hasText: 'Boulangerie Zoé' }).waitFor();
    await page.locator('.device-settings li', { hasText: 'printer ready' }).waitFor();
    await shot(page, 'settings');
    for (const [width, height] of [
      [1024, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
        width,
      );
      await shot(page, `settings-${width}`);
    }
  });

  it('sends a test page to the printer', async () => {
    await page.getByRole('button', { name: 'Test print' }).click();
    await page.getByRole('status').filter({ hasText: 'Test page queued' }).waitFor();
    const bytes = await ticket(/test-S1/);
    expect(bytes).toContain('TEST PRINT');
    expect(bytes).toContain('The printer works.');
  });

  it("switches the whole screen to French at once when this till's language is set, and back", async () => {
    await page.getByRole('combobox', { name: 'Language of S1' }).selectOption('fr');
    await page.getByRole('heading', { name: 'Boutique' }).waitFor();
    await page.getByRole('link', { name: 'Réglages' }).waitFor();
    expect(await page.getByRole('button', { name: 'Enregistrer la boutique' }).count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await shot(page, 'settings-fr');
    await page.getByRole('combobox', { name: 'Langue de S1' }).selectOption('en');
    await page.getByRole('heading', { name: 'Shop', exact: true }).waitFor();
  });

  it('refuses a currency change in words once the till has sold', async () => {
    const bob = await new ApiClient(daemon.url).login('demo-bob', '0000');
    await bob.call('POST', '/api/day/open', { float: 0 });
    const cart = await bob.call('POST', '/api/carts');
    const product = demoProducts()[0]!;
    await bob.call('POST', `/api/carts/${cart.id}/lines`, { productId: product.id });
    await bob.call('POST', `/api/carts/${cart.id}/pay`, {
      payments: [{ method: 'card', amount: product.price }],
    });
    await page.locator('input[name=currency]').fill('USD');
    await page.getByRole('button', { name: 'Save the shop' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'The currency cannot change: this till has already sold' })
      .waitFor();
    const settings = await bob.call('GET', '/api/settings');
    expect(settings.mesh.currency).toBe('EUR');
    expect(settings.mesh.shopName).toBe('Boulangerie Zoé');
  });

  it("prints the open day's X report from the Day screen", async () => {
    await page.getByRole('link', { name: 'Day' }).click();
    await page.getByRole('button', { name: 'Print · X report' }).click();
    await page.getByRole('status').filter({ hasText: 'X report queued' }).waitFor();
    const bytes = await ticket(/X-S1-/);
    expect(bytes).toContain('X REPORT');
    expect(bytes).toMatch(
      new RegExp(`Sales \\(1\\) +${(demoProducts()[0]!.price / 100).toFixed(2)}`),
    );
  });
});
