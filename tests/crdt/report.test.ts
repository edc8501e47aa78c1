import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { applyCartOp } from '../../crdt/cart.ts';
import { closeDayMeta, DayView, openDayMeta, DayWriter } from '../../crdt/day.ts';
import { dayDocName, parseDocName, writerTag } from '../../crdt/documents.ts';
import { DomainError } from '../../crdt/errors.ts';
import type { CashMoveId, DrawerOpeningId, OrderId, ProductId } from '../../crdt/ids.ts';
import { checkPayment, finalizePaid, voidCart } from '../../crdt/payment.ts';
import { buildRefund } from '../../crdt/refund.ts';
import { dayReport } from '../../crdt/report.ts';
import type { Order, Payment } from '../../crdt/schema.ts';
import { orderSchema } from '../../crdt/schema.ts';
import {
  alice,
  cartContext,
  emptyCart,
  product,
  salesTax,
  T1,
  testCatalogue,
  testClock,
  vat20,
  vat55,
} from '../helpers/domain.ts';
import { testSigner, testTrust } from '../helpers/signing.ts';
import { signRecord } from '../../crdt/signing.ts';

const clock = testClock();
const keys = { T1: testSigner(), X9: testSigner(), F1: testSigner() };
// X9 claimed T1 too (a duplicate); F1 is another till of the mesh
const trust = testTrust({ T1: keys.T1 }, [
  { code: 'T1', signer: keys.X9 },
  { code: 'F1', signer: keys.F1 },
]);
const cat = testCatalogue([
  product('a', 1000, vat20),
  product('b', 500, vat55),
  product('c', 1000, salesTax),
]);
const ctx = cartContext(cat.index, clock);
let seq = 0;

function sale(items: Array<[string, number]>, payments: Payment[]): Order {
  let cart = { ...emptyCart(clock), id: `o${++seq}` as OrderId };
  for (const [id, qty] of items)
    cart = applyCartOp(cart, { type: 'addProduct', productId: id as ProductId, qty }, ctx);
  return finalizePaid(
    cart,
    payments,
    checkPayment(cart, payments),
    `T1-20261121-${String(seq).padStart(4, '0')}`,
    clock.now(),
    alice,
  );
}

