import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LineId, OrderId, ProductId, TaxId } from '../../crdt/ids.ts';
import { checkPayment, finalizePaid } from '../../crdt/payment.ts';
import { computeTotals } from '../../crdt/pricing.ts';
import { buildRefund } from '../../crdt/refund.ts';
import { refundConflicts } from '../../crdt/refund-requests.ts';
import { refundedQuantities } from '../helpers/domain.ts';
import type { Line, Order } from '../../crdt/schema.ts';
import { alice, emptyCart, T1, testClock } from '../helpers/domain.ts';

const clock = testClock();
let n = 0;

function paidSale(lines: Line[]): Order {
  const cart = { ...emptyCart(clock), id: `sale-${++n}` as OrderId, lines };
  const total = computeTotals(lines).total;
  const payments = total === 0 ? [] : [{ method: 'card' as const, amount: total }];
  return finalizePaid(
    cart,
    payments,
    checkPayment(cart, payments),
    `T1-20261121-${n}`,
    clock.now(),
    alice,
  );
}

function refundOf(
  sale: Order,
  request: Array<{ lineId: LineId; qty: number }>,
  earlier: Order[],
): Order {
  const refund = buildRefund(sale, request, refundedQuantities(earlier), {
    id: `refund-${++n}` as OrderId,
    till: T1,
    businessDate: '20261121',
    at: clock.now(),
    by: alice,
    newLineId: () => `rl-${++n}` as LineId,
  });
  const totals = computeTotals(refund.lines, [], refund.fixedTaxes);
  const payments = totals.total === 0 ? [] : [{ method: 'cash' as const, amount: totals.total }];
  return finalizePaid(
    refund,
    payments,
    checkPayment(refund, payments),
    `T1-20261121-${n}`,
    clock.now(),
    alice,
  );
}

const line = (
  i: number,
  unitPrice: number,
  qty: number,
  discountBp: number,
  rateBp: number,
  included: boolean,
): Line => ({
  id: `l${i}` as LineId,
  productId: `p${i}` as ProductId,
  name: `item ${i}`,
  barcode: null,
  qty,
  unitPrice,
  priceOverride: null,
  discountBp,
  tax: { id: `t${rateBp}${included}` as TaxId, name: 'tax', rateBp, included },
  refundOfLine: null,
  fixedAmount: null,
  weightGrams: null,
});

describe('refund amounts are exact shares of the sale', () => {
  it('gives back exactly the sale, never more, whatever the order of partial refunds', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            price: fc.integer({ min: 0, max: 50_000 }),
            qty: fc.integer({ min: 1, max: 7 }),
            discountBp: fc.constantFrom(0, 900, 1250, 3333),
            tax: fc.constantFrom([2000, true], [550, true], [1000, false], [888, false]),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.infiniteStream(fc.integer({ min: 0, max: 1_000 })),
        (specs, choices) => {
          const sale = paidSale(
            specs.map((s, i) => line(i, s.price, s.qty, s.discountBp, s.tax[0], s.tax[1])),
          );
          const left = new Map(sale.lines.map((l) => [l.id, l.qty]));
          const refunds: Order[] = [];
          const pick = choices[Symbol.iterator]();
          while ([...left.values()].some((q) => q > 0)) {
            const open = [...left].filter(([, q]) => q > 0);
            const [lineId, remaining] = open[pick.next().value % open.length]!;
            const qty = 1 + (pick.next().value % remaining);
            refunds.push(refundOf(sale, [{ lineId, qty }], refunds));
            left.set(lineId, remaining - qty);
            const soFar = refunds.reduce((s, r) => s + r.totals!.total, 0);
            expect(-soFar).toBeLessThanOrEqual(sale.totals!.total);
          }
          expect(refunds.reduce((s, r) => s + r.totals!.total, 0) + sale.totals!.total).toBe(0);
          expect(refunds.reduce((s, r) => s + r.totals!.taxTotal, 0) + sale.totals!.taxTotal).toBe(
            0,
          );
        },
      ),
    );
  });

  it('does not pay out extra tax on lines refunded one by one (excluded tax)', () => {
    const sale = paidSale([line(1, 5, 1, 0, 1000, false), line(2, 5, 1, 0, 1000, false)]);
    expect(sale.totals!.total).toBe(11);
    const first = refundOf(sale, [{ lineId: 'l1' as LineId, qty: 1 }], []);
    const second = refundOf(sale, [{ lineId: 'l2' as LineId, qty: 1 }], [first]);
    expect(first.totals!.total + second.totals!.total).toBe(-11);
  });

  it('does not pay out extra on a discounted line refunded unit by unit', () => {
    const sale = paidSale([line(1, 5, 3, 900, 0, true)]);
    expect(sale.totals!.total).toBe(14);
    const refunds: Order[] = [];
    for (let i = 0; i < 3; i++)
      refunds.push(refundOf(sale, [{ lineId: 'l1' as LineId, qty: 1 }], refunds));
    expect(refunds.map((r) => r.totals!.total)).toEqual([-5, -4, -5]);
  });
});

describe('refund conflicts', () => {
  it('names a line refunded past the sale, the same whatever order the refunds come in', () => {
    const sale = paidSale([line(1, 300, 2, 0, 2000, true)]);
    // two refunds made apart, each counting nothing refunded before
    const a = refundOf(sale, [{ lineId: 'l1' as LineId, qty: 2 }], []);
    const b = refundOf(sale, [{ lineId: 'l1' as LineId, qty: 1 }], []);
    const found = refundConflicts(sale, [a, b]);
    expect(found).toEqual([
      expect.objectContaining({
        lineId: 'l1',
        sold: 2,
        refunded: 3,
        refunds: [a.number, b.number],
      }),
    ]);
    expect(refundConflicts(sale, [b, a])).toEqual(found);
    expect(refundConflicts(sale, [a])).toEqual([]);
  });
});
