/**
 * The till UI in a real Chromium against a real daemon: sign in by PIN, open
 * the day, scan a barcode with a keyboard wedge, pay cash with change, and see
 * the sale on the status page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoProducts } from '../../node/demo/demo-catalogue.ts';
import type { Daemon } from '../helpers/daemon.ts';
import { startDaemon, writeTillConfig } from '../helpers/daemon.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { tempDir } from '../helpers/till.ts';

const dir = tempDir();
let daemon: Daemon;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const product = demoProducts()[2]!;

beforeAll(async () => {
  daemon = await startDaemon(writeTillConfig(dir.path, { till: { code: 'U1', name: 'UI till' } }));
  browser = await launchBrowser();
  page = await (await browser.context()).newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await daemon?.stop();
  dir.remove();
});

/**
 * A keyboard-wedge scanner: key downs by key code, a few milliseconds apart,
 * then Enter — sent from inside the page so a busy test machine cannot space
 * them out like a person typing.
 */
async function scan(code: string) {
  // a string, evaluated in the page (this test file is type-checked without the DOM)
  await page.evaluate(`(() => {
    for (const digit of ${JSON.stringify(code)}) window.dispatchEvent(new KeyboardEvent('keydown', { code: 'Digit' + digit, key: digit }));
    window.dispatchEvent(new KeyboardEvent('keydown', { code: 'Enter', key: 'Enter' }));
  })()`);
}

describe('the till UI', () => {
  it('signs in with a PIN, refusing a wrong one with a clear message', async () => {
    await page.goto(daemon.url);
    await page.getByRole('button', { name: /Bob/ }).click();
    await page.locator('input[name=pin]').fill('1111');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'wrong PIN' }).waitFor();
    await page.locator('input[name=pin]').fill('0000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Bob (cashier)').waitFor();
  });

  it('opens the day, sells by scanning, and pays cash with change', async () => {
    await page.getByRole('button', { name: 'Open the day' }).click();
    await page.getByText('Scan or pick a product').waitFor();
    await scan(product.barcodes[0]!);
    await page.locator('.lines').getByText(product.name, { exact: true }).waitFor();
    await scan(product.barcodes[0]!);
    await page.locator('.lines td.qty').filter({ hasText: '2' }).waitFor();
    const total = await page.getByTestId('cart-total').innerText();
    expect(total).toContain(((product.price * 2) / 100).toFixed(2));
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await page.locator('input[name=tendered]').fill('50');
    await page.getByRole('button', { name: 'Cash' }).click();
    const receipt = page.locator('.receipt');
    await receipt.waitFor();
    expect(await receipt.innerText()).toMatch(/Paid U1-\d{8}-0001/);
    expect(await receipt.innerText()).toContain(
      `change €${((5000 - product.price * 2) / 100).toFixed(2)}`,
    );
  });

  it('shows an unknown barcode as an error and keeps the cart', async () => {
    await scan('9999999999994');
    await page
      .getByRole('alert')
      .filter({ hasText: 'No product has the barcode 9999999999994' })
      .waitFor();
  });

  it("shows the day's sales on the status page", async () => {
    await page.getByRole('link', { name: 'Status' }).click();
    await page.getByText(/1 sales/).waitFor();
    await page.getByText('No other till seen yet.').waitFor();
  });
});
