/**
 * What the shop was told during a run — the ground truth the invariants hold
 * the tills to: orders a cashier saw paid (and those a crash caught after
 * their commit), Z reports printed at closings, and every transfer step a
 * till acknowledged.
 */
import type { DayReport } from '../../crdt/report.ts';
import type { Order } from '../../crdt/schema.ts';

/** Shown paid to the cashier, or committed on disk just before a crash (never shown). */
export type PaidHow = 'acknowledged' | 'committed';

export interface PaidRecord {
  order: Order;
  how: PaidHow;
}

export interface ClosedDay {
  till: string;
  doc: string;
  report: DayReport;
}

export type TransferStep = 'claimed' | 'released' | 'cancelled' | 'paid';

export class Ledger {
  readonly paid = new Map<string, PaidRecord>();
  readonly closedDays: ClosedDay[] = [];
  /** Per transfer, per `step:till`, how many a till acknowledged. */
  readonly transferSteps = new Map<string, Map<string, number>>();
  readonly sentTransfers = new Set<string>();

  recordPaid(order: Order, how: PaidHow): void {
    this.paid.set(order.id, { order, how });
    if (order.transferRef) this.recordStep(order.transferRef, 'paid', order.till);
  }

  recordClosedDay(day: ClosedDay): void {
    this.closedDays.push(day);
  }

  recordStep(transfer: string, step: TransferStep, till: string): void {
    const steps = this.transferSteps.get(transfer) ?? new Map<string, number>();
    steps.set(`${step}:${till}`, (steps.get(`${step}:${till}`) ?? 0) + 1);
    this.transferSteps.set(transfer, steps);
  }

  /** Paid sales a refund may be asked against, oldest first. */
  sales(): Order[] {
    return [...this.paid.values()].map((p) => p.order).filter((o) => o.kind === 'sale');
  }

  refunds(): Order[] {
    return [...this.paid.values()].map((p) => p.order).filter((o) => o.kind === 'refund');
  }
}
