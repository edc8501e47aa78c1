/**
 * Carts, payment and refunds on this till. Payment is the durable step: the
 * order number, the paid order and its journal rows commit together (fsync'd)
 * before the caller hears "paid".
 */
import type { LiveDayTotals } from '../../crdt/api-types.ts';
import { dayReport } from '../../crdt/report.ts';
import type * as Y from 'yjs';
import type { CartOp } from '../../crdt/cart.ts';
import { applyCartOp, newCart } from '../../crdt/cart.ts';
import type { DayView } from '../../crdt/day.ts';
import { conflict, notFound } from '../../crdt/errors.ts';
import type { LineId, OrderId } from '../../crdt/ids.ts';
import { newId } from '../../crdt/ids.ts';
import { formatOrderNumber } from '../../crdt/order-number.ts';
import { checkPayment, finalizePaid, voidCart } from '../../crdt/payment.ts';
import { parseDocName, SETTINGS_DOC } from '../../crdt/documents.ts';
import type { Approval, Order, Payment } from '../../crdt/schema.ts';
import type { ApprovalPin } from '../auth/manager-approval.ts';
import { percent } from '../../crdt/money.ts';
import type { Actor } from '../auth/sessions.ts';
import { requireOwnCode, staffRef } from './access.ts';
import type { TillContext } from './context.ts';
import { CART_EDIT, commit, countedHere, dayView, meshSettings } from './context.ts';
import type { DayService, OpenDayHandle } from './day-service.ts';
import { headAfter, nextLink } from '../books/chain.ts';

/** What paying or voiding must check and record for orders that came from a transfer. */
export interface PaymentHooks {
  assertPayable(order: Order): void;
  /** Runs inside the payment's commit. */
  recordPaid(order: Order): void;
  /** Runs inside the void's commit. */
  recordVoid(order: Order, actor: Actor): void;
}

/** What happens to this till's carts and orders, for the devices (printer, display). */
export interface SalesObserver {
  /** Inside the payment's commit: durable work that must not be lost, such as queueing the receipt. */
  paidInCommit?(order: Order): void;
  /** After the commit: the order as it now is, and as it was before. */
  committed?(order: Order, before: Order | undefined): void;
}

export class SalesService {
  private readonly observers = new Set<SalesObserver>();

  /** Each live day's totals, worked out once per change of its document (the status is polled). */
  private readonly totalsOf = new Map<string, LiveDayTotals | null>();

  constructor(
    private readonly ctx: TillContext,
    private readonly days: DayService,
    private readonly hooks: PaymentHooks,
  ) {
    // the registry decides whose records count: a settings change may change any day
    ctx.docs.onUpdate((name) =>
      name === SETTINGS_DOC ? this.totalsOf.clear() : this.totalsOf.delete(name),
    );
    ctx.docs.onRetire((name) => this.totalsOf.delete(name));
  }

