/**
 * A till's business day made with the domain's own code, as the relay would
 * archive it: sales with two tax rates, a discount and split payments, sales at
 * the money limits, refunds of both, each paid order chained and signed; cash
 * moves, drawer openings, finished transfers, and the Z report of the day.
 */
import { randomUUID } from 'node:crypto';
import { applyCartOp, newCart } from '../../../crdt/cart.ts';
import type { CartOp } from '../../../crdt/cart.ts';
import { closeDayMeta, openDayMeta } from '../../../crdt/day.ts';
import { DAY, dayDocName } from '../../../crdt/documents.ts';
import { HybridClock } from '../../../crdt/hlc.ts';
import type {
  CashMoveId,
  DrawerOpeningId,
  LineId,
  OrderId,
  ProductId,
  TillCode,
  TransferId,
} from '../../../crdt/ids.ts';
import { MAX_UNIT_PRICE } from '../../../crdt/money.ts';
import { checkPayment, finalizePaid } from '../../../crdt/payment.ts';
import { computeTotals } from '../../../crdt/pricing.ts';
import { buildRefund } from '../../../crdt/refund.ts';
import type { RefundLineRequest } from '../../../crdt/refund.ts';
import { dayReport } from '../../../crdt/report.ts';
import type { DayReport } from '../../../crdt/report.ts';
import type { CashMove, DrawerOpening, Order, Payment } from '../../../crdt/schema.ts';
import type { TransferEvent } from '../../../crdt/transfer-schema.ts';
import { signRecord } from '../../../crdt/signing.ts';
import { EMPTY_CHAIN, headAfter, nextLink } from '../../../node/books/chain.ts';
import type { ArchiveRecord } from '../../../node/archive/archive-sink.ts';
import { alice, cartContext, product, testCatalogue, vat20, vat55 } from '../../helpers/domain.ts';
import { refundedQuantities } from '../../helpers/domain.ts';
import { testSigner } from '../../helpers/signing.ts';

/** Unit price x 100 units: a line and an order exactly at MAX_LINE_AMOUNT and MAX_ORDER_TOTAL. */
const LIMIT_QTY = 100;

export interface TillDay {
  records: ArchiveRecord[];
  /** The day document (session 1) its orders are signed in. */
  doc: string;
  orders: Order[];
  report: DayReport;
  /** A transfer of the day whose log grows: the first copy archived while it had fewer events. */
  transferEarly: ArchiveRecord;
}

