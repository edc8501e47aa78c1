/**
 * The cashier's screens in a real Chromium against a real daemon: sign in by
 * PIN, open the day, sell by scanning with a split payment and see the
 * receipt screen; a discount above the limit approved by a manager's PIN on
 * the spot; a reload in the middle of a cart; a checkout by keyboard alone;
 * taps faster than the daemon answers, which fill one cart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoProducts } from '../../node/demo/demo-catalogue.ts';
import { shot } from '../helpers/screenshots.ts';
import type { UiTill } from '../helpers/ui-till.ts';
import { startUiTill, wedgeScan } from '../helpers/ui-till.ts';
import { ApiClient } from '../helpers/daemon.ts';
import { waitFor } from '../helpers/wait-for.ts';

const [first, second, third] = demoProducts();
const euros = (minor: number) => `€${(minor / 100).toFixed(2)}`;
let till: UiTill;
let page: Page;
let daemon: UiTill['daemon'];

beforeAll(async () => {
  till = await startUiTill({ code: 'U1', name: 'UI till' });
  ({ page, daemon } = till);
}, 60_000);

afterAll(async () => {
  await till?.close();
});

/** The text of the element that has the focus (evaluated in the page, which has the DOM). */
const focused = async () =>
  String(await page.evaluate('document.activeElement && document.activeElement.textContent'));
const line = (name: string) => page.locator('li.line', { hasText: name });

