/** What a 2x20 display shows: fitted to 20 columns, never cut mid-word, amounts right-aligned. */
import { describe, expect, it } from 'vitest';
import { applyCartOp } from '../../crdt/cart.ts';
import type { ProductId } from '../../crdt/ids.ts';
import { checkPayment, finalizePaid } from '../../crdt/payment.ts';
import {
  DISPLAY_COLUMNS,
  itemScreen,
  messageScreen,
  paidScreen,
  totalScreen,
  welcomeScreen,
} from '../../devices/display/display-screen.ts';
import { fitWords, row, wrapWords } from '../../devices/text-fit.ts';
import {
  alice,
  cartContext,
  emptyCart,
  product,
  testCatalogue,
  testClock,
  vat20,
} from '../helpers/domain.ts';

const catalogue = testCatalogue([
  { ...product('p1', 1234, vat20), name: 'Extra long organic sourdough loaf' },
  { ...product('p2', 250, vat20), name: 'Café au lait' },
]);

describe('text fitting', () => {
  it('drops whole words, never halves one, unless one word is wider than the line', () => {
    expect(fitWords('Extra long organic sourdough loaf', 20)).toBe('Extra long organic');
    expect(fitWords('Supercalifragilisticexpialidocious', 20)).toBe('Supercalifragilistic');
    expect(fitWords('  tabs\tand\nnewlines  ', 20)).toBe('tabs and newlines');
    expect(wrapWords('Extra long organic sourdough loaf', 12)).toEqual([
      'Extra long',
      'organic',
      'sourdough',
      'loaf',
    ]);
  });

  it('right-aligns the amount and lets the text give way to it', () => {
    expect(row('Total', '12.34', 20)).toBe('Total          12.34');
    expect(row('Extra long organic sourdough', '12.34', 20)).toBe('Extra long     12.34');
    expect(row('  indented', '1.00', 20)).toBe('  indented      1.00');
  });

  it('never lets a control character through to a device', () => {
    expect(fitWords('A\u001b@B\u0007C', 20)).toBe('A @B C');
  });
});

describe('display screens', () => {
  const ctx = cartContext(catalogue.index, testClock());
  let cart = applyCartOp(emptyCart(), { type: 'addProduct', productId: 'p1' as ProductId }, ctx);
  cart = applyCartOp(cart, { type: 'addProduct', productId: 'p2' as ProductId, qty: 3 }, ctx);

  it('shows the line just added with the total under it', () => {
    const screen = itemScreen(cart, cart.lines[1]!);
    expect(screen.lines).toEqual(['3x Café au lait 7.50', 'Total          19.84']);
    expect(itemScreen(cart, cart.lines[0]!).lines[0]).toBe('Extra long     12.34');
    for (const line of screen.lines) expect(line.length).toBeLessThanOrEqual(DISPLAY_COLUMNS);
  });

  it('shows the total, the payment and the change', () => {
    expect(totalScreen(cart).lines).toEqual(['4 items', 'Total          19.84']);
    const payments = [{ method: 'cash' as const, amount: 2000 }];
    const paid = finalizePaid(
      cart,
      payments,
      checkPayment(cart, payments),
      'T1-1',
      testClock().now(),
      alice,
    );
    expect(paidScreen(paid).lines).toEqual(['Paid           20.00', 'Change          0.16']);
  });

  it('welcomes and tells, centred or fitted', () => {
    expect(welcomeScreen('Welcome', 'Café Zürich').lines).toEqual([
      '      Welcome',
      '    Café Zürich',
    ]);
    expect(messageScreen('Unknown code', '4006381333932').lines).toEqual([
      'Unknown code',
      '4006381333932',
    ]);
  });
});