export function tillDay(meshId: string, tillCode: string, businessDate: string): TillDay {
  const till = tillCode as TillCode;
  let now = Date.UTC(2026, 10, 21, 8);
  const clock = new HybridClock(till, () => (now += 1_000));
  const signer = testSigner();
  const catalogue = testCatalogue([
    product('bread', 250, vat55),
    product('wine', 1_299, vat20),
    product('gold', MAX_UNIT_PRICE, vat20),
  ]).index;
  const ctx = cartContext(catalogue, clock);
  const orders: Order[] = [];
  let head = EMPTY_CHAIN;
  let lineSeq = 0;
  const newLineId = () => `${till}-line-${++lineSeq}` as LineId;
  const where = { till, businessDate, by: alice };
  const doc = dayDocName({ till, businessDate, session: 1 });

  const pay = (order: Order, payments: Payment[]): Order => {
    const totals = checkPayment(order, payments);
    const number = `${till}-${businessDate}-${String(orders.length + 1).padStart(4, '0')}`;
    const paid = finalizePaid(order, payments, totals, number, clock.now(), alice);
    const chain = nextLink(head, totals.total);
    const place = { doc, map: DAY.orders, key: order.id };
    const signed = signRecord({ ...paid, chain }, place, signer);
    head = headAfter(chain, signed.sig);
    orders.push(signed);
    return signed;
  };
  const sell = (ops: CartOp[], payments: Payment[]): Order => {
    const cart = newCart({
      ...where,
      id: randomUUID() as OrderId,
      currency: 'EUR',
      at: clock.now(),
    });
    return pay(
      ops.reduce((c, op) => applyCartOp(c, op, { ...ctx, newLineId }), cart),
      payments,
    );
  };
  const refund = (original: Order, pick: (lines: Order['lines']) => RefundLineRequest[]) => {
    const ctxRefund = { ...where, id: randomUUID() as OrderId, at: clock.now(), newLineId };
    const cart = buildRefund(original, pick(original.lines), refundedQuantities(orders), ctxRefund);
    const { total } = computeTotals(cart.lines, [], cart.fixedTaxes);
    return pay(cart, [{ method: 'cash', amount: total }]);
  };

  const add = (productId: string, qty: number): CartOp => ({
    type: 'addProduct',
    productId: productId as ProductId,
    qty,
  });
  // bread is line 1 and wine line 2: 10% off the wine, paid part by card, the rest in cash with change
  const split = sell(
    [
      add('bread', 3),
      add('wine', 2),
      { type: 'setDiscount', lineId: `${till}-line-2` as LineId, discountBp: 1_000 },
    ],
    [
      { method: 'card', amount: 1_500 },
      { method: 'cash', amount: 2_000 },
    ],
  );
  const atLimit = sell(
    [add('gold', LIMIT_QTY)],
    [{ method: 'card', amount: LIMIT_QTY * MAX_UNIT_PRICE }],
  );
  sell(
    [add('gold', LIMIT_QTY - 1), add('bread', 1)],
    [
      { method: 'other', amount: (LIMIT_QTY - 1) * MAX_UNIT_PRICE },
      { method: 'cash', amount: 250 },
    ],
  );
  refund(split, (lines) => lines.map((l) => ({ lineId: l.id, qty: 1 })));
  refund(atLimit, (lines) => [{ lineId: lines[0]!.id, qty: LIMIT_QTY / 2 }]);

  const move = (amount: number, reason: string): CashMove => ({
    id: randomUUID() as CashMoveId,
    amount,
    reason,
    at: clock.now(),
    by: alice,
    approvedBy: null,
  });
  const moves = [move(5_000, 'change from the bank'), move(-1_250, 'window cleaner')];
  const opening = (kind: DrawerOpening['kind'], order: Order | null): DrawerOpening => ({
    id: randomUUID() as DrawerOpeningId,
    kind,
    orderId: order?.id ?? null,
    orderNumber: order?.number ?? null,
    reason: order ? '' : 'customer needed change',
    at: clock.now(),
    by: alice,
    approvedBy: null,
  });
  const openings = [opening('sale', split), opening('no-sale', null)];

  const opened = openDayMeta({
    ...where,
    session: 1,
    currency: 'EUR',
    float: 10_000,
    at: clock.now(),
  });
  const meta = closeDayMeta(opened, {
    at: clock.now(),
    by: alice,
    counted: { cash: 12_345, card: 100 },
    orderCount: orders.length,
  });
  const report = dayReport(meta, orders, moves, openings);

  const transferId = randomUUID() as TransferId;
  const sent: TransferEvent = {
    type: 'sent',
    at: clock.now(),
    transferId,
    from: till,
    mode: 'broadcast',
    targets: null,
    cart: {
      sourceOrderId: split.id,
      currency: 'EUR',
      customer: null,
      note: '',
      lines: split.lines,
      totals: split.totals!,
    },
    by: alice,
  };
  const claimed: TransferEvent = { type: 'claimed', at: clock.now(), till, by: alice };
  const paidEvent: TransferEvent = {
    type: 'paid',
    at: clock.now(),
    till,
    orderId: split.id,
    orderNumber: split.number!,
    by: alice,
  };
  const transfer = (events: TransferEvent[], status: string): ArchiveRecord => ({
    kind: 'transfer',
    meshId,
    id: transferId,
    status,
    from: till,
    finalisedBy: status === 'done' ? till : null,
    orderNumber: status === 'done' ? split.number : null,
    events,
  });
  const cancelledId = randomUUID() as TransferId;
  const cancelled: ArchiveRecord = {
    kind: 'transfer',
    meshId,
    id: cancelledId,
    status: 'cancelled',
    from: till,
    finalisedBy: null,
    orderNumber: null,
    events: [
      { ...sent, transferId: cancelledId },
      { type: 'cancelled', at: clock.now(), by: alice },
    ],
  };

  const records: ArchiveRecord[] = [
    ...orders.map((order): ArchiveRecord => ({ kind: 'order', meshId, doc, order })),
    transfer([sent, claimed, paidEvent], 'done'),
    cancelled,
    ...moves.map((m): ArchiveRecord => ({
      kind: 'cash-move',
      meshId,
      till,
      businessDate,
      move: m,
    })),
    ...openings.map((o): ArchiveRecord => ({
      kind: 'drawer-opening',
      meshId,
      till,
      businessDate,
      opening: o,
    })),
    { kind: 'z-report', meshId, meta, report },
  ];
  return { records, doc, orders, report, transferEarly: transfer([sent, claimed], 'claimed') };
}
