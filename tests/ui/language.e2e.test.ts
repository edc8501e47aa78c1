/**
 * The till screen in the till's language, at the smallest screen a till has:
 * a till set to French shows French words, French money and dates, and the
 * sale screen fits 1024x768 without scrolling sideways.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoProducts } from '../../node/demo/demo-catalogue.ts';
import { shot } from '../helpers/screenshots.ts';
import type { UiTill } from '../helpers/ui-till.ts';
import { signIn, startUiTill } from '../helpers/ui-till.ts';
import { waitFor } from '../helpers/wait-for.ts';

const product = demoProducts()[0]!;
let till: UiTill;
let page: Page;
let daemon: UiTill['daemon'];

beforeAll(async () => {
  till = await startUiTill(
    { code: 'F1', name: 'Caisse 1', language: 'fr' },
    { width: 1024, height: 768 },
  );
  ({ page, daemon } = till);
}, 60_000);

afterAll(async () => {
  await till?.close();
});

describe('a till set to French', () => {
  it('speaks French, writes money the French way, and fits 1024x768', async () => {
    await page.goto(daemon.url);
    await signIn(page, 'Alice', 'Se connecter');
    await page.getByRole('link', { name: 'Vente' }).waitFor();
    await page.getByRole('button', { name: 'Ouvrir la journée' }).click();
    await page.getByText('Scannez ou choisissez un produit').waitFor();
    await page.locator('input[name=search]').fill(product.name);
    await page.locator('button.product', { hasText: product.name }).first().click();
    await page.locator('li.line', { hasText: product.name }).waitFor();
    // "1,29 €": a decimal comma and the sign after, with a (narrow) no-break space
    const total = await page.getByTestId('cart-total').innerText();
    expect(total.replace(/\s/g, ' ')).toBe(
      `${(product.price / 100).toFixed(2).replace('.', ',')} €`,
    );
    await page.getByRole('button', { name: 'Payer', exact: true }).waitFor();
    // the line itself has room on screen, not squeezed away by the numpad
    let box: { y: number; height: number } | null = null;
    await waitFor(
      async () => (box = await page.locator('li.line').first().boundingBox()) !== null,
      {
        what: 'the line laid out',
      },
    );
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(box!.y + box!.height).toBeLessThanOrEqual(768);
    const overflow = await page.evaluate('document.documentElement.scrollWidth');
    expect(overflow).toBeLessThanOrEqual(1024);
    await shot(page, 'sale-fr-1024');
  });
});
