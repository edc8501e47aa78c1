/**
 * Order numbers in the journal are unique per till key, not per code: two tills
 * under one code (a duplicate, before it knew) number alike, and a third till
 * journals both their days. The migration that drops the old UNIQUE keeps every
 * row an older posmesh journaled, with its lines and payments.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderId } from '../../../crdt/ids.ts';
import type { Order } from '../../../crdt/schema.ts';
import type { Db } from '../../../node/storage/database.ts';
import { MIGRATIONS, openDatabase } from '../../../node/storage/database.ts';
import { SalesJournal } from '../../../node/storage/journal.ts';
import { JournalDays } from '../../../node/storage/journal-days.ts';
import type { TestTill } from '../../helpers/till.ts';
import { olderDatabase } from '../../helpers/older-database.ts';
import { cashier, manager, openTestTill, tempDir } from '../../helpers/till.ts';

const dirs: Array<ReturnType<typeof tempDir>> = [];
const dbs: Db[] = [];
let opened: TestTill | undefined;
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) dir.remove();
  opened?.cleanup();
  opened = undefined;
});

/** A paid order of a real till, as its journal holds it (signed). */
async function journaledOrder(): Promise<Order> {
  opened = await openTestTill();
  const { till } = opened;
  till.days.openDay(manager, 0);
  const cart = till.sales.createCart(cashier);
  const product = till.catalogue.search('', 1)[0]!;
  till.sales.applyOp(cashier, cart.id, { type: 'addProduct', productId: product.id });
  const paid = till.sales.pay(cashier, cart.id, [{ method: 'card', amount: product.price }]);
  return till.ctx.journal.order(paid.id)!;
}

/** The day document an older posmesh named (no writer's tag). */
const dayOf = (order: Order) => `orders/${order.till}/${order.businessDate}`;

/** The same number, sold by another till under the same code. */
const twin = (order: Order): Order => ({
  ...order,
  id: `${order.id}-twin` as OrderId,
  signer: 'another-till-key',
});

/** Rows as the older schema has them: an order with its lines and payments, and its day. */
function previousDatabase(order: Order): string {
  const dir = tempDir();
  dirs.push(dir);
  return olderDatabase(dir.path, 'journal_orders_next', (old) => {
    const t = order.totals!;
    const insert = old.prepare(
      `INSERT INTO journal_orders (id, number, till, business_date, kind, gross, discount, tax, total,
         paid, change, paid_at, paid_by, data, doc, signer, chain_seq)
       VALUES (?, ?, ?, ?, 'sale', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const row = (o: Order) => [
      o.id,
      o.number,
      o.till,
      o.businessDate,
      ...[t.gross, t.discount, t.taxTotal, t.total, t.paid, t.change],
      o.closedAt,
      'Ann',
      JSON.stringify(o),
      dayOf(o),
      o.signer,
      o.chain?.seq ?? null,
    ];
    insert.run(...row(order));
    order.lines.forEach((line, idx) =>
      old
        .prepare(
          `INSERT INTO journal_lines (order_id, idx, line_id, product_id, name, qty, unit_price,
             discount_bp, gross, discount, amount, tax_id, tax_rate_bp, tax_included)
           VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 'vat', 0, 1)`,
        )
        .run(order.id, idx, line.id, line.productId, line.name, line.qty, line.unitPrice),
    );
    order.payments.forEach((p, idx) =>
      old
        .prepare(`INSERT INTO journal_payments (order_id, idx, method, amount) VALUES (?, ?, ?, ?)`)
        .run(order.id, idx, p.method, p.amount),
    );
    old
      .prepare(
        `INSERT INTO journal_days (till, business_date, session, closed_at, report) VALUES (?, ?, 1, ?, '{}')`,
      )
      .run(order.till, order.businessDate, order.closedAt);
    // what this migration is for: the old table takes one order per number
    expect(() => insert.run(...row(twin(order)))).toThrow(
      /UNIQUE constraint failed: journal_orders.number/,
    );
  });
}

describe('journal order numbers', () => {
  it('keeps every order, line and payment of an older journal, and takes a second till with the same number', async () => {
    const order = await journaledOrder();
    const db = openDatabase(previousDatabase(order));
    dbs.push(db);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const journal = new SalesJournal(db);
    expect(journal.order(order.id)).toEqual(order);
    const rows = (table: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([rows('journal_lines'), rows('journal_payments')]).toEqual([
      order.lines.length,
      order.payments.length,
    ]);
    expect(journal.recordOrder(twin(order), dayOf(order))).toBe(true);
    expect(journal.ordersByNumber(order.number!).map((o) => o.signer)).toEqual([
      order.signer,
      'another-till-key',
    ]);
    // the day kept, now one writer's (an older day names none)
    expect(new JournalDays(db).all()).toMatchObject([
      { till: order.till, businessDate: order.businessDate, session: 1, doc: dayOf(order) },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it("finds the order of the code's owner by its number, not a stranger's twin", async () => {
    const order = await journaledOrder();
    const { till } = opened!;
    till.ctx.journal.recordOrder(twin({ ...order, total: 1 } as Order), dayOf(order));
    expect(till.ctx.journal.ordersByNumber(order.number!)).toHaveLength(2);
    expect(till.sales.findOrder(order.number!)?.signer).toBe(order.signer);
    expect(till.sales.findOrder(`${order.id}-twin`)).toBeUndefined();
  });
});
