/**
 * What a 2x20 customer display shows, as two fitted lines. The same screens go
 * to a pole display over serial and to the /display page in a browser.
 */
import { currencyDecimals, toDecimalString } from '../../crdt/money.ts';
import { computeTotals, unitAmount } from '../../crdt/pricing.ts';
import type { Line, Order } from '../../crdt/schema.ts';
import { center, fitWords, row } from '../text-fit.ts';
import type { DisplayScreen } from '../../crdt/status.ts';

export const DISPLAY_COLUMNS = 20;

const money = (minor: number, currency: string) =>
  toDecimalString(minor, currencyDecimals(currency));

export function welcomeScreen(welcome: string, shopName: string): DisplayScreen {
  return {
    kind: 'welcome',
    lines: [center(welcome, DISPLAY_COLUMNS), center(shopName, DISPLAY_COLUMNS)],
  };
}

/** The line just added or changed, and the cart's total under it. */
export function itemScreen(cart: Order, line: Line): DisplayScreen {
  const qty =
    line.weightGrams !== null
      ? `${toDecimalString(line.weightGrams, 3)}kg `
      : line.qty > 1
        ? `${line.qty}x `
        : '';
  const amount = unitAmount(line) * line.qty;
  return {
    kind: 'item',
    lines: [
      row(`${qty}${line.name}`, money(amount, cart.currency), DISPLAY_COLUMNS),
      totalLine(cart),
    ],
  };
}

export function totalScreen(cart: Order): DisplayScreen {
  const count = cart.lines.reduce((n, l) => n + l.qty, 0);
  return {
    kind: 'total',
    lines: [fitWords(`${count} item${count === 1 ? '' : 's'}`, DISPLAY_COLUMNS), totalLine(cart)],
  };
}

/** After payment: what was paid and the change to give back. */
export function paidScreen(order: Order): DisplayScreen {
  const totals = order.totals ?? computeTotals(order.lines, order.payments);
  return {
    kind: 'paid',
    lines: [
      row('Paid', money(totals.paid, order.currency), DISPLAY_COLUMNS),
      row('Change', money(totals.change, order.currency), DISPLAY_COLUMNS),
    ],
  };
}

export function messageScreen(first: string, second = ''): DisplayScreen {
  return {
    kind: 'message',
    lines: [fitWords(first, DISPLAY_COLUMNS), fitWords(second, DISPLAY_COLUMNS)],
  };
}

function totalLine(cart: Order): string {
  return row('Total', money(computeTotals(cart.lines).total, cart.currency), DISPLAY_COLUMNS);
}
