/**
 * Refunds, refereed by the till that sold the order. A refund here asks the
 * seller (a request log in the `refunds` document) and pays out once granted;
 * this till, as a seller, answers every request for its own sales in the order
 * they were asked. With the seller out of reach a manager may refund
 * provisionally, up to a limit set in the mesh settings.
 */
import { conflict, invalid, notFound } from '../../crdt/errors.ts';
import { appendEvent, createLog } from '../../crdt/event-logs.ts';
import type { LineId } from '../../crdt/ids.ts';
import { newId } from '../../crdt/ids.ts';
import { formatMoney } from '../../crdt/money.ts';
import type { RefundLineRequest } from '../../crdt/refund.ts';
import { buildRefund } from '../../crdt/refund.ts';
import type { RefundConflict, RefundEvent, RefundRequest } from '../../crdt/refund-requests.ts';
import {
  decideRefunds,
  REFUND_LOGS,
  RefundRequestsView,
  refundConflicts,
} from '../../crdt/refund-requests.ts';
import { REFUNDS_DOC } from '../../crdt/documents.ts';
import type { Order, Payment, PaymentMethod } from '../../crdt/schema.ts';
import { withTotals } from '../../crdt/pricing.ts';
import type { Actor } from '../auth/sessions.ts';
import { LOCAL } from '../docs/origins.ts';
import type { ApprovalPin } from '../auth/manager-approval.ts';
import { requireOwnCode, staffRef, SYSTEM } from './access.ts';
import type { TillContext } from './context.ts';
import { meshSettings, newOrderContext } from './context.ts';
import type { DayService } from './day-service.ts';
import type { SalesService } from './sales-service.ts';

/** How long a refund waits for the selling till's answer before it says the seller is out of reach. */
export const GRANT_TIMEOUT_MS = 5_000;

export interface RefundOptions {
  /** Pay out without the seller's grant (a manager's decision, within the limit). */
  provisional?: boolean;
  /** A manager's PIN typed at the till: a cashier refunds with it. */
  approval?: ApprovalPin;
  /** Pay the whole refund out in this method, the amount worked out here (instead of `payments`). */
  payout?: PaymentMethod;
}

export class RefundService {
  readonly requests: RefundRequestsView;
  private readonly doc;
  private readonly waiting = new Map<string, () => void>();
  private answerQueued = false;

  constructor(
    private readonly ctx: TillContext,
    private readonly days: DayService,
    private readonly sales: SalesService,
  ) {
    this.doc = ctx.docs.open(REFUNDS_DOC);
    this.requests = new RefundRequestsView(this.doc, ctx.report, ctx.registry);
    ctx.docs.onUpdate((name) => {
      if (name !== REFUNDS_DOC) return;
      for (const wake of this.waiting.values()) wake();
      this.scheduleAnswers();
    });
    this.answer();
  }

  async refund(
    actor: Actor,
    originalRef: string,
    lines: RefundLineRequest[],
    payments: Payment[],
    options: RefundOptions = {},
  ): Promise<Order> {
    const approver = this.ctx.approvals.approver(actor, 'refund', 'a refund', options.approval);
    requireOwnCode(this.ctx);
    this.days.require();
    const original = this.sales.findOrder(originalRef);
    if (!original)
      throw notFound(
        'ORDER_NOT_FOUND',
        `no order ${originalRef} in the live documents or the journal`,
      );
    if (original.kind !== 'sale' || original.status !== 'paid' || !original.number)
      throw conflict(
        'NOT_REFUNDABLE',
        `order ${original.number ?? original.id} is not a paid sale`,
      );
    if (lines.length === 0) throw invalid('EMPTY_REFUND', 'choose at least one line to refund');
    const id = `${this.ctx.code}-${newId()}`;
    const provisional = options.provisional === true && original.till !== this.ctx.code;
    if (provisional) this.checkProvisional(actor, original, lines);
    const asked: RefundEvent = {
      type: 'requested',
      at: this.ctx.clock.now(),
      originalId: original.id,
      originalNumber: original.number,
      seller: original.till,
      till: this.ctx.code,
      lines: lines.map((l) => ({ lineId: l.lineId, qty: l.qty })),
      provisional,
      by: staffRef(actor),
    };
    this.ctx.docs.transact(() =>
      this.doc.transact(() => createLog(this.doc, REFUND_LOGS, id, asked, this.ctx.signer), LOCAL),
    );
    // the seller answers: this till itself at once, another till through the mesh
    if (original.till === this.ctx.code) this.answer();
    const request = provisional ? this.requests.get(id)! : await this.answerTo(id, original);
    if (request.status === 'refused')
      throw conflict('REFUND_REFUSED', `${original.till} refused the refund: ${request.refusal}`);
    // the shares follow on from what the seller counted as refunded before (exact to the cent)
    const before = request.grant
      ? new Map(Object.entries(request.grant.before) as Array<[LineId, number]>)
      : this.counted(original, id);
    try {
      const built = buildRefund(
        original,
        lines,
        before,
        newOrderContext(this.ctx, this.days.require(), actor),
      );
      const approved = {
        action: 'refund' as const,
        lineId: null,
        by: approver,
        at: built.openedAt,
      };
      const refund = { ...built, approvals: [...built.approvals, approved] };
      const payOut = options.payout
        ? [{ method: options.payout, amount: withTotals(refund).totals.total }]
        : payments;
      return this.sales.payRefund(actor, refund, payOut, (paid) =>
        this.appendInCommit(id, {
          type: 'paid',
          at: this.ctx.clock.now(),
          orderId: paid.id,
          orderNumber: paid.number!,
          by: staffRef(actor),
        }),
      );
    } catch (error) {
      // granted but not paid out (a wrong payment): give the quantities back to the sale
      this.append(id, { type: 'withdrawn', at: this.ctx.clock.now(), by: staffRef(actor) });
      throw error;
    }
  }

