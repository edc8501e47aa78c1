/**
 * A refund on screen: a cashier scans a customer's receipt, picks the lines
 * and quantities to give back, and a manager approves with their PIN on the
 * spot; the order then shows what is left to refund.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoProducts } from '../../node/demo/demo-catalogue.ts';
import { ApiClient } from '../helpers/daemon.ts';
import { shot } from '../helpers/screenshots.ts';
import type { UiTill } from '../helpers/ui-till.ts';
import { signIn, startUiTill, wedgeScan } from '../helpers/ui-till.ts';

const [bread, milk] = demoProducts();
let till: UiTill;
let page: Page;
let number = '';

beforeAll(async () => {
  till = await startUiTill({ code: 'R1', name: 'Refund till' });
  page = till.page;
  // the customer's earlier sale: three loaves and a croissant
  const bob = await new ApiClient(till.daemon.url).login('demo-bob', '0000');
  await bob.call('POST', '/api/day/open', { float: 10_000 });
  const cart = await bob.call('POST', '/api/carts');
  await bob.call('POST', `/api/carts/${cart.id}/lines`, { barcode: bread!.barcodes[0], qty: 3 });
  await bob.call('POST', `/api/carts/${cart.id}/lines`, { barcode: milk!.barcodes[0] });
  const paid = await bob.call('POST', `/api/carts/${cart.id}/pay`, {
    payments: [{ method: 'cash', amount: 100_00 }],
  });
  number = paid.number as string;
}, 60_000);

afterAll(async () => {
  await till?.close();
});

describe('a refund on screen', () => {
  it('finds the sale by scanning its receipt and refunds two of three loaves with a manager’s PIN', async () => {
    await page.goto(till.daemon.url);
    await signIn(page, 'Bob');
    await page.getByRole('link', { name: 'Orders' }).click();
    await page.getByText('Pick an order, or scan its receipt.').waitFor();
    await wedgeScan(page, number);
    const order = page.locator('.order-detail');
    await order.locator('article.receipt h2 strong', { hasText: number }).waitFor();
    await order.getByText('3 of 3 refundable').waitFor();
    await order.getByRole('button', { name: 'Refund lines…' }).click();
    const dialog = page.getByRole('dialog', { name: `Refund from ${number}` });
    await dialog.getByRole('button', { name: `One more ${bread!.name}` }).click();
    await dialog.getByRole('button', { name: `One more ${bread!.name}` }).click();
    await dialog.getByRole('button', { name: `One more ${bread!.name}` }).click(); // capped at what was sold
    await dialog.getByRole('button', { name: `One less ${bread!.name}` }).click();
    await dialog.getByRole('radio', { name: 'Cash' }).click();
    await shot(page, 'refund-lines');
    await dialog.getByRole('button', { name: 'Refund', exact: true }).click();
    const approval = page.getByRole('dialog', { name: 'A manager’s approval' });
    await approval.locator('input[name=approval-pin]').fill('1234');
    await approval.getByRole('button', { name: 'Approve' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Refunded ${number.slice(0, 3)}` })
      .waitFor();
    await order.getByText('1 of 3 refundable').waitFor();
    await order.locator('.refunds li').first().waitFor();
    expect(await order.locator('.refunds li').first().innerText()).toContain(
      `-€${((2 * bread!.price) / 100).toFixed(2)}`,
    );
    await shot(page, 'refund-done');
  });
});
