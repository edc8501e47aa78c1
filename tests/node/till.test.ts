import { errorCode } from '../helpers/domain.ts';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderId } from '../../crdt/ids.ts';
import { demoProducts } from '../../node/demo/demo-catalogue.ts';
import type { TestTill } from '../helpers/till.ts';
import { cashier, manager, openTestTill } from '../helpers/till.ts';

const [p1, p2] = demoProducts();
let t: TestTill | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

function sell(till: TestTill['till'], barcode: string, qty = 1) {
  const cart = till.sales.createCart(cashier);
  const withLine = till.sales.applyOp(cashier, cart.id, { type: 'addBarcode', barcode, qty });
  const total = withLine.lines.reduce((s, l) => s + l.unitPrice * l.qty, 0);
  return till.sales.pay(cashier, cart.id, [{ method: 'cash', amount: total }]);
}

describe('a till', () => {
  it('seeds the demo shop on first run', async () => {
    t = await openTestTill();
    const status = t.till.status();
    expect(status.catalogue.products).toBeGreaterThanOrEqual(200);
    expect(t.till.auth.staffList().map((s) => s.name)).toEqual(['Alice', 'Bob']);
    expect(t.till.settings().tills).toEqual([
      expect.objectContaining({
        code: 'T1',
        name: 'Test till',
        roles: { sender: true, receiver: true },
      }),
    ]);
  });

  it('refuses to sell before a business day is open', async () => {
    t = await openTestTill();
    expect(errorCode(() => t!.till.sales.createCart(cashier))).toBe('NO_OPEN_DAY');
  });

  it('sells, numbers orders per till and day, and keeps them across a restart', async () => {
    t = await openTestTill();
    t.till.days.openDay(cashier, 10_000);
    const a = sell(t.till, p1!.barcodes[0]!, 2);
    const b = sell(t.till, p2!.barcodes[0]!);
    expect(a.number).toMatch(/^T1-\d{8}-0001$/);
    expect(b.number).toMatch(/^T1-\d{8}-0002$/);
    expect(a.totals?.total).toBe(p1!.price * 2);
    const peerId = t.till.identity.peerId;
    const till = await t.reopen();
    expect(till.identity.peerId).toBe(peerId);
    expect(till.sales.findOrder(a.id)?.status).toBe('paid');
    expect(till.sales.findOrder(b.number!)?.id).toBe(b.id);
    expect(sell(till, p1!.barcodes[0]!).number).toMatch(/-0003$/);
  });

  it('gives X and Z reports and carries open carts over the close', async () => {
    t = await openTestTill();
    t.till.days.openDay(cashier, 5_000);
    sell(t.till, p1!.barcodes[0]!);
    t.till.days.cashMove(manager, -1_000, 'paid the window cleaner');
    const open = t.till.sales.createCart(cashier);
    t.till.sales.applyOp(cashier, open.id, { type: 'addBarcode', barcode: p2!.barcodes[0]! });
    const x = t.till.days.xReport();
    expect(x).toMatchObject({ openCarts: 1, sales: { count: 1, total: p1!.price } });
    expect(x.cash.expected).toBe(5_000 + p1!.price - 1_000);

    expect(errorCode(() => t!.till.days.closeDay(cashier, { cash: 0 }, { carryOver: true }))).toBe(
      'MANAGER_ONLY',
    );
    expect(errorCode(() => t!.till.days.closeDay(manager, { cash: 0 }, { carryOver: false }))).toBe(
      'OPEN_CARTS',
    );
    const closed = t.till.days.closeDay(
      manager,
      { cash: 5_000 + p1!.price - 1_000 },
      { carryOver: true },
    );
    expect(closed.report.closed).toBe(true);
    expect(closed.report.variance).toEqual({ cash: 0 });
    expect(closed.carriedOver.map((c) => c.id)).toEqual([open.id]);
    expect(t.till.days.current()).toBeUndefined();
    expect(t.till.status().docs.map((d) => d.name)).toEqual([
      'catalogue',
      'refunds',
      'settings',
      'staff',
      'transfers',
    ]);
    expect(t.till.days.zReport(x.businessDate)?.sales.count).toBe(1);

    // the carried cart survives a restart and comes back when the next day opens
    const till = await t.reopen();
    expect(till.status().carriedOver).toBe(1);
    const day = till.days.openDay(cashier, 0);
    expect(day.name).toMatch(/-2\/[A-Za-z0-9]{8}$/);
    const back = till.sales.openCarts();
    expect(back.map((c) => [c.id, c.lines.length, c.carriedFrom])).toEqual([
      [open.id, 1, x.businessDate],
    ]);
    const paid = till.sales.pay(cashier, open.id, [{ method: 'card', amount: p2!.price }]);
    expect(paid.number).toMatch(/-0002$/);
  });

  it('refunds against a journaled order of a closed day, never more than was sold', async () => {
    t = await openTestTill();
    t.till.days.openDay(cashier, 0);
    const sale = sell(t.till, p1!.barcodes[0]!, 3);
    t.till.days.closeDay(manager, { cash: sale.totals!.total }, { carryOver: true });
    t.till.days.openDay(cashier, 0);
    const line = sale.lines[0]!.id;
    await expect(
      t.till.refunds.refund(cashier, sale.number!, [{ lineId: line, qty: 1 }], []),
    ).rejects.toMatchObject({ code: 'APPROVAL_REQUIRED' });
    const refund = await t.till.refunds.refund(
      manager,
      sale.number!,
      [{ lineId: line, qty: 2 }],
      [{ method: 'cash', amount: -2 * p1!.price }],
    );
    expect(refund).toMatchObject({ kind: 'refund', status: 'paid', refundOf: { id: sale.id } });
    expect(t.till.sales.refundsOf(sale.id).map((r) => r.id)).toEqual([refund.id]);
    // the seller (this till) refuses what is no longer left of the sale
    await expect(
      t.till.refunds.refund(
        manager,
        sale.id,
        [{ lineId: line, qty: 2 }],
        [{ method: 'cash', amount: -2 * p1!.price }],
      ),
    ).rejects.toMatchObject({
      code: 'REFUND_REFUSED',
      message: expect.stringMatching(/1 of 3 left/),
    });
    await expect(t.till.refunds.refund(manager, 'T9-20200101-0001', [], [])).rejects.toMatchObject({
      code: 'ORDER_NOT_FOUND',
    });
  });

  it('signs staff in by PIN, slows down guessing, and keeps cashiers out of manager actions', async () => {
    t = await openTestTill();
    const { token, actor } = t.till.auth.login('demo-bob', '0000', 'test');
    expect(actor).toMatchObject({ name: 'Bob', role: 'cashier' });
    expect(t.till.auth.resolve(token)?.name).toBe('Bob');
    for (let i = 0; i < 3; i++)
      expect(() => t!.till.auth.login('demo-alice', '9999', 'test')).toThrow(/wrong PIN/);
    expect(() => t!.till.auth.login('demo-alice', '1234', 'test')).toThrow(/try again in 1 s/);
    expect(errorCode(() => t!.till.updateSettings(cashier, { shopName: 'x' }))).toBe(
      'MANAGER_ONLY',
    );
    expect(t.till.updateSettings(manager, { shopName: 'Corner shop' }).shopName).toBe(
      'Corner shop',
    );
  });

  it('voids a cart and refuses to pay an unknown order', async () => {
    t = await openTestTill();
    t.till.days.openDay(cashier, 0);
    const cart = t.till.sales.createCart(cashier);
    expect(t.till.sales.voidCart(cashier, cart.id).status).toBe('voided');
    expect(errorCode(() => t!.till.sales.pay(cashier, 'nope' as OrderId, []))).toBe(
      'ORDER_NOT_FOUND',
    );
    expect(t.till.days.xReport().voidedCount).toBe(1);
  });
});
