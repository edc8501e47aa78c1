/**
 * A printer's queue of tickets, durable: a ticket added in a payment's commit
 * survives kill -9 and prints once when the printer is back. The daemon keeps it
 * in SQLite; tests also use the in-memory one. Both run one contract suite.
 */
/** A sale's receipt, its reprint, a day report (X or Z), or the settings screen's test page. */
export type PrintJobKind = 'receipt' | 'copy' | 'report' | 'test';
/** waiting: to print; held: waits for a person to decide (stale, or its order is gone). */
export type PrintJobState = 'waiting' | 'held' | 'done' | 'discarded';
/** A cash sale's drawer kick: sent at most once, or skipped when the receipt prints too late. */
export type DrawerKick = 'none' | 'pending' | 'kicked' | 'skipped';

export interface PrintJob {
  id: number;
  kind: PrintJobKind;
  orderId: string;
  /** The order number: what people and file names call the ticket. */
  label: string;
  createdAt: number;
  state: PrintJobState;
  attempts: number;
  lastError: string | null;
  drawer: DrawerKick;
  /** A person said to print it although it is stale. */
  released: boolean;
  doneAt: number | null;
  /** What a ticket without an order prints (a report as it was when asked for, JSON); else null. */
  payload: string | null;
}

export type NewPrintJob = Pick<PrintJob, 'kind' | 'orderId' | 'label' | 'createdAt' | 'drawer'> & {
  payload?: string | null;
};
export type PrintJobPatch = Partial<
  Pick<PrintJob, 'state' | 'attempts' | 'lastError' | 'drawer' | 'released' | 'doneAt'>
>;

export interface PrintQueueStore {
  add(job: NewPrintJob): PrintJob;
  get(id: number): PrintJob | undefined;
  /** The oldest waiting ticket: one printer prints in the order tickets came. */
  next(): PrintJob | undefined;
  update(id: number, patch: PrintJobPatch): PrintJob;
  /** Newest first. */
  list(options?: { states?: readonly PrintJobState[]; limit?: number }): PrintJob[];
  counts(): { waiting: number; held: number };
}

export class UnknownPrintJobError extends Error {
  override readonly name = 'UnknownPrintJobError';
}
