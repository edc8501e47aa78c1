/**
 * The manager's catalogue in a real Chromium against a real daemon: find a
 * product, edit it and see who changed it and when; import a CSV file with
 * errors: a progress bar, the refused rows in the order of the file with their
 * line numbers, and the good rows in the catalogue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { withCheckDigit } from '../../crdt/ean.ts';
import { demoProducts } from '../../node/demo/demo-catalogue.ts';
import { ApiClient } from '../helpers/daemon.ts';
import { shot } from '../helpers/screenshots.ts';
import type { UiTill } from '../helpers/ui-till.ts';
import { signIn, startUiTill } from '../helpers/ui-till.ts';

const [, edited, priced] = demoProducts();
const fresh = withCheckDigit('299000000001');
let till: UiTill;
let page: Page;
let daemon: UiTill['daemon'];

beforeAll(async () => {
  till = await startUiTill({ code: 'K1', name: 'Cat till' });
  ({ page, daemon } = till);
}, 60_000);

afterAll(async () => {
  await till?.close();
});

const api = async () => new ApiClient(daemon.url).login('demo-alice', '1234');

describe('the catalogue screen', () => {
  it('edits a product and shows who changed it and when', async () => {
    await page.goto(daemon.url);
    await signIn(page, 'Alice');
    await page.getByRole('link', { name: 'Catalogue' }).click();
    await page.getByRole('searchbox').fill(edited!.barcodes[0]!);
    await page.getByRole('button', { name: edited!.name, exact: true }).click();
    const form = page.getByRole('dialog', { name: `Edit ${edited!.name}` });
    const before = await form.getByTestId('edited').innerText();
    await form.locator('input[name=name]').fill(`${edited!.name} XL`);
    await form.locator('input[name=price]').fill('3.45');
    await shot(page, 'catalogue-edit');
    await form.getByRole('button', { name: 'Save' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${edited!.name} XL saved.` })
      .waitFor();
    const stored = await (await api()).call('GET', `/api/catalogue/barcode/${edited!.barcodes[0]}`);
    expect(stored).toMatchObject({ name: `${edited!.name} XL`, price: 345 });
    expect(stored.updatedBy).toEqual({ id: 'demo-alice', name: 'Alice' });
    expect(stored.updatedAt).not.toBe(edited!.updatedAt);
    await page.getByRole('button', { name: `${edited!.name} XL`, exact: true }).click();
    const again = page.getByRole('dialog', { name: `Edit ${edited!.name} XL` });
    const after = await again.getByTestId('edited').innerText();
    expect(after).toMatch(/^edited by Alice, /);
    expect(after).not.toBe(before);
    await again.getByRole('button', { name: 'Cancel' }).click();
  });

  it('imports a CSV: progress, refused rows in file order with their lines, good rows in', async () => {
    const csv = [
      'barcode,name,price,tax,category',
      `${fresh},Imported tea,2.20,VAT 5.5%,Imported`,
      ',Bad price,two euros,VAT 20%,',
      `${fresh},Same barcode again,1.00,VAT 20%,`,
      `${priced!.barcodes[0]},,9.99,,`,
      ',Unknown tax,1.00,GST,',
    ].join('\n');
    await page.locator('input[name=csv]').setInputFiles({
      name: 'products.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    const result = page.locator('.import-result');
    await result.waitFor();
    await page.getByText('products.csv: 5 of 5 rows').waitFor();
    expect(await page.locator('.import-progress progress').getAttribute('value')).toBe('5');
    expect(await result.locator('p').innerText()).toBe(
      '1 created, 1 updated, 1 new categories. 3 rows refused:',
    );
    const rows = await result.locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => r.split('\t').slice(0, 2))).toEqual([
      ['3', 'price'],
      ['4', 'barcode'],
      ['6', 'tax'],
    ]);
    expect(rows[1]).toContain('already used on line 2');
    await shot(page, 'catalogue-import');
    const alice = await api();
    expect(await alice.call('GET', `/api/catalogue/barcode/${fresh}`)).toMatchObject({
      name: 'Imported tea',
      price: 220,
    });
    expect(await alice.call('GET', `/api/catalogue/barcode/${priced!.barcodes[0]}`)).toMatchObject({
      name: priced!.name,
      price: 999,
      taxId: priced!.taxId,
    });
  });
});