describe('day report', () => {
  const meta = openDayMeta({
    till: T1,
    businessDate: '20261121',
    session: 1,
    currency: 'EUR',
    float: 10_000,
    at: clock.now(),
    by: alice,
  });
  const s1 = sale([['a', 2]], [{ method: 'cash', amount: 5000 }]); // 20.00, change 30.00
  const s2 = sale(
    [
      ['b', 1],
      ['c', 1],
    ],
    [{ method: 'card', amount: 1580 }],
  ); // 5.00 + 10.00 + 0.80 tax
  const refund = buildRefund(s1, [{ lineId: s1.lines[0]!.id, qty: 1 }], new Map(), {
    id: 'r1' as OrderId,
    till: T1,
    businessDate: '20261121',
    at: clock.now(),
    by: alice,
    newLineId: () => 'rl' as never,
  });
  const r1 = finalizePaid(
    refund,
    [{ method: 'cash', amount: -1000 }],
    checkPayment(refund, [{ method: 'cash', amount: -1000 }]),
    'T1-20261121-0003',
    clock.now(),
    alice,
  );
  const open = applyCartOp(
    { ...emptyCart(clock), id: 'open' as OrderId },
    { type: 'addProduct', productId: 'a' as ProductId },
    ctx,
  );
  const voided = voidCart({ ...open, id: 'void' as OrderId }, clock.now(), alice);
  const moves = [
    {
      id: 'm1' as CashMoveId,
      amount: 2000,
      reason: 'change top-up',
      at: clock.now(),
      by: alice,
      approvedBy: null,
    },
    {
      id: 'm2' as CashMoveId,
      amount: -500,
      reason: 'window cleaner',
      at: clock.now(),
      by: alice,
      approvedBy: alice,
    },
  ];

  const openings = [
    {
      id: 'd1' as DrawerOpeningId,
      kind: 'sale' as const,
      orderId: s1.id,
      orderNumber: s1.number,
      reason: 'cash sale',
      at: clock.now(),
      by: alice,
      approvedBy: null,
    },
    {
      id: 'd2' as DrawerOpeningId,
      kind: 'no-sale' as const,
      orderId: null,
      orderNumber: null,
      reason: 'change for the bakery',
      at: clock.now(),
      by: alice,
      approvedBy: alice,
    },
  ];

  it('totals sales, refunds, methods, taxes, the expected cash and the drawer openings', () => {
    const x = dayReport(meta, [s1, s2, r1, open, voided], moves, openings);
    expect(x.drawer).toEqual({
      sales: 1,
      noSale: 1,
      noSaleOpenings: [{ at: openings[1]!.at, by: alice, reason: 'change for the bakery' }],
    });
    expect(x.sales).toEqual({ count: 2, gross: 3500, discount: 0, total: 3580 });
    expect(x.refunds).toEqual({ count: 1, total: -1000 });
    expect(x.net).toBe(2580);
    expect(x.byMethod).toEqual({ cash: 1000, card: 1580, other: 0 });
    expect(x.cash).toEqual({
      float: 10_000,
      takings: 1000,
      cashIn: 2000,
      cashOut: -500,
      expected: 12_500,
    });
    expect(x.taxes.map((t) => [t.taxId, t.base, t.tax])).toEqual([
      ['vat55', 474, 26],
      ['st8', 1000, 80],
      ['vat20', 834, 166], // 333 on the sale, -167 on the refund: tax is per order
    ]);
    expect([x.openCarts, x.voidedCount, x.firstNumber, x.lastNumber]).toEqual([
      1,
      1,
      'T1-20261121-0001',
      'T1-20261121-0003',
    ]);
    expect(x.closed).toBe(false);
  });

  it('closes with counted amounts and shows the variance per method', () => {
    const closed = closeDayMeta(meta, {
      at: clock.now(),
      by: alice,
      counted: { cash: 12_450, card: 1580 },
      orderCount: 3,
    });
    const z = dayReport(closed, [s1, s2, r1], moves, []);
    expect(z.closed).toBe(true);
    expect(z.variance).toEqual({ cash: -50, card: 0 });
    expect(() =>
      closeDayMeta(closed, { at: clock.now(), by: alice, counted: { cash: 1 }, orderCount: 0 }),
    ).toThrow(/already closed/);
    expect(() =>
      closeDayMeta(meta, { at: clock.now(), by: alice, counted: { card: 1 }, orderCount: 0 }),
    ).toThrow(/counted cash/);
    expect(() =>
      closeDayMeta(meta, { at: clock.now(), by: alice, counted: { cash: -1 }, orderCount: 0 }),
    ).toThrow(DomainError);
  });

  it('round-trips through a day document, counting only what the till signed', () => {
    const doc = new Y.Doc();
    const name = dayDocName({ till: T1, businessDate: '20261121', session: 1 });
    const write = new DayWriter(doc, name, keys.T1);
    write.meta(meta);
    for (const o of [s1, s2]) write.order(o);
    write.cashMove(moves[0]!);
    doc.getMap('orders').set('evil', { id: 'evil', total: 'lots' });
    // an order under T1's code signed by the other till that claimed T1 (X9)
    new DayWriter(doc, name, keys.X9).order({ ...s1, id: 'duplicate' as OrderId });
    // and one signed by a till of the mesh with another code: a forgery
    new DayWriter(doc, name, keys.F1).order({ ...s1, id: 'forged' as OrderId });
    // a record T1 really signed, for another day, copied in here
    const elsewhere = new Y.Doc();
    new DayWriter(elsewhere, 'orders/T1/20261122', keys.T1).order({
      ...s2,
      id: 'moved' as OrderId,
    });
    doc.getMap('orders').set('moved', elsewhere.getMap('orders').get('moved'));
    const seen: string[] = [];
    const view = new DayView(doc, name, (r) => seen.push(`${r.map} ${r.key}: ${r.reason}`), trust);
    expect(
      view
        .orders()
        .map((o) => o.id)
        .sort(),
    ).toEqual(['o1', 'o2']);
    expect(view.meta()?.float).toBe(10_000);
    expect(view.cashMoves()).toHaveLength(1);
    expect(view.duplicates()).toEqual([
      { map: 'orders', key: 'duplicate', signer: keys.X9.peerId },
    ]);
    expect(seen).toContain('orders moved: no valid signature');
    expect(seen).toContain('orders forged: signed by F1, not a till with code T1');
    // looking up an order that is not there reports nothing
    const before = seen.length;
    expect(view.order('absent' as OrderId)).toBeUndefined();
    expect(seen.length).toBe(before);
    expect(seen.some((r) => r.startsWith('orders evil: '))).toBe(true);
  });

  it('reads an order it just wrote back as written, frozen, without parsing it again', () => {
    const doc = new Y.Doc();
    const name = dayDocName({ till: T1, businessDate: '20261121', session: 1 });
    const written = new DayWriter(doc, name, keys.T1).order(s1);
    const read = new DayView(doc, name, () => {}, trust).order(s1.id);
    expect(read).toBe(written);
    expect(Object.isFrozen(read) && Object.isFrozen(read!.lines[0])).toBe(true);
    // what a reader that parses it gets: the same record
    expect(orderSchema.parse(written)).toEqual(written);
  });

  it('finds the latest edit among the orders that count, past newer ones that do not', () => {
    const doc = new Y.Doc();
    const name = dayDocName({ till: T1, businessDate: '20261121', session: 1 });
    const view = new DayView(doc, name, () => {}, trust);
    expect(view.latestOrderStamp()).toBeUndefined();
    const write = new DayWriter(doc, name, keys.T1);
    for (const o of [s2, s1]) write.order(o);
    // later stamps, but a forgery and an unsigned record
    new DayWriter(doc, name, keys.F1).order({
      ...s1,
      id: 'forged' as OrderId,
      updatedAt: clock.now(),
    });
    doc.getMap('orders').set('unsigned', { ...s1, id: 'unsigned', updatedAt: clock.now() });
    expect(s2.updatedAt > s1.updatedAt).toBe(true);
    expect(view.latestOrderStamp()).toBe(s2.updatedAt);
  });
});

