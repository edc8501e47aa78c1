/**
 * Taking payment. Checking and finalising are separate so the daemon can check
 * before it takes an order number, then finalise inside its storage
 * transaction with nothing left that can fail.
 *
 * A sale is paid with positive amounts, at least the total; change is given
 * only from cash. A refund pays out negative amounts equal to its total.
 */
import { conflict, invalid } from './errors.ts';
import type { Hlc } from './hlc.ts';
import { assertMinor } from './money.ts';
import { computeTotals } from './pricing.ts';
import type { Order, Payment, StaffRef, Totals } from './schema.ts';
import { paymentMethods } from './schema.ts';
import { assertOpen } from './cart.ts';

export const MAX_PAYMENTS = 20;

export function checkPayment(order: Order, payments: readonly Payment[]): Totals {
  assertOpen(order);
  if (order.lines.length === 0)
    throw conflict('EMPTY_ORDER', 'an order needs at least one line to be paid');
  if (payments.length > MAX_PAYMENTS) {
    throw invalid('INVALID_PAYMENT', `at most ${MAX_PAYMENTS} payments per order`);
  }
  for (const [i, p] of payments.entries()) {
    if (!paymentMethods.includes(p.method)) {
      throw invalid(
        'INVALID_PAYMENT',
        `payment ${i + 1}: method must be one of ${paymentMethods.join(', ')}`,
      );
    }
    assertMinor(p.amount, `payment ${i + 1} amount`);
    const wrongSign = order.kind === 'sale' ? p.amount <= 0 : p.amount >= 0;
    if (wrongSign) {
      throw invalid(
        'INVALID_PAYMENT',
        `payment ${i + 1}: a ${order.kind} is paid with ${order.kind === 'sale' ? 'positive' : 'negative'} amounts`,
      );
    }
  }
  const totals = computeTotals(order.lines, payments, order.fixedTaxes);
  if (order.kind === 'refund') {
    if (totals.paid !== totals.total) {
      throw invalid(
        'PAYMENT_MISMATCH',
        `a refund pays out exactly ${-totals.total}, got ${-totals.paid}`,
        { total: -totals.total, paid: -totals.paid },
      );
    }
    return totals;
  }
  if (totals.paid < totals.total) {
    throw invalid(
      'UNDERPAID',
      `payments of ${totals.paid} do not cover the total of ${totals.total}`,
      { paid: totals.paid, total: totals.total },
    );
  }
  const cash = payments.filter((p) => p.method === 'cash').reduce((sum, p) => sum + p.amount, 0);
  if (totals.change > cash) {
    throw invalid(
      'CHANGE_WITHOUT_CASH',
      `overpaid by ${totals.change} with no cash to give change from`,
      { change: totals.change },
    );
  }
  return totals;
}

/** The paid, immutable order. Call only after checkPayment passed. */
export function finalizePaid(
  order: Order,
  payments: readonly Payment[],
  totals: Totals,
  number: string,
  at: Hlc,
  by: StaffRef,
): Order {
  return {
    ...order,
    status: 'paid',
    number,
    payments: payments.map((p) => ({ method: p.method, amount: p.amount })),
    totals,
    updatedAt: at,
    updatedBy: by,
    closedAt: at,
    closedBy: by,
  };
}

/** An open cart given up on purpose. Kept (never deleted) for the day's report. */
export function voidCart(order: Order, at: Hlc, by: StaffRef, reason = ''): Order {
  assertOpen(order);
  return {
    ...order,
    status: 'voided',
    updatedAt: at,
    updatedBy: by,
    closedAt: at,
    closedBy: by,
    voidReason: reason.trim() || null,
  };
}
