/**
 * The hardware proxy as a cashier and a customer see it, in Chromium against a
 * real daemon with simulated devices: a scan from the daemon's scanner lands in
 * the cart on screen, a bad one is said in words on the screen and on the
 * customer display (/display, a second page), the receipt preview shows after
 * payment, and the header shows every device's state.
 */
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../node/demo/demo-catalogue.ts';
import type { Daemon } from '../helpers/daemon.ts';
import { startDaemon, writeTillConfig } from '../helpers/daemon.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { tempDir } from '../helpers/till.ts';
import { waitFor } from '../helpers/wait-for.ts';

const dir = tempDir();
const data = join(dir.path, 'data');
let daemon: Daemon;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let till: Page;
let display: Page;
const product = demoProducts()[4]!;
const scan = (code: string) => appendFileSync(join(data, 'devices', 'scanner.in'), `${code}\n`);
const shown = () => display.locator('.customer-display .line').allInnerTexts();

beforeAll(async () => {
  daemon = await startDaemon(
    writeTillConfig(dir.path, {
      till: { code: 'D1', name: 'Device till' },
      devices: {
        printer: { transport: 'simulated' },
        drawer: {},
        display: { transport: 'simulated', welcome: 'Bienvenue' },
        scanner: { transport: 'simulated' },
      },
    }),
  );
  browser = await launchBrowser();
  const context = await browser.context();
  [till, display] = [await context.newPage(), await context.newPage()];
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await daemon?.stop();
  dir.remove();
});

describe('devices in the UI', () => {
  it('shows the customer display on its own page, with no sign-in', async () => {
    await display.goto(new URL('/display', daemon.url).toString());
    await display.locator('.customer-display .line', { hasText: 'Bienvenue' }).waitFor();
  });

  it("adds what the daemon's scanner reads to the cart on screen, and shows it to the customer", async () => {
    await till.goto(daemon.url);
    await till.getByRole('button', { name: /Bob/ }).click();
    await till.locator('input[name=pin]').fill('0000');
    await till.getByRole('button', { name: 'Sign in' }).click();
    await till.getByRole('button', { name: 'Open the day' }).click();
    await till.getByText('Scan or pick a product').waitFor();
    await till.locator('.device-bar', { hasText: 'printer ready' }).waitFor();
    await till.locator('.device-bar', { hasText: 'scanner ready' }).waitFor();
    scan(product.barcodes[0]!);
    await till.locator('li.line', { hasText: product.name }).waitFor();
    await display.locator('.customer-display .line', { hasText: product.name }).waitFor();
    expect((await shown())[1]).toMatch(/^Total\s+\d+\.\d\d$/);
    scan(product.barcodes[0]!);
    await till.locator('li.line .qty').filter({ hasText: '2' }).waitFor();
  });

  it('says in words when a scanned code is wrong, on screen and on the display, and adds nothing', async () => {
    scan('4006381333932');
    await till
      .getByRole('alert')
      .filter({ hasText: 'Scanned 4006381333932: check digit' })
      .waitFor();
    await waitFor(async () => (await shown())[0] === 'Invalid code', {
      what: 'the display says so',
    });
    await till.locator('li.line .qty').filter({ hasText: '2' }).waitFor();
  });

  it('prints by itself when paid, and previews the receipt the printer got', async () => {
    await till.getByRole('button', { name: 'Pay', exact: true }).click();
    await till.getByRole('button', { name: 'Cash', exact: true }).click();
    await till.locator('input[name=tendered]').fill('50');
    await till.getByRole('button', { name: 'Validate' }).click();
    await till.locator('article.receipt').waitFor();
    await display.locator('.customer-display.paid .line', { hasText: 'Change' }).waitFor();
    const preview = till.locator('img.receipt-preview');
    await preview.waitFor();
    await waitFor(
      async () => (await preview.evaluate((img: { naturalWidth: number }) => img.naturalWidth)) > 0,
      {
        what: 'the receipt preview loaded',
      },
    );
    const tickets = () => readdirSync(join(data, 'devices', 'printer'));
    await waitFor(() => tickets().some((f) => /D1-\d{8}-0001\.svg$/.test(f)), {
      what: 'the printed ticket',
    });
    await till.getByRole('button', { name: 'Reprint' }).click();
    await till.getByRole('status').filter({ hasText: 'Copy queued for the printer' }).waitFor();
    await waitFor(() => tickets().filter((f) => f.endsWith('.bin')).length === 2, {
      what: 'the copy',
    });
  });

  it("opens an order when its receipt's code is scanned", async () => {
    const number = (await till.locator('article.receipt h2 strong').innerText()).trim();
    await till.getByRole('button', { name: 'New order' }).click();
    await till.locator('article.receipt').waitFor({ state: 'detached' });
    scan(number);
    await till.locator('article.receipt h2 strong', { hasText: number }).waitFor();
    await till.getByRole('button', { name: 'Reprint' }).waitFor();
  });
});