describe('document names', () => {
  it('round-trips day documents and rejects strangers', () => {
    expect(parseDocName('orders/T1/20261121')).toEqual({
      kind: 'day',
      till: 'T1',
      businessDate: '20261121',
      session: 1,
    });
    expect(
      parseDocName(dayDocName({ till: T1, businessDate: '20261121', session: 3 })),
    ).toMatchObject({ session: 3 });
    expect(parseDocName('catalogue')).toEqual({ kind: 'catalogue' });
    // one writer's day: the tag of its key
    const tagged = dayDocName({
      till: T1,
      businessDate: '20261121',
      session: 2,
      writer: 'AbC12xyZ',
    });
    expect(tagged).toBe('orders/T1/20261121-2/AbC12xyZ');
    expect(parseDocName(tagged)).toEqual({
      kind: 'day',
      till: 'T1',
      businessDate: '20261121',
      session: 2,
      writer: 'AbC12xyZ',
    });
    expect(writerTag('12D3KooWRzCVDwHUkgdK7eRgnoXbjDAELhxPErjHzbRLguSV1aRt')).toBe('guSV1aRt');
    for (const bad of [
      'orders/T1/20261121/short',
      'orders/T1/20261121/AbC12xyZ/more',
      'orders/T1/20261121/AbC-2xyZ',
      'orders/t1/20261121',
      'orders/T1/2026112',
      'orders/T1/20261121-1',
      '../etc',
      'orders',
    ]) {
      expect(parseDocName(bad)).toBeUndefined();
    }
  });
});

describe('report sums', () => {
  const meta = openDayMeta({
    till: T1,
    businessDate: '20261121',
    session: 1,
    currency: 'EUR',
    float: 0,
    at: clock.now(),
    by: alice,
  });
  const huge = (n: number): Order => {
    const s = sale([['a', 1]], [{ method: 'card', amount: 1000 }]);
    const big = Number.MAX_SAFE_INTEGER;
    return {
      ...s,
      id: `huge${n}` as OrderId,
      payments: [{ method: 'card', amount: big }],
      totals: { ...s.totals!, gross: big, net: big, total: big, paid: big },
    };
  };

  it('are exact or refused, never rounded', () => {
    expect(() => dayReport(meta, [huge(1), huge(2), huge(3)], [], [])).toThrow(DomainError);
    const many = Array.from({ length: 50 }, (_, i) =>
      sale([['a', 1 + (i % 7)]], [{ method: 'cash', amount: 10_000 }]),
    );
    const report = dayReport(meta, many, [], []);
    const exact = many.reduce((s, o) => s + BigInt(o.totals!.total), 0n);
    expect(BigInt(report.sales.total)).toBe(exact);
  });

  it('never see an order whose amounts are beyond what a cart can hold', () => {
    const doc = new Y.Doc();
    const name = 'orders/T1/20261121';
    const ok = sale([['a', 1]], [{ method: 'card', amount: 1000 }]);
    new DayWriter(doc, name, keys.T1).order(ok);
    // signed by the owner, past what a cart can hold: only a broken or hostile till writes this
    const place = { doc: name, map: 'orders', key: 'huge1' };
    doc.getMap('orders').set('huge1', signRecord(huge(1), place, keys.T1));
    const invalid: unknown[] = [];
    const view = new DayView(doc, name, (r) => invalid.push(r), trust);
    expect(view.orders().map((o) => o.id)).toEqual([ok.id]);
    expect(invalid).toHaveLength(1);
  });
});
