/**
 * The busy till of the start-up benchmark: 100,000 closed historical orders (journal
 * and closed day documents, 100 days) and an open day of 5,000 paid orders.
 */
import { join } from 'node:path';
import * as Y from 'yjs';
import { DayWriter } from '../crdt/day.ts';
import { loadOrCreateIdentity } from '../node/identity.ts';
import { tillSigner } from '../node/signatures.ts';
import { dayDocName } from '../crdt/documents.ts';
import { formatHlc } from '../crdt/hlc.ts';
import type { LineId, OrderId, ProductId, StaffId, TaxId, TillCode } from '../crdt/ids.ts';
import { formatOrderNumber } from '../crdt/order-number.ts';
import { computeTotals } from '../crdt/pricing.ts';
import type { Order } from '../crdt/schema.ts';
import { demoProducts } from '../node/demo/demo-catalogue.ts';
import { openDatabase } from '../node/storage/database.ts';
import { SalesJournal } from '../node/storage/journal.ts';
import { SqliteUpdateStore } from '../node/storage/sqlite-update-store.ts';
import type { BenchDir } from './bench-till.ts';
import { benchCashier, openBenchTill } from './bench-till.ts';

const HISTORY_DAYS = 100;
const ORDERS_PER_DAY = 1_000;
const OPEN_DAY_ORDERS = 5_000;
const till = 'B1' as TillCode;
const who = { id: 'demo-bob' as StaffId, name: 'Bob' };

function historicalOrder(day: number, seq: number): Order {
  const date = `2025${String(1 + Math.floor(day / 28)).padStart(2, '0')}${String(1 + (day % 28)).padStart(2, '0')}`;
  const at = formatHlc({
    wall: 1_735_689_600_000 + day * 86_400_000 + seq * 1000,
    counter: 0,
    node: till,
  });
  const product = demoProducts()[seq % 240]!;
  const lines = [
    {
      id: `${day}-${seq}-1` as LineId,
      productId: product.id as ProductId,
      name: product.name,
      barcode: product.barcodes[0] ?? null,
      qty: 1 + (seq % 3),
      unitPrice: product.price,
      priceOverride: null,
      discountBp: 0,
      tax: { id: product.taxId as TaxId, name: 'VAT', rateBp: 2000, included: true },
      refundOfLine: null,
      fixedAmount: null,
      weightGrams: null,
    },
  ];
  const totals = computeTotals(lines, [
    { method: 'card', amount: product.price * (1 + (seq % 3)) },
  ]);
  return {
    id: `hist-${day}-${seq}` as OrderId,
    till,
    businessDate: date,
    kind: 'sale',
    status: 'paid',
    number: formatOrderNumber(till, date, seq + 1),
    currency: 'EUR',
    lines,
    customer: null,
    note: '',
    payments: [{ method: 'card', amount: totals.total }],
    totals,
    refundOf: null,
    transferRef: null,
    fixedTaxes: null,
    transferLost: null,
    carriedFrom: null,
    openedAt: at,
    openedBy: who,
    updatedAt: at,
    updatedBy: who,
    closedAt: at,
    closedBy: who,
    approvals: [],
    chain: null,
    voidReason: null,
  };
}

/** 100 closed days: journal rows plus the compacted, closed day documents. */
async function writeHistory(dir: BenchDir): Promise<void> {
  // signed with the identity the till will load, as the till itself would have
  const signer = tillSigner(await loadOrCreateIdentity(join(dir.path, 'data')));
  const db = openDatabase(join(dir.path, 'data/posmesh.db'));
  const journal = new SalesJournal(db);
  const store = new SqliteUpdateStore(db);
  for (let day = 0; day < HISTORY_DAYS; day++) {
    const doc = new Y.Doc();
    const orders = Array.from({ length: ORDERS_PER_DAY }, (_, seq) => historicalOrder(day, seq));
    const first = orders[0]!;
    const name = dayDocName({ till, businessDate: first.businessDate, session: 1 });
    const write = new DayWriter(doc, name, signer);
    write.meta({
      till,
      businessDate: first.businessDate,
      session: 1,
      currency: 'EUR',
      float: 0,
      openedAt: first.openedAt,
      openedBy: who,
      closedAt: orders.at(-1)!.closedAt,
      closedBy: who,
      counted: { cash: 0 },
      orderCount: ORDERS_PER_DAY,
    });
    const signed = orders.map((order) => write.order(order));
    db.transaction(() => {
      for (const order of signed) journal.recordOrder(order, name);
      store.compact(name, Y.encodeStateAsUpdate(doc), 0);
      store.setState(name, 'closed');
    })();
  }
  db.close();
}

async function openDay(dir: BenchDir): Promise<void> {
  const t = await openBenchTill(dir);
  t.days.openDay(benchCashier, 0);
  const codes = demoProducts().map((p) => p.barcodes[0]!);
  for (let i = 0; i < OPEN_DAY_ORDERS; i++) {
    const cart = t.sales.createCart(benchCashier);
    const order = t.sales.applyOp(benchCashier, cart.id, {
      type: 'addBarcode',
      barcode: codes[i % codes.length]!,
    });
    t.sales.pay(benchCashier, cart.id, [{ method: 'cash', amount: order.lines[0]!.unitPrice }]);
  }
  t.close();
}

/** A till with years of history behind it and a busy day open, as it left them. */
export async function prepareBusyTill(dir: BenchDir): Promise<void> {
  (await openBenchTill(dir)).close();
  await writeHistory(dir);
  await openDay(dir);
}
