/**
 * The books an auditor can check: every paid order and refund of a till is
 * signed into a chain; verifying a till's database offline finds an edited
 * record, a deleted one and a re-signed fork, and names them.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../../../crdt/schema.ts';
import { signRecord } from '../../../crdt/signing.ts';
import { heldRecords } from '../../../node/books/held-records.ts';
import { verifyBooks } from '../../../node/books/verify-books.ts';
import { ed25519 } from '../../../node/signatures.ts';
import { openDatabase } from '../../../node/storage/database.ts';
import { SqliteUpdateStore } from '../../../node/storage/sqlite-update-store.ts';
import { DATABASE_FILE } from '../../../node/till/till.ts';
import type { TestTill } from '../../helpers/till.ts';
import { cashier, manager, openTestTill } from '../../helpers/till.ts';

const open: TestTill[] = [];
afterEach(() => {
  for (const t of open.splice(0)) t.cleanup();
});

/** A till that sold 6 orders and refunded one, over two business days (one closed). */
async function tillWithBooks(): Promise<{ t: TestTill; numbers: string[]; file: string }> {
  const t = await openTestTill();
  open.push(t);
  const numbers: string[] = [];
  const sellSome = (n: number) => {
    for (let i = 0; i < n; i++) {
      const cart = t.till.sales.createCart(cashier);
      const p = t.till.catalogue.search('', 20)[i]!;
      t.till.sales.applyOp(cashier, cart.id, { type: 'addProduct', productId: p.id, qty: 1 + i });
      numbers.push(
        t.till.sales.pay(cashier, cart.id, [{ method: 'card', amount: p.price * (1 + i) }]).number!,
      );
    }
  };
  t.till.days.openDay(manager, 0);
  sellSome(3);
  const first = t.till.sales.findOrder(numbers[0]!)!;
  const refund = await t.till.refunds.refund(
    manager,
    numbers[0]!,
    [{ lineId: first.lines[0]!.id, qty: 1 }],
    [{ method: 'card', amount: -first.totals!.total }],
  );
  numbers.push(refund.number!);
  t.till.days.closeDay(manager, { cash: 0 }, { carryOver: true });
  t.till.days.openDay(manager, 0);
  sellSome(3);
  return { t, numbers, file: join(t.till.config.dataDir, DATABASE_FILE) };
}

function verify(file: string) {
  const db = openDatabase(file);
  try {
    return verifyBooks(heldRecords(db, new SqliteUpdateStore(db)), ed25519);
  } finally {
    db.close();
  }
}

/** Works on the journal as someone with the database file and a text editor would. */
function tamper(file: string, fn: (db: Database.Database) => void) {
  const db = new Database(file);
  try {
    fn(db);
  } finally {
    db.close();
  }
}

const row = (db: Database.Database, number: string) =>
  db.prepare('SELECT data, doc FROM journal_orders WHERE number = ?').get(number) as {
    data: string;
    doc: string;
  };

describe('the books', () => {
  it('are signed into one unbroken chain per till, refunds included, and verify as intact', async () => {
    const { t, numbers, file } = await tillWithBooks();
    t.till.close();
    const report = verify(file);
    expect(report.ok).toBe(true);
    expect(report.tills).toHaveLength(1);
    expect(report.tills[0]).toMatchObject({ records: 7, firstSeq: 1, lastSeq: 7, problems: [] });
    // the running total is the till's takings: sales less the refund
    const db = new Database(file);
    const total = (db.prepare('SELECT sum(total) AS s FROM journal_orders').get() as { s: number })
      .s;
    db.close();
    expect(report.tills[0]!.running).toBe(total);
    expect(numbers).toHaveLength(7);
  });

  it('find a record edited in SQLite', async () => {
    const { t, numbers, file } = await tillWithBooks();
    t.till.close();
    tamper(file, (db) => {
      const r = row(db, numbers[1]!);
      const order = JSON.parse(r.data) as Order;
      order.totals = { ...order.totals!, total: order.totals!.total - 100 };
      db.prepare('UPDATE journal_orders SET data = ? WHERE number = ?').run(
        JSON.stringify(order),
        numbers[1],
      );
    });
    const report = verify(file);
    expect(report.ok).toBe(false);
    expect(report.unproven).toMatchObject([{ kind: 'edited', where: numbers[1] }]);
  });

  it('find a record deleted from the journal and from its day document', async () => {
    const { t, numbers, file } = await tillWithBooks();
    t.till.close();
    tamper(file, (db) => {
      const { id, doc } = db
        .prepare('SELECT id, doc FROM journal_orders WHERE number = ?')
        .get(numbers[1]) as { id: string; doc: string };
      for (const table of ['journal_lines', 'journal_payments'])
        db.prepare(`DELETE FROM ${table} WHERE order_id = ?`).run(id);
      db.prepare('DELETE FROM journal_orders WHERE id = ?').run(id);
      // and from its (closed) day document, rewritten without it
      const store = new SqliteUpdateStore(db);
      const day = new Y.Doc();
      const stored = store.load(doc);
      for (const u of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates)
        Y.applyUpdate(day, u);
      day.getMap('orders').delete(id);
      store.compact(doc, Y.encodeStateAsUpdate(day), stored.lastId);
    });
    const report = verify(file);
    expect(report.ok).toBe(false);
    expect(report.tills[0]!.problems).toMatchObject([{ kind: 'missing', where: '#2' }]);
  });

  it('find a fork: a record re-signed by the till itself with other content', async () => {
    const { t, numbers, file } = await tillWithBooks();
    const signer = t.till.ctx.signer;
    t.till.close();
    tamper(file, (db) => {
      const r = row(db, numbers[1]!);
      const order = JSON.parse(r.data) as Order;
      const lower = { ...order, totals: { ...order.totals!, total: order.totals!.total - 100 } };
      const resigned = signRecord(lower, { doc: r.doc, map: 'orders', key: order.id }, signer);
      db.prepare('UPDATE journal_orders SET data = ? WHERE number = ?').run(
        JSON.stringify(resigned),
        numbers[1],
      );
    });
    const report = verify(file);
    expect(report.ok).toBe(false);
    expect(report.unproven).toEqual([]); // every signature is valid: the key itself was used
    // the day document still holds the original: two signed records hold one place
    const problems = report.tills[0]!.problems.map((p) => [p.kind, p.where]);
    expect(problems).toContainEqual(['fork', numbers[1]]);
    expect(problems).toContainEqual(['broken-link', numbers[2]]);
  });
});