describe('the till UI', () => {
  it('signs in with the PIN pad, refusing a wrong PIN with a clear message', async () => {
    await page.goto(daemon.url);
    await page.getByRole('button', { name: /Bob/ }).click();
    for (const digit of '1111')
      await page.getByRole('button', { name: digit, exact: true }).click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /wrong PIN/i })
      .waitFor();
    await page.locator('input[name=pin]').fill('0000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Bob (cashier)').waitFor();
  });

  it('sells by scanning, pays part cash and part card, and shows the receipt screen', async () => {
    await page.getByRole('button', { name: 'Open the day' }).click();
    await page.getByText('Scan or pick a product').waitFor();
    await wedgeScan(page, first!.barcodes[0]!);
    await line(first!.name).waitFor();
    await wedgeScan(page, first!.barcodes[0]!);
    await line(first!.name).locator('.qty', { hasText: '2' }).waitFor();
    const total = first!.price * 2;
    expect(await page.getByTestId('cart-total').innerText()).toBe(euros(total));
    await shot(page, 'sale-cart');
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    // 1.00 by card, the rest in cash with a 50 note
    await page.getByRole('button', { name: 'Card', exact: true }).click();
    await page.locator('input[name=tendered]').fill('1');
    expect(await page.getByTestId('remaining').innerText()).toBe(euros(total - 100));
    await page.getByRole('button', { name: 'Cash', exact: true }).click();
    await page.locator('input[name=tendered]').fill('50');
    expect(await page.getByTestId('remaining').innerText()).toBe(euros(0));
    expect(await page.getByTestId('change').innerText()).toBe(euros(5000 + 100 - total));
    await shot(page, 'payment-split');
    await page.getByRole('button', { name: 'Validate' }).click();
    const receipt = page.locator('article.receipt');
    await receipt.waitFor();
    expect(await receipt.locator('h2').innerText()).toMatch(/Paid U1-\d{8}-0001/);
    expect(await receipt.locator('dd.change').innerText()).toBe(euros(5000 + 100 - total));
    await page.locator('img.receipt-preview').waitFor();
    await shot(page, 'receipt-screen');
    await page.getByRole('button', { name: 'New order' }).click();
    await page.getByText('Scan or pick a product').waitFor();
  });

  it('shows an unknown barcode as an error and keeps what was typed', async () => {
    await page.locator('input[name=search]').fill('9999999999994');
    await page.locator('input[name=search]').press('Enter');
    await page
      .getByRole('alert')
      .filter({ hasText: 'No product has the barcode 9999999999994' })
      .waitFor();
    expect(await page.locator('input[name=search]').inputValue()).toBe('9999999999994');
    await page.locator('input[name=search]').fill('');
  });

  it('asks for a manager’s PIN on the spot for a discount above the limit, and keeps the cashier signed in', async () => {
    await page.locator('input[name=search]').fill(second!.name);
    await page.locator('button.product', { hasText: second!.name }).first().click();
    await page.locator('input[name=search]').fill('');
    await line(second!.name).waitFor();
    await page.getByRole('radio', { name: 'Disc %' }).click();
    await page.locator('input[name=line-entry]').fill('50');
    await page.locator('input[name=line-entry]').press('Enter');
    const approval = page.getByRole('dialog', { name: 'A manager’s approval' });
    await approval.waitFor();
    await shot(page, 'approval-prompt');
    await approval.locator('input[name=approval-pin]').fill('9999');
    await approval.getByRole('button', { name: 'Approve' }).click();
    await approval
      .getByRole('alert')
      .filter({ hasText: /refused/ })
      .waitFor();
    await approval.locator('input[name=approval-pin]').fill('1234');
    await approval.getByRole('button', { name: 'Approve' }).click();
    await line(second!.name).locator('em', { hasText: '50' }).waitFor();
    expect(await page.getByTestId('cart-total').innerText()).toBe(
      euros(second!.price - Math.round(second!.price / 2)),
    );
    await page.getByText('Bob (cashier)').waitFor();
  });

  it('keeps the cart through a reload', async () => {
    await page.reload();
    await line(second!.name).locator('em', { hasText: '50' }).waitFor();
    expect(await page.getByTestId('cart-total').innerText()).toBe(
      euros(second!.price - Math.round(second!.price / 2)),
    );
  });

  it('checks out by keyboard alone', async () => {
    const search = page.locator('input[name=search]');
    await search.focus();
    await page.keyboard.type(third!.barcodes[0]!);
    await page.keyboard.press('Enter');
    await line(third!.name).waitFor();
    // Tab to Pay, Enter; Card pays the rest; Enter validates; Enter starts the next order
    const pay = page.getByRole('button', { name: 'Pay', exact: true });
    for (let i = 0; i < 60 && (await focused()) !== (await pay.innerText()); i++)
      await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    const card = page.getByRole('button', { name: 'Card', exact: true });
    await card.waitFor();
    for (let i = 0; i < 20 && (await focused()) !== 'Card'; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('input[name=tendered]').focus();
    await page.keyboard.press('Enter');
    await page.locator('article.receipt').waitFor();
    await page.keyboard.press('Enter');
    await page.getByText('Scan or pick a product').waitFor();
  });

  it("shows the day's sales on the status page", async () => {
    await page.getByRole('link', { name: 'Status' }).click();
    await page
      .getByText(/2 sales/)
      .first()
      .waitFor();
  });

  it('puts products tapped faster than the daemon makes a cart into one cart', async () => {
    await page.getByRole('link', { name: 'Sale' }).click();
    await page.getByText('Scan or pick a product').waitFor();
    // the daemon answers "new cart" slowly, as a busy till would; the taps do not wait
    await page.route('**/api/carts', async (route) => {
      if (route.request().method() === 'POST') await new Promise((r) => setTimeout(r, 400));
      await route.continue();
    });
    await page.locator('button.product').nth(0).click();
    await page.locator('button.product').nth(1).click();
    // both taps reach the daemon, whichever cart they land in
    const api = await new ApiClient(daemon.url).login('demo-bob', '0000');
    const lines = async () =>
      (await api.call<{ lines: unknown[] }[]>('GET', '/api/carts')).flatMap((c) => c.lines);
    await waitFor(async () => (await lines()).length === 2, { what: 'both taps added' });
    await page.unroute('**/api/carts');
    expect((await api.call<unknown[]>('GET', '/api/carts')).length).toBe(1);
    await page.locator('li.line').nth(1).waitFor();
    expect(await page.getByRole('tablist', { name: 'Open carts' }).getByRole('tab').count()).toBe(
      1,
    );
  });
});