  observe(observer: SalesObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  private tell(order: Order, before: Order | undefined): void {
    for (const o of this.observers) {
      try {
        o.committed?.(order, before);
      } catch (error) {
        // a device fault never fails a sale that is already on disk
        this.ctx.log.error('sales observer failed', { order: order.id, error });
      }
    }
  }

  createCart(actor: Actor): Order {
    requireOwnCode(this.ctx);
    const day = this.days.require();
    const meta = day.view.meta();
    if (!meta)
      throw conflict('DAY_UNREADABLE', `the meta record of ${day.name} is missing or invalid`);
    const cart = newCart({
      id: newId<OrderId>(),
      till: this.ctx.code,
      businessDate: meta.businessDate,
      // the day's currency, even if a peer changed the setting since: a day never mixes currencies
      currency: meta.currency,
      at: this.ctx.clock.now(),
      by: staffRef(actor),
    });
    commit(this.ctx, day.doc, () => day.write.order(cart), CART_EDIT);
    this.tell(cart, undefined);
    return cart;
  }

  openCarts(): Order[] {
    const day = this.days.current();
    if (!day) return [];
    return day.view
      .orders()
      .filter((o) => o.status === 'open')
      .sort((a, b) => (a.openedAt < b.openedAt ? -1 : 1));
  }

  /** An order of this till's open day. */
  ownOrder(id: OrderId): { day: OpenDayHandle; order: Order } {
    const day = this.days.require();
    const order = day.view.order(id);
    if (!order)
      throw notFound('ORDER_NOT_FOUND', `no order ${id} in the open day of ${this.ctx.code}`);
    return { day, order };
  }

  applyOp(actor: Actor, id: OrderId, op: CartOp, pin?: ApprovalPin): Order {
    return this.applyOps(actor, id, [op], pin);
  }

  /** Several operations, all or none, in one commit; a manager's PIN approves what needs one. */
  applyOps(actor: Actor, id: OrderId, ops: readonly CartOp[], pin?: ApprovalPin): Order {
    requireOwnCode(this.ctx);
    const { day, order } = this.ownOrder(id);
    const approvals = this.approvalsFor(actor, ops, pin);
    const ctx = {
      catalogue: this.ctx.catalogue,
      scaleLayouts: meshSettings(this.ctx).scaleBarcodes,
      at: this.ctx.clock.now(),
      by: staffRef(actor),
      newLineId: () => newId<LineId>(),
    };
    const applied = ops.reduce((current, op) => applyCartOp(current, op, ctx), order);
    const next = approvals.length
      ? { ...applied, approvals: [...applied.approvals, ...approvals] }
      : applied;
    commit(this.ctx, day.doc, () => day.write.order(next), CART_EDIT);
    this.tell(next, order);
    return next;
  }

  /** What in `ops` a cashier may not do alone, approved (and recorded) or refused. */
  private approvalsFor(actor: Actor, ops: readonly CartOp[], pin?: ApprovalPin): Approval[] {
    const rules = meshSettings(this.ctx).approvals;
    const at = this.ctx.clock.now();
    return ops.flatMap((op): Approval[] => {
      if (op.type === 'setDiscount' && op.discountBp > rules.discountAboveBp) {
        const what = `a discount above ${percent(rules.discountAboveBp)}`;
        const by = this.ctx.approvals.approver(actor, 'discount', what, pin);
        return [{ action: 'discount', lineId: op.lineId, by, at }];
      }
      if (op.type === 'setPrice' && op.price !== null && rules.priceOverride) {
        const by = this.ctx.approvals.approver(actor, 'price', 'changing a price', pin);
        return [{ action: 'price', lineId: op.lineId, by, at }];
      }
      return [];
    });
  }

  pay(actor: Actor, id: OrderId, payments: Payment[]): Order {
    const { day, order } = this.ownOrder(id);
    return this.commitPaid(actor, day, order, payments);
  }

  voidCart(actor: Actor, id: OrderId, pin?: ApprovalPin, reason = ''): Order {
    const { day, order } = this.ownOrder(id);
    // A cart lost to another till's claim is being sold there: clearing it away needs no manager.
    const approvals: Approval[] =
      order.lines.length > 0 &&
      !order.transferLost &&
      meshSettings(this.ctx).approvals.voidWithLines
        ? [
            {
              action: 'void',
              lineId: null,
              by: this.ctx.approvals.approver(actor, 'void', 'voiding a cart with lines', pin),
              at: this.ctx.clock.now(),
            },
          ]
        : [];
    const voided = {
      ...voidCart(order, this.ctx.clock.now(), staffRef(actor), reason),
      approvals: [...order.approvals, ...approvals],
    };
    commit(this.ctx, day.doc, () => {
      day.write.order(voided);
      this.hooks.recordVoid(voided, actor);
    });
    this.tell(voided, order);
    this.ctx.log.info('cart voided', {
      order: id,
      by: actor.name,
      lines: order.lines.length,
      reason: voided.voidReason,
    });
    return voided;
  }

  /** Pays out a refund built against an earlier sale (the refund service asked its seller first). */
  payRefund(
    actor: Actor,
    refund: Order,
    payments: Payment[],
    inCommit: (paid: Order) => void,
  ): Order {
    return this.commitPaid(actor, this.days.require(), refund, payments, inCommit);
  }

  /** By id or by number, in every live day document, then the journal. */
  findOrder(ref: string): Order | undefined {
    for (const view of this.liveDays()) {
      const order = view.order(ref as OrderId) ?? view.orders().find((o) => o.number === ref);
      if (order) return order;
    }
    const { journal } = this.ctx;
    const counted = (o: Order | undefined) => (o && countedHere(this.ctx, o) ? o : undefined);
    return (
      counted(journal.order(ref as OrderId)) ??
      journal.ordersByNumber(ref).find((o) => countedHere(this.ctx, o))
    );
  }

  /**
   * Paid sales and refunds of the live days, this till's and the others' the
   * documents hold, newest first; `query` matches a number or a customer.
   */
  paidOrders(query: string, limit: number): Order[] {
    const q = query.trim().toLowerCase();
    const matches = (o: Order) =>
      !q ||
      (o.number ?? '').toLowerCase().includes(q) ||
      (o.customer?.name ?? '').toLowerCase().includes(q);
    return this.liveDays()
      .flatMap((view) => view.orders())
      .filter((o) => o.status === 'paid' && matches(o))
      .sort((a, b) => ((a.closedAt ?? '') < (b.closedAt ?? '') ? 1 : -1))
      .slice(0, limit);
  }

  /** Paid refunds of an order: the journal's, plus live ones it may not hold yet. */
  refundsOf(id: OrderId): Order[] {
    const journaled = this.ctx.journal.refundsOf(id).filter((o) => countedHere(this.ctx, o));
    const byId = new Map(journaled.map((o) => [o.id, o]));
    for (const view of this.liveDays()) {
      for (const o of view.orders())
        if (o.refundOf?.id === id && o.status === 'paid') byId.set(o.id, o);
    }
    return [...byId.values()];
  }

  /** Each live day's totals, from the records its till signed (what another till's status page shows). */
  liveDayTotals(): LiveDayTotals[] {
    return this.liveDays().flatMap((view) => {
      if (!this.totalsOf.has(view.name)) this.totalsOf.set(view.name, totalsOfDay(view));
      return this.totalsOf.get(view.name) ?? [];
    });
  }

  private liveDays(): DayView[] {
    return this.ctx.docs
      .names()
      .filter((name) => parseDocName(name)?.kind === 'day')
      .map((name) => dayView(this.ctx, this.ctx.docs.get(name) as Y.Doc, name));
  }

  private commitPaid(
    actor: Actor,
    day: OpenDayHandle,
    order: Order,
    payments: Payment[],
    inCommit?: (paid: Order) => void,
  ): Order {
    requireOwnCode(this.ctx);
    const totals = checkPayment(order, payments);
    this.hooks.assertPayable(order);
    const paid = commit(this.ctx, day.doc, () => {
      const number = formatOrderNumber(
        this.ctx.code,
        order.businessDate,
        this.ctx.state.nextOrderSeq(order.businessDate),
      );
      const result = finalizePaid(
        order,
        payments,
        totals,
        number,
        this.ctx.clock.now(),
        staffRef(actor),
      );
      // its link in this till's chain of sales, signed with it
      const chain = nextLink(this.ctx.state.chainHead(), totals.total);
      const signed = day.write.order({ ...result, chain });
      this.ctx.state.setChainHead(headAfter(chain, signed.sig ?? ''));
      this.ctx.journal.recordOrder(signed, day.name);
      this.hooks.recordPaid(signed);
      inCommit?.(signed);
      for (const o of this.observers) o.paidInCommit?.(signed);
      return signed;
    });
    this.tell(paid, order);
    this.ctx.log.info(paid.kind === 'refund' ? 'refund paid' : 'order paid', {
      order: paid.id,
      number: paid.number,
      total: paid.totals?.total,
      by: actor.name,
    });
    return paid;
  }
}

function totalsOfDay(view: DayView): LiveDayTotals | null {
  const meta = view.meta();
  if (!meta) return null;
  const report = dayReport(meta, view.orders(), view.cashMoves(), view.drawerOpenings());
  return {
    doc: view.name,
    till: meta.till,
    businessDate: meta.businessDate,
    session: meta.session,
    closed: meta.closedAt !== null,
    sales: report.sales.count,
    salesTotal: report.sales.total,
    refunds: report.refunds.count,
    net: report.net,
  };
}
