/**
 * The manager's day in a real Chromium against a real daemon: open the day
 * with a float, a sale is made, cash out with a reason, count each payment
 * method against what is expected, read the Z report before confirming (with
 * the variance and the open cart carried over), close, and see the Z report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoProducts } from '../../node/demo/demo-catalogue.ts';
import { ApiClient } from '../helpers/daemon.ts';
import { shot } from '../helpers/screenshots.ts';
import type { UiTill } from '../helpers/ui-till.ts';
import { signIn, startUiTill } from '../helpers/ui-till.ts';

const product = demoProducts()[2]!;
const euros = (minor: number) => `€${(minor / 100).toFixed(2)}`;
let till: UiTill;
let page: Page;
let daemon: UiTill['daemon'];

beforeAll(async () => {
  till = await startUiTill({ code: 'D1', name: 'Day till' });
  ({ page, daemon } = till);
}, 60_000);

afterAll(async () => {
  await till?.close();
});

const row = (method: string) => page.locator(`.day-report tr[data-method=${method}]`);

describe('the day screen', () => {
  it('opens the day with a float', async () => {
    await page.goto(daemon.url);
    await signIn(page, 'Alice');
    await page.getByRole('link', { name: 'Day' }).click();
    await page.getByRole('heading', { name: 'The day is closed' }).waitFor();
    await shot(page, 'day-closed');
    await page.locator('input[name=float]').fill('100.00');
    await page.getByRole('button', { name: 'Open the day' }).click();
    await page.getByRole('heading', { name: /^Business day/ }).waitFor();
    await row('cash').getByText(euros(10_000)).first().waitFor();
  });

  it('shows a sale made on the till in the X report at once', async () => {
    const bob = await new ApiClient(daemon.url).login('demo-bob', '0000');
    const cart = await bob.call('POST', '/api/carts');
    await bob.call('POST', `/api/carts/${cart.id}/lines`, { barcode: product.barcodes[0] });
    await bob.call('POST', `/api/carts/${cart.id}/pay`, {
      payments: [{ method: 'cash', amount: product.price }],
    });
    // an open cart is left on the till: the close carries it over
    const open = await bob.call('POST', '/api/carts');
    await bob.call('POST', `/api/carts/${open.id}/lines`, { barcode: product.barcodes[0] });
    await page.getByText('Sales (1)').waitFor();
    await row('cash')
      .getByText(euros(10_000 + product.price))
      .first()
      .waitFor();
  });

  it('takes cash out with a reason picked from the list', async () => {
    await page.getByRole('button', { name: 'Cash out' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cash out' });
    await dialog.locator('input[name=cash-amount]').fill('5');
    await dialog.getByLabel('Bank deposit').check();
    await shot(page, 'day-cash-out');
    await dialog.getByRole('button', { name: 'Take cash out' }).click();
    await page.getByRole('status').filter({ hasText: '€5.00 taken out of the drawer.' }).waitFor();
    await page.locator('.report-totals').getByText('-€5.00').waitFor();
  });

  it('counts each method against what is expected and previews the Z report', async () => {
    const expectedCash = 10_000 + product.price - 500;
    await page.getByTestId('expected-cash').getByText(euros(expectedCash)).waitFor();
    expect(await page.getByTestId('expected-card').innerText()).toBe(euros(0));
    await page.getByLabel('Counted Cash').fill(((expectedCash - 100) / 100).toFixed(2));
    await page.getByLabel('Counted Card').fill('0');
    await page.getByLabel(/Carry the 1 open cart/).waitFor();
    await shot(page, 'day-count');
    await page.getByRole('button', { name: 'Preview the Z report' }).click();
    const preview = page.getByRole('dialog', { name: 'Z report before closing' });
    await preview.waitFor();
    const cash = preview.locator('tr[data-method=cash]');
    expect(await cash.locator('td').allInnerTexts()).toEqual([
      euros(product.price),
      euros(expectedCash),
      euros(expectedCash - 100),
      '-€1.00',
    ]);
    expect(await preview.locator('tr[data-method=card] td.variance').innerText()).toBe('€0.00');
    await preview.getByText('These open carts go to the next day:').waitFor();
    await preview.getByText(/cart opened by Bob · 1 line/).waitFor();
    await shot(page, 'day-z-preview');
    // nothing is written before the manager confirms
    const alice = await new ApiClient(daemon.url).login('demo-alice', '1234');
    expect((await alice.call('GET', '/api/day')).day).not.toBeNull();
    await preview.getByRole('button', { name: 'Close the day' }).click();
  });

  it('closes the day and shows its Z report', async () => {
    await page.getByRole('heading', { name: 'The day is closed' }).waitFor();
    await page.getByText('1 open cart waits for the next day.').waitFor();
    const report = page.getByRole('article', { name: 'Z report' });
    await report
      .getByText(/closed/)
      .first()
      .waitFor();
    expect(await report.locator('tr[data-method=cash] td.variance').innerText()).toBe('-€1.00');
    await shot(page, 'day-z-report');
    const alice = await new ApiClient(daemon.url).login('demo-alice', '1234');
    const day = await alice.call('GET', '/api/day');
    expect(day).toEqual({ day: null, carriedOver: 1 });
  });
});
