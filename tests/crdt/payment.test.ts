import { errorCode } from '../helpers/domain.ts';
import { describe, expect, it } from 'vitest';
import { applyCartOp } from '../../crdt/cart.ts';
import type { LineId, OrderId, ProductId } from '../../crdt/ids.ts';
import { checkPayment, finalizePaid, voidCart } from '../../crdt/payment.ts';
import { buildRefund } from '../../crdt/refund.ts';
import { refundedQuantities } from '../helpers/domain.ts';
import type { Order, Payment } from '../../crdt/schema.ts';
import {
  alice,
  cartContext,
  emptyCart,
  product,
  T1,
  testCatalogue,
  testClock,
  vat20,
} from '../helpers/domain.ts';

const clock = testClock();
const cat = testCatalogue([product('a', 1350, vat20), product('b', 200, vat20)]);
const ctx = cartContext(cat.index, clock);

function cartOf(...items: Array<[string, number]>): Order {
  let cart = emptyCart(clock);
  for (const [id, qty] of items)
    cart = applyCartOp(cart, { type: 'addProduct', productId: id as ProductId, qty }, ctx);
  return cart;
}

function pay(order: Order, payments: Payment[], number = 'T1-20261121-0001'): Order {
  return finalizePaid(order, payments, checkPayment(order, payments), number, clock.now(), alice);
}

describe('payment', () => {
  it('takes cash with change, and the paid order is frozen', () => {
    const paid = pay(cartOf(['a', 1]), [{ method: 'cash', amount: 2000 }]);
    expect(paid.status).toBe('paid');
    expect(paid.number).toBe('T1-20261121-0001');
    expect(paid.totals).toMatchObject({ total: 1350, paid: 2000, change: 650 });
    expect(errorCode(() => applyCartOp(paid, { type: 'setNote', note: 'x' }, ctx))).toBe(
      'ORDER_NOT_OPEN',
    );
    expect(errorCode(() => checkPayment(paid, [{ method: 'cash', amount: 1350 }]))).toBe(
      'ORDER_NOT_OPEN',
    );
  });

  it('splits a payment over several methods', () => {
    const paid = pay(cartOf(['a', 2]), [
      { method: 'card', amount: 2000 },
      { method: 'cash', amount: 1000 },
    ]);
    expect(paid.totals).toMatchObject({ total: 2700, paid: 3000, change: 300 });
  });

  it('refuses underpayment, change without cash, wrong signs, empty orders', () => {
    expect(
      errorCode(() => checkPayment(cartOf(['a', 1]), [{ method: 'cash', amount: 1349 }])),
    ).toBe('UNDERPAID');
    expect(
      errorCode(() => checkPayment(cartOf(['a', 1]), [{ method: 'card', amount: 1400 }])),
    ).toBe('CHANGE_WITHOUT_CASH');
    expect(errorCode(() => checkPayment(cartOf(['a', 1]), [{ method: 'cash', amount: -1 }]))).toBe(
      'INVALID_PAYMENT',
    );
    expect(
      errorCode(() => checkPayment(cartOf(['a', 1]), [{ method: 'cash', amount: 13.5 }])),
    ).toBe('INVALID_AMOUNT');
    expect(
      errorCode(() =>
        checkPayment(cartOf(['a', 1]), [{ method: 'cheque' as 'cash', amount: 1350 }]),
      ),
    ).toBe('INVALID_PAYMENT');
    expect(errorCode(() => checkPayment(emptyCart(clock), []))).toBe('EMPTY_ORDER');
  });

  it('voids an open cart and keeps it', () => {
    const voided = voidCart(cartOf(['b', 1]), clock.now(), alice);
    expect(voided.status).toBe('voided');
    expect(voided.closedBy).toEqual(alice);
  });
});

describe('refunds', () => {
  const sale = pay(cartOf(['a', 1], ['b', 3]), [{ method: 'cash', amount: 1950 }]);
  let n = 0;
  const refundCtx = () => ({
    id: `refund-${++n}` as OrderId,
    till: T1,
    businessDate: '20261122',
    at: clock.now(),
    by: alice,
    newLineId: () => `rl-${n}` as LineId,
  });
  const lineB = sale.lines[1]!.id;

  it('builds a negative order linked to the original, paid out exactly', () => {
    const refund = buildRefund(sale, [{ lineId: lineB, qty: 2 }], new Map(), refundCtx());
    expect(refund).toMatchObject({
      kind: 'refund',
      refundOf: { id: sale.id, number: sale.number },
    });
    expect(refund.lines.map((l) => [l.qty, l.unitPrice, l.refundOfLine])).toEqual([
      [-2, 200, lineB],
    ]);
    const paid = pay(refund, [{ method: 'cash', amount: -400 }], 'T1-20261122-0001');
    expect(paid.totals).toMatchObject({ total: -400, paid: -400, change: 0 });
    expect(errorCode(() => checkPayment(refund, [{ method: 'cash', amount: -500 }]))).toBe(
      'PAYMENT_MISMATCH',
    );
    expect(errorCode(() => checkPayment(refund, [{ method: 'cash', amount: 400 }]))).toBe(
      'INVALID_PAYMENT',
    );
  });

  it('never refunds more than was sold across several refunds', () => {
    const first = pay(buildRefund(sale, [{ lineId: lineB, qty: 2 }], new Map(), refundCtx()), [
      { method: 'cash', amount: -400 },
    ]);
    const done = refundedQuantities([first]);
    expect(done.get(lineB)).toBe(2);
    expect(errorCode(() => buildRefund(sale, [{ lineId: lineB, qty: 2 }], done, refundCtx()))).toBe(
      'REFUND_TOO_LARGE',
    );
    expect(buildRefund(sale, [{ lineId: lineB, qty: 1 }], done, refundCtx()).lines[0]?.qty).toBe(
      -1,
    );
  });

  it('refuses refunds of unpaid orders, unknown lines and duplicates', () => {
    expect(
      errorCode(() =>
        buildRefund(cartOf(['a', 1]), [{ lineId: lineB, qty: 1 }], new Map(), refundCtx()),
      ),
    ).toBe('NOT_REFUNDABLE');
    expect(
      errorCode(() =>
        buildRefund(sale, [{ lineId: 'x' as LineId, qty: 1 }], new Map(), refundCtx()),
      ),
    ).toBe('LINE_NOT_FOUND');
    expect(
      errorCode(() =>
        buildRefund(
          sale,
          [
            { lineId: lineB, qty: 1 },
            { lineId: lineB, qty: 1 },
          ],
          new Map(),
          refundCtx(),
        ),
      ),
    ).toBe('DUPLICATE_LINE');
    expect(errorCode(() => buildRefund(sale, [], new Map(), refundCtx()))).toBe('EMPTY_REFUND');
  });
});
