/**
 * What the shop was told during a run — the ground truth the invariants hold
 * the tills to: orders a cashier saw paid (and those a crash caught after
 * their commit), Z reports printed at closings, every transfer step a
 * till acknowledged, and every record a hostile till forged.
 */
import type { DayReport } from '../../crdt/report.ts';
import type { Order } from '../../crdt/schema.ts';

/** Shown paid to the cashier, or committed on disk just before a crash (never shown). */
export type PaidHow = 'acknowledged' | 'committed';

export interface PaidRecord {
  order: Order;
  how: PaidHow;
  /** The till that sold it (its host: two tills may share a code). */
  host: string;
  /** Whether that till's registry said it owned its code when it showed the order paid. */
  ownedCode: boolean;
}

export interface ClosedDay {
  /** The till that closed it (its host). */
  host: string;
  doc: string;
  report: DayReport;
}

/** A record a hostile till wrote in another's name (sim/work/forgeries.ts): nobody may count it. */
export interface Forgery {
  kind: 'foreign' | 'tampered' | 'spoofed' | 'cash' | 'transfer' | 'overwrite';
  doc: string;
  map: string;
  /** The record's key (an order or cash movement id, or the transfer's id). */
  key: string;
  /** A forged transfer event's stamp, which no honest till makes. */
  stamp?: string;
  /** The total an overwritten order was given. */
  total?: number;
}

export type TransferStep = 'claimed' | 'released' | 'cancelled' | 'paid';

export class Ledger {
  readonly paid = new Map<string, PaidRecord>();
  readonly closedDays: ClosedDay[] = [];
  /** Per transfer, per `step:till`, how many a till acknowledged. */
  readonly transferSteps = new Map<string, Map<string, number>>();
  readonly sentTransfers = new Set<string>();
  readonly forged: Forgery[] = [];

  recordPaid(paid: PaidRecord): void {
    const { order } = paid;
    this.paid.set(order.id, paid);
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