  /** Refunds of a sale that together pass it (from provisional refunds made apart): for the manager. */
  conflicts(): RefundConflict[] {
    const originals = new Set(this.requests.all().map((r) => r.originalId));
    return [...originals].flatMap((id) => {
      const original = this.sales.findOrder(id);
      return original ? refundConflicts(original, this.sales.refundsOf(original.id)) : [];
    });
  }

  private checkProvisional(actor: Actor, original: Order, lines: RefundLineRequest[]): void {
    const limit = meshSettings(this.ctx).provisionalRefundLimit;
    const draft = buildRefund(
      original,
      lines,
      this.counted(original),
      newOrderContext(this.ctx, this.days.require(), actor),
    );
    const amount = -draft.lines.reduce((s, l) => s + (l.fixedAmount ?? 0), 0);
    if (amount > limit)
      throw conflict(
        'PROVISIONAL_LIMIT',
        `a provisional refund is at most ${formatMoney(limit, original.currency)} (the mesh setting provisionalRefundLimit); this one is ${formatMoney(amount, original.currency)}: wait for ${original.till}`,
      );
  }

  /** What this till knows was refunded of each line (every request that counts, but `except`). */
  private counted(original: Order, except?: string): Map<LineId, number> {
    const taken = new Map<LineId, number>();
    for (const r of this.requests.of(original.id)) {
      if (r.id === except) continue;
      const counts =
        r.status === 'paid' ||
        r.status === 'granted' ||
        (r.provisional && r.status !== 'withdrawn');
      if (counts) for (const l of r.lines) taken.set(l.lineId, (taken.get(l.lineId) ?? 0) + l.qty);
    }
    return taken;
  }

  /** Waits for the seller's answer; without one in time the request is withdrawn and nothing is paid. */
  private answerTo(id: string, original: Order): Promise<RefundRequest> {
    return new Promise((resolve, reject) => {
      const done = () => {
        const request = this.requests.get(id);
        if (!request || request.status === 'pending') return;
        clearTimeout(timer);
        this.waiting.delete(id);
        resolve(request);
      };
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        this.append(id, { type: 'withdrawn', at: this.ctx.clock.now(), by: SYSTEM });
        reject(
          conflict(
            'SELLER_UNREACHABLE',
            `${original.till}, the till that sold ${original.number}, did not answer within ${GRANT_TIMEOUT_MS / 1000} s: it is out of reach. A manager may refund provisionally (up to ${formatMoney(meshSettings(this.ctx).provisionalRefundLimit, original.currency)})`,
          ),
        );
      }, GRANT_TIMEOUT_MS);
      this.waiting.set(id, done);
      done();
    });
  }

  private append(id: string, event: RefundEvent): void {
    this.ctx.docs.transact(() => this.appendInCommit(id, event));
  }

  /** Inside whatever commit is open (the refund's payment). */
  private appendInCommit(id: string, event: RefundEvent): void {
    this.doc.transact(() => appendEvent(this.doc, REFUND_LOGS, id, event, this.ctx.signer), LOCAL);
  }

  private scheduleAnswers(): void {
    if (this.answerQueued) return;
    this.answerQueued = true;
    queueMicrotask(() => {
      this.answerQueued = false;
      this.answer();
    });
  }

  /** As the seller: answer every pending request for this till's sales, in the order asked. */
  private answer(): void {
    if (this.ctx.registry.ownerOf(this.ctx.code) !== this.ctx.signer.peerId) return;
    const mine = this.requests.all().filter((r) => r.seller === this.ctx.code);
    const pending = new Set(mine.filter((r) => r.status === 'pending').map((r) => r.originalId));
    for (const originalId of pending) {
      const original = this.sales.findOrder(originalId);
      if (!original || original.till !== this.ctx.code) continue;
      for (const d of decideRefunds(original, this.requests.of(originalId))) {
        this.append(
          d.id,
          d.grant
            ? { type: 'granted', at: this.ctx.clock.now(), before: d.before }
            : { type: 'refused', at: this.ctx.clock.now(), reason: d.reason },
        );
        this.ctx.log.info(d.grant ? 'refund granted' : 'refund refused', {
          request: d.id,
          order: original.number,
          ...(d.grant ? {} : { reason: d.reason }),
        });
      }
    }
  }
}
