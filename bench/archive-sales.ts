/**
 * Paid sales of one till for the archive benchmarks, made with the domain's own
 * code the way tests/node/archive/archive-fixtures.ts makes a day: a cart built
 * op by op, payment checked and finalised, numbered, linked into the till's
 * chain and signed by its key. Every sale is what a busy shop archives most:
 * 3 lines under two tax rates, split between a card and cash with change.
 */
import { randomUUID } from 'node:crypto';
import type { CartOp } from '../crdt/cart.ts';
import { applyCartOp, newCart } from '../crdt/cart.ts';
import type { CatalogueIndex } from '../crdt/catalogue.ts';
import { DAY, dayDocName } from '../crdt/documents.ts';
import { HybridClock } from '../crdt/hlc.ts';
import type { OrderId, ProductId, TillCode } from '../crdt/ids.ts';
import { formatOrderNumber } from '../crdt/order-number.ts';
import { checkPayment, finalizePaid } from '../crdt/payment.ts';
import type { Order, Payment } from '../crdt/schema.ts';
import type { RecordSigner } from '../crdt/signing.ts';
import { signRecord } from '../crdt/signing.ts';
import type { ChainHead } from '../node/books/chain.ts';
import { EMPTY_CHAIN, headAfter, nextLink } from '../node/books/chain.ts';
import {
  alice,
  cartContext,
  product,
  testCatalogue,
  vat20,
  vat55,
} from '../tests/helpers/domain.ts';
import { testSigner } from '../tests/helpers/signing.ts';

export const BENCH_DATE = '20261121';
/** Paid by card first, in minor units; the rest in cash. */
const CARD_PART = 1_000;
/** The customer hands over notes: cash is rounded up to this (minor units) and change given. */
const CASH_NOTE = 500;

/** A basket of two VAT rates: groceries at 5.5 %, wine at 20 %. */
export function benchCatalogue(): CatalogueIndex {
  return testCatalogue([
    product('bread', 250, vat55),
    product('cheese', 675, vat55),
    product('wine', 1_299, vat20),
  ]).index;
}

const BASKET: CartOp[] = [
  { type: 'addProduct', productId: 'bread' as ProductId, qty: 2 },
  { type: 'addProduct', productId: 'cheese' as ProductId, qty: 1 },
  { type: 'addProduct', productId: 'wine' as ProductId, qty: 1 },
];

/** Where a paid order goes: a DayWriter (into a day document) or a plain signature. */
export interface OrderSink {
  order(order: Order): Order;
}

export class TillSeller {
  readonly dayName: string;
  private readonly clock: HybridClock;
  private head: ChainHead = EMPTY_CHAIN;
  private seq = 0;

  constructor(
    readonly code: TillCode,
    private readonly catalogue: CatalogueIndex,
    readonly signer: RecordSigner = testSigner(),
    /** Defaults to signing for the order's place in the day document, without a document. */
    private readonly out: OrderSink = {
      order: (o) => signRecord(o, { doc: this.dayName, map: DAY.orders, key: o.id }, signer),
    },
  ) {
    this.dayName = dayDocName({ till: code, businessDate: BENCH_DATE, session: 1 });
    this.clock = new HybridClock(code);
  }

  /** One sale, paid, chained and signed, as it was handed to `out`. */
  sell(): Order {
    const ctx = cartContext(this.catalogue, this.clock);
    const cart = newCart({
      id: randomUUID() as OrderId,
      till: this.code,
      businessDate: BENCH_DATE,
      currency: 'EUR',
      at: this.clock.now(),
      by: alice,
    });
    const order = BASKET.reduce((c, op) => applyCartOp(c, op, ctx), cart);
    const due = order.lines.reduce((sum, line) => sum + line.unitPrice * line.qty, 0) - CARD_PART;
    const payments: Payment[] = [
      { method: 'card', amount: CARD_PART },
      { method: 'cash', amount: Math.ceil(due / CASH_NOTE) * CASH_NOTE },
    ];
    const totals = checkPayment(order, payments);
    const number = formatOrderNumber(this.code, BENCH_DATE, ++this.seq);
    const paid = finalizePaid(order, payments, totals, number, this.clock.now(), alice);
    const chain = nextLink(this.head, totals.total);
    const signed = this.out.order({ ...paid, chain });
    this.head = headAfter(chain, signed.sig ?? '');
    return signed;
  }
}
